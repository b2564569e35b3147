"""MIMEDefang's own wording (3.3): the defaults of ``action_bounce`` and ``action_tempfail``
(Mail/MIMEDefang/Actions.pm), the replies of mimedefang.pl and of the example filter Debian
installs as /etc/mail/mimedefang-filter.

https://mimedefang.org/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # Actions.pm action_bounce default; mimedefang-filter message/partial.
        id="mimedefang.policy",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("forbidden for policy reasons", "mime type message/partial not accepted here"),
        examples=(
            "554 5.7.1 Forbidden for policy reasons",
            "554 5.7.1 MIME type message/partial not accepted here",
        ),
        priority=STRONG,
    ),
    Rule(
        # mimedefang.pl: the MIME part limit.
        id="mimedefang.too-many-parts",
        reason=Reason.CONTENTERROR,
        phrases=("message contained too many mime parts",),
        examples=(
            "554 5.7.1 Message contained too many MIME parts.  We do not accept such "
            "complicated messages.",
        ),
        priority=STRONG,
    ),
    Rule(
        # mimedefang.pl could not hand the message to the filter; mimedefang-filter's tempfail
        # when the virus scanner fails.
        id="mimedefang.local-failure",
        reason=Reason.SYSTEMERROR,
        phrases=("unable to stream message", "problem running virus-scanner"),
        examples=(
            "554 5.7.1 Unable to stream message",
            "451 4.3.0 Problem running virus-scanner",
        ),
        priority=STRONG + 4,
    ),
)
