"""Generic rules for replies written in languages other than English, one module a language."""
