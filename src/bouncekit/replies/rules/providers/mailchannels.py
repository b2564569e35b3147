"""MailChannels (``*.mailchannels.net``): outbound relay for many web hosts, inbound filtering,
and an Email API.

MailChannels documents its replies on three pages:

- Inbound Filtering: https://docs.mailchannels.com/inbound/smtp-errors
- Outbound Filtering, the bracketed codes (``[SS]``, ``[RBL]``, ``[ESA]``...):
  https://docs.mailchannels.com/outbound/smtp-errors (and, for the ``[RBL]`` text,
  https://www.hostpapa.com/knowledgebase/avoid-mailchannels-errors/)
- Email API: https://docs.mailchannels.com/email-api/sending-policies and
  https://docs.mailchannels.com/email-api/troubleshooting

Outbound and API rejections are about the sending account (a web host's customer), never about
the recipient, except ``[UNS]``, a suppression the account keeps. The bracketed codes are
MailChannels' own and serve as markers. The inbound page's "550 Message Blocked." and
"550 5.7.1 [NR] Message rejected" are not explained in the stored copy and are left out.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule, Verdict

INBOUND = "https://docs.mailchannels.com/inbound/smtp-errors"
OUTBOUND = "https://docs.mailchannels.com/outbound/smtp-errors"
API_POLICIES = "https://docs.mailchannels.com/email-api/sending-policies"
API_TROUBLESHOOTING = "https://docs.mailchannels.com/email-api/troubleshooting"
UNBLOCK = "https://docs.mailchannels.com/outbound/unblock-senders"

PROVIDER = Provider(
    key="mailchannels",
    name="MailChannels",
    host_suffixes=(".mailchannels.net",),
    markers=(
        "mailchannels",
        "[s09] try again later",
        "[s10] blocked",
        "[ib_feb]",
        "email has been rejected due to the domain's spf policy",
        "[rbl] sender blocked",
        "[esa] sender blocked",
        "[bfd] sender prohibited by spf",
        "this sender is not authorized to send from",
        "[br] our system has detected",
        "[uns] recipient has unsubscribed",
    ),
    docs_url=OUTBOUND,
)

_INSIGHTS = Action(
    "Open the MailChannels Insights link in the bounce and report a false positive there, or "
    "ask your hosting provider to review the block in its MailChannels Host Console.",
    url=UNBLOCK,
)

RULES: tuple[Rule, ...] = (
    # --- Inbound Filtering ---------------------------------------------------------------------
    Rule(
        id="mailchannels.greylisting",
        reason=Reason.ONHOLD,
        phrases=("[s09] try again later",),
        examples=("450 [S09] Try Again Later",),
        # Greylisting, as the generic rule reads it: the receiver's own deferral of an unknown
        # sender, which a normal retry passes.
        summary="MailChannels greylists mail from a sender it does not know yet; your server's "
        "retry a few minutes later gets through.",
        owner=Owner.RECEIVER,
        verdict=Verdict.UNKNOWN,
        retry=Retry.LATER,
        docs_url=INBOUND,
    ),
    Rule(
        id="mailchannels.ip-blocked",
        reason=Reason.BLOCKED,
        phrases=("[s10] blocked",),
        examples=("550 [S10] Blocked",),
        summary="MailChannels Inbound Filtering blocks the connecting IP.",
        actions=(Action("Ask MailChannels support to review the block of your IP."),),
        docs_url=INBOUND,
    ),
    Rule(
        id="mailchannels.attachment-type",
        reason=Reason.VIRUSDETECTED,
        phrases=("[ib_feb]",),
        examples=(
            "550 5.7.1 [IB_FEB] Your message could not be delivered because it contained an "
            "attachment type that is not allowed",
        ),
        summary="The recipient's MailChannels filter does not accept this attachment type.",
        actions=(Action("Send the file as a link, or in a type the recipient accepts."),),
        docs_url=INBOUND,
    ),
    Rule(
        id="mailchannels.spf-policy",
        reason=Reason.AUTHFAILURE,
        phrases=("email has been rejected due to the domain's spf policy",),
        examples=("550 5.7.1 Email has been rejected due to the domain's SPF policy",),
        summary="The sender domain's SPF record does not allow the sending IP, and "
        "MailChannels enforces its fail policy.",
        docs_url=INBOUND,
    ),
    # --- Outbound Filtering and the Email API: the sending account -----------------------------
    Rule(
        id="mailchannels.rbl",
        reason=Reason.BLOCKED,
        phrases=("[rbl] sender blocked",),
        examples=("550 5.7.1 [RBL] Sender blocked 192.0.2.1",),
        summary="The sending IP or domain is on a global blocklist, so MailChannels refuses to "
        "relay for it.",
        actions=(_INSIGHTS,),
        docs_url=OUTBOUND,
    ),
    Rule(
        id="mailchannels.sender-blocked",
        reason=Reason.REJECTED,
        phrases=("[esa] sender blocked",),
        examples=("550 5.7.1 [ESA] Sender blocked.",),
        # A manual, permanent block of the sending account after repeated or severe abuse:
        # like a suspended ESP account, it is about the sender, and only MailChannels (through
        # the hosting provider) lifts it.
        summary="MailChannels has permanently blocked this sender after repeated abuse; it "
        "stays blocked until the hosting provider has it reviewed.",
        actions=(_INSIGHTS,),
        docs_url=UNBLOCK,
    ),
    Rule(
        id="mailchannels.sender-authorisation",
        reason=Reason.AUTHFAILURE,
        phrases=("[bfd] sender prohibited by spf", "this sender is not authorized to send from"),
        examples=(
            "550 5.7.1 [BFD] Sender prohibited by SPF",
            "550 5.7.1 This sender is not authorized to send from example.com",
        ),
        # Domain Lockdown is a DNS record (_mailchannels TXT, "v=mc1 auth=ACCOUNT") naming the
        # accounts allowed to send for the domain: an authorisation in DNS like SPF.
        summary="The sending domain does not authorise this MailChannels account: its SPF or "
        "its Domain Lockdown record (_mailchannels TXT) leaves it out.",
        actions=(
            Action(
                "Publish a TXT record at _mailchannels.YOUR-DOMAIN with 'v=mc1 auth=ACCOUNT' "
                "and include MailChannels in your SPF record.",
                command="dig +short TXT _mailchannels.YOUR-DOMAIN",
                url=API_TROUBLESHOOTING,
            ),
        ),
        docs_url=API_POLICIES,
    ),
    Rule(
        id="mailchannels.invalid-recipients",
        reason=Reason.BADREPUTATION,
        phrases=("[br] our system has detected",),
        examples=(
            "550 5.7.1 [BR] Our system has detected an excessively high number of invalid "
            "recipients originating from your account.",
        ),
        summary="Your account sent to too many invalid addresses; MailChannels holds its mail "
        "back until the traffic improves.",
        actions=(
            Action("Remove bounced and unconfirmed addresses; validate addresses at signup."),
        ),
        docs_url=API_POLICIES,
    ),
    Rule(
        id="mailchannels.unsubscribed",
        reason=Reason.SUPPRESSED,
        phrases=("[uns] recipient has unsubscribed",),
        examples=("550 5.7.1 [UNS] Recipient has unsubscribed from your list.",),
        # A suppression the account keeps: it says the recipient opted out, nothing about
        # whether the address works.
        summary="The recipient unsubscribed from your mail, so MailChannels does not send to "
        "the address.",
        docs_url=API_POLICIES,
    ),
)
