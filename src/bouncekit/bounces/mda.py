"""Errors of local delivery agents (dovecot, mail.local, procmail, maildrop, vpopmail, vmailmgr).

When the MTA hands a message to a delivery agent that fails, the bounce carries the agent's own
line ("mail.local: unknown user: kijitora") rather than an SMTP reply: that line is the
diagnostic. The table follows Sisimai::MDA; the words are judged by the rules in
``replies/rules/mta/mda.py`` like any other text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bouncekit.bounces.mail import Mail

_SENDERS = re.compile(r"^(?:mail delivery subsystem|mailer-daemon|postmaster)", re.IGNORECASE)
_AGENTS = (
    ("dovecot", re.compile(r"^Your message to \S+ was automatically rejected:$")),
    ("mail.local", re.compile(r"^mail\.local: ")),
    ("procmail", re.compile(r"^procmail: ")),
    ("maildrop", re.compile(r"^maildrop: ")),
    ("vpopmail", re.compile(r"^vdelivermail: ")),
    ("vmailmgr", re.compile(r"^vdeliver: ")),
)
_AGENT_LINE = (
    r"(?:Your message to \S+ was automatically rejected:$"
    r"|(?:mail\.local|procmail|maildrop|vdelivermail|vdeliver): )"
)
# An agent's line first in the body, or after a newline: a leading "^" would make the regex
# engine try every position of a long body, a literal newline lets it go line by line.
_FIRST_AGENT = re.compile(_AGENT_LINE, re.MULTILINE)
_NEXT_AGENT = re.compile("\n" + _AGENT_LINE, re.MULTILINE)


@dataclass(frozen=True, slots=True)
class AgentError:
    agent: str
    message: str  # the agent's error line, or its first line when none is more telling


def agent_error(mail: Mail) -> AgentError | None:
    """The delivery agent's error in a bounce from the mailer daemon, if it carries one."""
    sender = mail.sender.strip().strip('"')
    if not _SENDERS.match(sender):
        return None
    if not _FIRST_AGENT.match(mail.body) and not _NEXT_AGENT.search(mail.body):
        return None
    lines: list[str] = []
    agent = ""
    for line in mail.body.split("\n"):
        if not agent:
            agent = next((name for name, marker in _AGENTS if marker.match(line)), "")
            if not agent:
                continue
        if not line.strip():
            break
        lines.append(line.strip())
    if not agent:
        return None
    # Dovecot puts the reason on the line after its "automatically rejected:" line.
    message = lines[1] if agent == "dovecot" and len(lines) > 1 else lines[0]
    return AgentError(agent, message)
