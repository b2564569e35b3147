"""The limits every SMTP client here keeps, in one place (as email-validator's rfc_constants)."""

from __future__ import annotations

__all__ = ["MAX_LINE_BYTES", "MAX_REPLY_LINES", "QUIT_TIMEOUT"]

# A reply longer than this is a broken or hostile server, not a reply.
MAX_REPLY_LINES = 200
# RFC 5321 4.5.3.1.5 allows 512 octets a reply line; far longer is no reply either. Also the
# line limit of the asyncio streams the drivers open, so both readers stop at the same place.
MAX_LINE_BYTES = 64 * 1024
# Seconds to wait for the answer to QUIT (and for the connection to close): whatever was
# asked is known by then, so QUIT is a courtesy.
QUIT_TIMEOUT = 2.0
