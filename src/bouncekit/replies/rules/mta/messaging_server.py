"""Oracle Communications (formerly Sun Java System) Messaging Server: the default texts of its
error_text_* MTA options that rejections carry beside the one in the common rules ("unknown or
illegal alias/user", "unknown host or domain").

https://msg.wikidoc.info/index.php?title=Error_text_MTA_options
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

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
