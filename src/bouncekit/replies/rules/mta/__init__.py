"""Generic rules: the wording of mail transfer agents, one module per MTA family."""
