"""What Amazon SES and Amazon WorkMail DSNs share: the reply nested in an expiry notice."""

from __future__ import annotations

import re

from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.model import DecodedRecipient

# "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed
# out>": the last reply of the remote server, inside angle brackets, says more than 4.4.7.
_NESTED_REPLY = re.compile(r"<([245]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3})\b)?[^<>]*>\s*$")


def with_nested_reply(record: DecodedRecipient) -> DecodedRecipient:
    """The record with the reply code and status of the reply nested at the end, if any."""
    nested = _NESTED_REPLY.search(record.diagnostic)
    if nested is None:
        return record
    return revised(record, replycode=nested.group(1), status=nested.group(2) or record.status)
