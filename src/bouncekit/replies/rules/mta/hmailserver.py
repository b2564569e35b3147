"""hMailServer's own wording: SMTPConnection.cpp and RecipientParser.cpp (the SMTP server),
the anti-spam tests under Common/AntiSpam/ (their failure text is the reply), and the default
DNSBL and SURBL reject messages its database scripts install.

https://github.com/hmailserver/hmailserver
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import CAUSE, MAILBOX, SENDER, STRONG, USER, WEAK

RULES: tuple[Rule, ...] = (
    # --- the recipient (RecipientParser::CheckDeliveryPossibility) -----------------------------
    Rule(
        id="hmailserver.route-list",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient not in route list",),
        examples=("550 Recipient not in route list.",),
        summary="The receiving hMailServer routes this domain elsewhere and the address is not "
        "in the route's list of recipients.",
        priority=USER,
    ),
    Rule(
        # An account, alias, distribution list or whole domain switched off by the admin.
        id="hmailserver.inactive",
        reason=Reason.SUSPEND,
        phrases=(
            "550 domain has been disabled",
            "550 account is not active",
            "550 alias is not active",
            "550 distribution list is not active",
        ),
        examples=(
            "550 Account is not active.",
            "550 Domain has been disabled.",
            "550 Distribution list is not active.",
        ),
        priority=MAILBOX + 1,
    ),
    Rule(
        # UserCanSendToList_: an announcement or members-only distribution list.
        id="hmailserver.list-sender",
        reason=Reason.REJECTED,
        phrases=("550 not authorized owner", "550 not authorized sender"),
        examples=("550 Not authorized sender.", "550 Not authorized owner."),
        owner=Owner.SENDER,
        summary="The address is a distribution list that accepts mail only from its members "
        "or its owner.",
        priority=SENDER,
    ),
    Rule(
        # _ProtocolRCPT: the IP range's relay options forbid this sender/recipient combination.
        id="hmailserver.delivery-not-allowed",
        reason=Reason.NORELAYING,
        phrases=("delivery is not allowed to this address",),
        examples=("550 Delivery is not allowed to this address.",),
        priority=SENDER,
    ),
    Rule(
        # _ProtocolRCPT: greylisting answers with this bare text.
        id="hmailserver.greylisting",
        reason=Reason.BLOCKED,
        phrases=("451 please try again later.",),
        examples=("451 Please try again later.",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="hMailServer greylisting: the first attempt from an unknown sender is deferred; "
        "a normal retry gets through.",
        priority=WEAK,
    ),
    # --- the envelope sender and the session ---------------------------------------------------
    Rule(
        id="hmailserver.sender",
        reason=Reason.REJECTED,
        phrases=(
            "550 sender address must be specified",
            "550 the address is not valid.",
            "sender domain does not have any mx records",
        ),
        examples=(
            "550 Sender address must be specified.",
            "550 The address is not valid.",
            "550 Sender domain does not have any MX records.",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        priority=STRONG,
    ),
    Rule(
        id="hmailserver.syntax",
        reason=Reason.SYNTAXERROR,
        phrases=("invalid syntax. syntax should be", "550 a valid address is required"),
        examples=(
            "550 Invalid syntax. Syntax should be MAIL FROM:<userdomain>[crlf]",
            "550 A valid address is required.",
        ),
        priority=SENDER,
    ),
    Rule(
        id="hmailserver.credentials",
        reason=Reason.SECURITYERROR,
        phrases=("login credentials no longer valid",),
        examples=("550 Login credentials no longer valid. Please re-authenticate.",),
        priority=SENDER,
    ),
    Rule(
        # _ProtocolEHLO/_ProtocolHELO without an argument; SpamTestHeloHost.
        id="hmailserver.helo",
        reason=Reason.BLOCKED,
        phrases=(
            "ehlo invalid domain address",
            "helo invalid domain address",
            "the host name specified in helo does not match ip address",
        ),
        examples=(
            "501 EHLO Invalid domain address.",
            "550 The host name specified in HELO does not match IP address.",
        ),
        priority=STRONG,
    ),
    Rule(
        # SpamTestSPF: "Blocked by SPF." with the domain's explanation, if any, in brackets.
        id="hmailserver.spf",
        reason=Reason.AUTHFAILURE,
        phrases=("blocked by spf.",),
        examples=("550 Blocked by SPF.", "550 Blocked by SPF. (Please see http://example.com/spf)"),
        priority=CAUSE,
    ),
    # --- the message -----------------------------------------------------------------------
    Rule(
        id="hmailserver.bare-lf",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("message containing bare lf's",),
        examples=("554 Rejected - Message containing bare LF's.",),
        priority=STRONG + 2,
    ),
    Rule(
        id="hmailserver.excessive-data",
        reason=Reason.MESGTOOBIG,
        phrases=("excessive amounts of data sent to server",),
        examples=("421 Excessive amounts of data sent to server.",),
        priority=STRONG,
    ),
    # --- the receiving system --------------------------------------------------------------
    Rule(
        id="hmailserver.save-failed",
        reason=Reason.SYSTEMERROR,
        phrases=("it could not be saved. please retry later", "rejected - no data saved"),
        examples=(
            "554 Your message was received but it could not be saved. Please retry later.",
            "451 Rejected - No data saved.",
        ),
        priority=MAILBOX,
    ),
)
