"""Mailgun (``*.mailgun.org``), as it reports messages it did not send.

Mailgun drops a message to an address on its suppression lists and says so in its logs and
events (delivery-status codes 605, 606 and 607); it explains each in its help centre:

- "Not delivering to previously bounced address" (605):
  https://help.mailgun.com/hc/en-us/articles/360012287493-Suppressions-Bounces-Complaints-Unsubscribes-Whitelists
- "Not delivering to unsubscribed address" (606):
  https://help.mailgun.com/hc/en-us/articles/360012171713--Not-Delivering-to-Unsubscribed-Address-
- "Not delivering to a user who marked your messages as spam" (607):
  https://help.mailgun.com/hc/en-us/articles/360012070614-Why-did-I-receive-the-error-Not-delivering-to-a-user-who-marked-your-messages-as-spam

None of them is a reply of the recipient's server: they repeat what an earlier bounce, an
unsubscribe or a complaint said, so the reason is ``suppressed`` (the recipient's, and risky
rather than invalid: the bounce that put the address there may have been soft or mistaken).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

SUPPRESSIONS = (
    "https://help.mailgun.com/hc/en-us/articles/"
    "360012287493-Suppressions-Bounces-Complaints-Unsubscribes-Whitelists"
)
UNSUBSCRIBED = "https://help.mailgun.com/hc/en-us/articles/360012171713--Not-Delivering-to-Unsubscribed-Address-"
COMPLAINED = (
    "https://help.mailgun.com/hc/en-us/articles/360012070614-Why-did-I-receive-the-error-Not-"
    "delivering-to-a-user-who-marked-your-messages-as-spam"
)

PROVIDER = Provider(
    key="mailgun",
    name="Mailgun",
    host_suffixes=(".mailgun.org", ".mailgun.net"),
    markers=(
        "not delivering to previously bounced address",
        "not delivering to unsubscribed address",
        "not delivering to a user who marked your messages as spam",
    ),
    docs_url=SUPPRESSIONS,
)

_REMOVE_FROM_SUPPRESSIONS = Action(
    "Remove the address from the domain's Mailgun Suppressions only if the recipient confirms "
    "it (or opts in) again; otherwise remove it from your own list too.",
    url=SUPPRESSIONS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="mailgun.previously-bounced",
        reason=Reason.SUPPRESSED,
        phrases=("not delivering to previously bounced address",),
        examples=("Not delivering to previously bounced address",),
        summary="Mailgun did not send: an earlier message to this address bounced, so it is on "
        "the domain's bounce suppressions.",
        actions=(_REMOVE_FROM_SUPPRESSIONS,),
        docs_url=SUPPRESSIONS,
    ),
    Rule(
        id="mailgun.unsubscribed",
        reason=Reason.SUPPRESSED,
        phrases=("not delivering to unsubscribed address",),
        examples=("Not delivering to unsubscribed address",),
        summary="Mailgun did not send: the recipient unsubscribed from this domain's mail.",
        actions=(_REMOVE_FROM_SUPPRESSIONS,),
        docs_url=UNSUBSCRIBED,
    ),
    Rule(
        id="mailgun.complained",
        reason=Reason.SUPPRESSED,
        phrases=("not delivering to a user who marked your messages as spam",),
        examples=("Not delivering to a user who marked your messages as spam",),
        # The complaint itself was feedback; this is the suppression it caused.
        summary="Mailgun did not send: the recipient marked an earlier message as spam.",
        actions=(_REMOVE_FROM_SUPPRESSIONS,),
        docs_url=COMPLAINED,
    ),
)
