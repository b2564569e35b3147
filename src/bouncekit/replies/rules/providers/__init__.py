"""Provider rules: one module per mailbox provider or filtering service, with its documentation URL."""
