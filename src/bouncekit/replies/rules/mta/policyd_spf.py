"""The SPF policy servers for Postfix: pypolicyd-spf (spf-engine 3.0.4, postfix-policyd-spf-
python) and postfix-policyd-spf-perl (2.011).

Postfix prefixes their text with ``<rcpt>: Recipient address rejected:``, but the refusal is
of the sending host for the envelope sender's domain. pypolicyd-spf's Reason_Message is
``Message {rejectdefer} due to: {spf}. Please see {url}`` with an openspf.net "Why" URL; the
Perl server answers with the URL alone, or ``SPF-Result=<explanation>`` on a temporary error.

https://launchpad.net/spf-engine
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

from .common import CAUSE

RULES: tuple[Rule, ...] = (
    Rule(
        # spf_engine/__init__.py _rejectmessage; postfix-policyd-spf-perl DEFER_IF_PERMIT.
        id="policyd_spf.explanation",
        reason=Reason.AUTHFAILURE,
        phrases=("openspf.net/why?", "spf-result="),
        examples=(
            "550 5.7.23 <user@example.org>: Recipient address rejected: Message rejected due "
            "to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;"
            "id=bounce@example.com;ip=192.0.2.1;r=<UNKNOWN>",
            "450 4.7.24 <user@example.org>: Recipient address rejected: Message deferred due "
            "to: temporary DNS error in processing. Please see http://www.openspf.net/Why?"
            "s=mfrom;id=bounce@example.com;ip=192.0.2.1;r=<UNKNOWN>",
            "450 4.7.1 <user@example.org>: Recipient address rejected: SPF-Result=example.com: "
            "Temporary DNS error while looking up example.com TXT",
        ),
        summary="The receiver's SPF policy server found that your sending IP is not "
        "authorised by the SPF record of the envelope sender's (or HELO) domain, or could not "
        "evaluate that record.",
        priority=CAUSE,
    ),
)
