"""What Amazon SES and Amazon WorkMail DSNs share: the reply nested in an expiry notice."""

from __future__ import annotations

import re

from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes

# "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed
# out>": the last reply of the remote server, inside angle brackets, says more than 4.4.7.
_NESTED_REPLY = re.compile(
    r"<(" + codes.REPLYCODE_PATTERN + r")[ -]"
    r"(?:(" + codes.STATUS_PATTERN + r")" + codes.STATUS_AFTER + r")?[^<>]*>\s*$"
)
# The statuses that say only "failed" or "address failed": the text may name the reply's own.
VAGUE_STATUSES = frozenset({"4.0.0", "4.1.0", "5.0.0", "5.1.0"})


def with_nested_reply(record: DecodedRecipient) -> DecodedRecipient:
    """The record with the reply code and status of the reply nested at the end, if any."""
    nested = _NESTED_REPLY.search(record.diagnostic)
    if nested is None:
        return record
    return revised(record, replycode=nested.group(1), status=nested.group(2) or record.status)
