"""The suppression list's policy: which failures remove an address from a sender's list, and
which never do (``policy.py``, pure). The store (``bouncekit.store``) applies it and keeps the
list."""
