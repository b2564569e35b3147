"""Oracle Communications (formerly Sun Java System) Messaging Server: the default texts of its
error_text_* MTA options. The common rules read "unknown or illegal alias/user" and "unknown
host or domain"; this module reads the channel size limit, expired or forged SRS addresses, and
the access-mapping refusal that by default borrows the "unknown host or domain" text under a
5.7.1 status.

https://msg.wikidoc.info/index.php?title=Error_text_MTA_options
https://msg.wikidoc.info/index.php?title=Access_errors_MTA_option
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # The channel's blocklimit/maxblocks: the largest message the channel takes.
        id="messaging_server.channel-size-limit",
        reason=Reason.MESGTOOBIG,
        phrases=("channel limit of * kilobytes on message size exceeded",),
        examples=("552 5.2.3 channel limit of 10240 kilobytes on message size exceeded",),
        summary="The message is larger than the receiving Messaging Server channel accepts.",
        priority=STRONG,
    ),
    Rule(
        # An *_ACCESS mapping table refusal: with access_errors=0 (the default) it is worded as
        # error_text_unknown_host so as not to reveal the restriction, but its status is 5.7.1,
        # not 5.1.2; with access_errors=1 it is error_text_access_failure.
        id="messaging_server.access-mapping",
        reason=Reason.REJECTED,
        phrases=("unknown host or domain:", "you are not allowed to use this address"),
        statuses=("5.7.1",),
        examples=(
            "550 5.7.1 unknown host or domain: user@example.org",
            "550 5.7.1 you are not allowed to use this address: user@example.org",
        ),
        owner=Owner.SENDER,
        summary="The receiving Messaging Server's access rules refused this sender and "
        "recipient combination; the domain itself is not said to be unknown.",
        priority=STRONG,
    ),
    Rule(
        # error_text_srs_timeout / error_text_srs_badhash: a bounce address rewritten by SRS
        # (or MUL) that is too old or was not made by this server.
        id="messaging_server.srs-address",
        reason=Reason.USERUNKNOWN,
        phrases=("srs/mul address has timed out", "srs/mul address has a bad hash value"),
        examples=(
            "550 5.7.1 SRS/MUL address has timed out",
            "550 5.7.1 SRS/MUL address has a bad hash value",
        ),
        summary="The address is a rewritten (SRS) return address that has expired or that this "
        "server never issued: mail to it is no longer delivered.",
        priority=STRONG,
    ),
)
