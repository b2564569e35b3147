"""One router module per job; :mod:`bouncekit.web.app` includes each of them."""
