"""Reading failures where they happen into the store: bounce files (``files.py``) now;
mailboxes, MTA logs and ESP webhooks to come, each a pure reader with a thin I/O edge."""
