"""Pulling the facts out of a pasted SMTP reply: codes, stage, hosts, addresses, URLs.

People paste a bare reply line, a multi-line reply (``550-5.1.1 ...`` continuations, sometimes
flattened onto one line), an MTA log fragment (``host mx[192.0.2.1] said: 550 ... (in reply to
RCPT TO command)``), ``Remote host said: ...`` or a ``Diagnostic-Code:`` field. Everything here
is pure string work.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field

from bouncekit.bounces import address
from bouncekit.replies import codes
from bouncekit.replies.model import Command

# A reply code where one is expected: at the start of a line or after the words MTAs put in
# front of the remote server's reply. RFC 5321 4.2: the code is followed by a space, a hyphen
# (continuation) or the end of the line.
_LEADERS = (
    r"^[\s>#'\"(\[]*"  # line start, after quoting or Exchange's "#"
    r"|said:\s*"
    r"|smtp;\s*"
    r"|<<<\s*"
    r"|returned\s+['\"]?"
    r"|reply:\s*"
    r"|response:\s*"
    r"|error:?\s+"
    r"|\]:\s*"
    r"|[a-z0-9>]:\s+"
)
# A code is found where one may stand (codes.replycode_matches), then a leader that ends right
# before it is looked for. Leaders hold no run of three digits, so the first code with a leader
# is also the first match of "(?:LEADERS)(CODE)" (tests/replies/test_parse_searches.py holds it
# to that plain search, which tries every position and is slower). The window bounds the look
# back. Every leader is a few letters or signs followed by a run of white space and _LEADER_RUN
# signs, so a leader longer than the window is found by searching from just before the run
# that ends at the code: never from the start of the text, which made the scan quadratic
# (issue 10). Every leader ends in a sign or a line start, so the code after it stands alone.
_LEADER_BEFORE = re.compile(r"(?:" + _LEADERS + r")\Z", re.IGNORECASE | re.MULTILINE)
_LEADER_WINDOW = 64
_LEADER_RUN = ">#'\"(["  # besides white space: what a long leader may be made of
# A program's error tuple, as Python's smtplib prints a refusal: "(550, b'5.1.1 ...')".
_ERROR_TUPLE = re.compile(r"\(\s*(" + codes.REPLYCODE_PATTERN + r"),\s*b?['\"]")
# A code directly followed by an enhanced status of the same class, anywhere in the text; as
# codes.search_status, it starts with what it matches and the character before is checked.
_CODE_WITH_STATUS = re.compile(
    r"(" + codes.REPLYCODE_PATTERN + r")[ \-]+(" + codes.STATUS_PATTERN + r")" + codes.STATUS_AFTER
)

_IN_REPLY_TO = re.compile(
    r"in reply to (?:the )?(rcpt to|mail from|end of data|data|helo|ehlo|quit|starttls|auth)"
    r"|after (?:pipelined )?(rcpt to|mail from|end of data|data|helo|ehlo|initial connection"
    r"|quit|starttls|auth|sending data block|end of message)"
    r"|>>> (rcpt to|mail from|data|helo|ehlo|quit|starttls|auth)"
    r"|(?:while|during) (?:the )?(connect|connection|greeting|banner)",
)  # matched against the lowercased text: case-insensitive matching is several times slower
_COMMAND_NAMES = {
    "rcpt to": Command.RCPT,
    "mail from": Command.MAIL,
    "end of data": Command.DATA,
    "data": Command.DATA,
    "sending data block": Command.DATA,
    "end of message": Command.DATA,
    "helo": Command.HELO,
    "ehlo": Command.EHLO,
    "quit": Command.QUIT,
    "starttls": Command.STARTTLS,
    "auth": Command.AUTH,
    "initial connection": Command.CONNECT,
    "connect": Command.CONNECT,
    "connection": Command.CONNECT,
    "greeting": Command.CONNECT,
    "banner": Command.CONNECT,
}

_HOSTNAME = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+"
_IPV4 = r"(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}"
# Loose on purpose ("2001:db8::25"); candidates are checked with the ipaddress module.
_IPV6 = r"(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:" + _IPV4 + r")?"
_REMOTE = re.compile(
    r"(?:host|to|remote host|talking to|connect to|mx)\s+(" + _HOSTNAME + r")\s*"
    r"\[(?:ipv6:)?(" + _IPV4 + r"|" + _IPV6 + r")\]",
    re.IGNORECASE,
)
_REMOTE_MTA = re.compile(
    r"^remote-mta:\s*dns;\s*(" + _HOSTNAME + r")", re.IGNORECASE | re.MULTILINE
)
# Loose four numbers, checked below: the exact octet pattern costs more than the check. Not
# after a word character, "." or ":" (checked in Python, _after_word_dot_or_colon, as for
# codes.search_status); "\d\d{0,2}" rather than "\d{1,3}" lets the engine skip to the next digit.
_IPV4_ADDRESS = re.compile(r"(\d\d{0,2}(?:\.\d{1,3}){3})(?!\.?\d)")
_SIX_GROUPS = re.compile(r"[0-9a-fA-F]{1,4}:(?:[0-9a-fA-F]{1,4}:){5}")
_IPV6_ADDRESS = re.compile(r"(?<![\w:])(" + _IPV6 + r")(?![\w:])", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
_URL_TRAILING = ".,;:!?'\""
_STAGE_OPEN = re.compile(r"\(in reply to ", re.IGNORECASE)


_Details = tuple[str | None, tuple[str, ...], tuple[str, ...]]  # sender IP, addresses, URLs


@dataclass(frozen=True, slots=True)
class ParsedReply:
    """The facts of one reply, before any judgement of what it means.

    ``sender_ip``, ``addresses`` and ``urls`` are read from the text when first asked for:
    they go into an explanation, and judging thousands of bounces needs none of them.
    """

    text: str  # the reply from its code on, continuation prefixes removed
    context: str  # everything given, for stage and host clues
    replycode: str | None
    status: str | None
    command: Command | None
    remote_host: str | None
    remote_ip: str | None
    _details: _Details | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sender_ip(self) -> str | None:
        """The first IP address in the reply that is not the remote server's: usually the
        sender's."""
        return self._read_details()[0]

    @property
    def addresses(self) -> tuple[str, ...]:
        """Every e-mail address given, in order, once each."""
        return self._read_details()[1]

    @property
    def urls(self) -> tuple[str, ...]:
        """Every web address given, in order, once each."""
        return self._read_details()[2]

    def _read_details(self) -> _Details:
        details = self._details
        if details is None:
            context = self.context
            # Cheap substring tests first: most replies have no address or URL to look for.
            addresses: tuple[str, ...] = ()
            if "@" in context:
                addresses = tuple(dict.fromkeys(_addresses(context)))
            urls: tuple[str, ...] = ()
            if "://" in context:
                urls = tuple(dict.fromkeys(_clean_url(m.group(0)) for m in _URL.finditer(context)))
            details = (_first_ip(self.text, self.remote_ip), addresses, urls)
            object.__setattr__(self, "_details", details)  # frozen: a cache, not a change
        return details


def _after_word_dot_or_colon(text: str, start: int) -> bool:
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalnum() or before in "_.:"  # \w is alphanumeric or "_"


def _run_start(text: str, end: int) -> int:
    """Where the run of white space and _LEADER_RUN signs that ends at ``end`` starts."""
    start = end
    while start > 0 and (text[start - 1].isspace() or text[start - 1] in _LEADER_RUN):
        start -= 1
    return start


def _code_at_leader(text: str) -> re.Match[str] | None:
    for match in codes.replycode_matches(text):
        end = match.start()
        start = max(0, end - _LEADER_WINDOW)
        if _LEADER_BEFORE.search(text, start, end):
            return match
        # Only a run reaching back past the window can hold a longer leader. The runs before
        # two candidates never overlap (a code's digits end a run), so the walks back and the
        # searches over them add up to the length of the text.
        if start > 0 and (text[start].isspace() or text[start] in _LEADER_RUN):
            run_start = _run_start(text, end)
            if run_start <= start and _LEADER_BEFORE.search(
                text, max(0, run_start - _LEADER_WINDOW), end
            ):
                return match
    return None


def find_code(text: str) -> re.Match[str] | None:
    """The reply code that starts the remote server's answer, if the text has one."""
    with_status = next(
        (m for m in _CODE_WITH_STATUS.finditer(text) if codes.stands_alone(text, m.start())),
        None,
    )
    at_leader = _code_at_leader(text)
    if (
        with_status
        and with_status.group(1)[0] == with_status.group(2)[0]
        and (
            at_leader is None
            or with_status.start(1) <= at_leader.start(1)
            # a greeting ("220-mx.example.com ...") before the failure is not the answer
            or at_leader.group(1)[0] == "2"
        )
    ):
        return with_status
    if at_leader is None and "(" in text:
        return _ERROR_TUPLE.search(text)
    return at_leader


def _join_continuations(text: str, code: str, status: str | None) -> str:
    """Remove the repeated ``550-5.1.1`` prefixes of a multi-line reply, also when flattened."""
    prefix = re.escape(code) + r"[ \-]"
    if status:
        prefix += r"(?:" + re.escape(status) + r"\s)?"
    first, _, rest = text.partition("\n")
    if first.find(code, len(code)) != -1:  # flattened: "550-5.1.1 foo 550-5.1.1 bar"
        first = re.sub(r"(?<=\S )" + prefix, "", first)
    head = first
    head = code + " " + head[len(code) + 1 :] if head[len(code) : len(code) + 1] == "-" else head
    if not rest:
        return head
    # Not "\s*": it would run on over the empty lines that follow each line start.
    tail = re.sub(r"(?m)^[^\S\n]*" + prefix, "", rest)
    return head + "\n" + tail


def _command(context: str, lowered: str) -> Command | None:
    # The words every branch of _IN_REPLY_TO starts with: most replies have none of them.
    if not (
        "in reply to" in lowered
        or "after " in lowered
        or ">>>" in lowered
        or "while " in lowered
        or "during " in lowered
    ):
        return None
    match = _IN_REPLY_TO.search(lowered)
    if match is None:
        return None
    name = next(group for group in match.groups() if group)
    return _COMMAND_NAMES[name]


def _addresses(text: str) -> list[str]:
    """Every address, as the one address finder (:mod:`bouncekit.bounces.address`) reads it."""
    return [match.group(0) for match in address.find(text)]


def _clean_url(url: str) -> str:
    return url.rstrip(_URL_TRAILING)


def _is_ipv6(match: re.Match[str]) -> bool:
    try:
        ipaddress.IPv6Address(match.group(1))
    except ValueError:
        return False
    return True


def _first_ip(text: str, other_than: str | None) -> str | None:
    """The first IP address in the reply that is not the remote server's: usually the sender's.

    Each scan stops at its first address that qualifies, and the two are ordered by where they
    stand: looking every address up again in the text would make a long list quadratic.
    """
    ipv4 = next(
        (
            m
            for m in _IPV4_ADDRESS.finditer(text)
            if not _after_word_dot_or_colon(text, m.start())
            and all(int(octet) < 256 for octet in m.group(1).split("."))
            and m.group(1) != other_than
        ),
        None,
    )
    ipv6 = None
    # An IPv6 address needs at least two colons, and "::" or all its groups (six before an
    # IPv4 tail): without them, no scan.
    if text.count(":") >= 2 and ("::" in text or _SIX_GROUPS.search(text)):
        ipv6 = next(
            (
                m
                for m in _IPV6_ADDRESS.finditer(text)
                if _is_ipv6(m) and m.group(1).lower() != other_than
            ),
            None,
        )
    if ipv6 is not None and (ipv4 is None or ipv6.start() < ipv4.start()):
        return ipv6.group(1).lower()
    return ipv4.group(1) if ipv4 is not None else None


def _without_trailing_stage(text: str) -> str:
    """The text without a trailing ``(in reply to RCPT TO command)`` and the ``)`` of a log line.

    The stage is the last parenthesis: between "(in reply to " and the closing ones at the end
    stands no ")". Found from the end, in one pass; a pattern tried at every "(in reply to "
    would read on to the next ")" from each of them.
    """
    closing = len(text.rstrip(")"))  # where the closing parentheses at the end begin
    opened = _STAGE_OPEN.search(text, text.rfind(")", 0, closing) + 1, closing)
    if opened is None or closing == len(text):
        return text
    return text[: opened.start()].rstrip()


def parse_reply(context: str, *, require_code: bool = True) -> ParsedReply | None:
    """Parse one reply (with whatever log text surrounds it).

    None if it has neither a reply code nor an enhanced status code, unless ``require_code``
    is false: some failures are told in words only ("mailbox is full: retry timeout exceeded").
    """
    code_match = find_code(context)
    replycode = code_match.group(1) if code_match else None
    after = context[code_match.start(1) :] if code_match else context
    # The status follows the code, but some MTAs put it first ("5.1.0 ... error 550-...").
    status = codes.find_status(after) or codes.find_status(context)
    if status and replycode is not None and status[0] != replycode[0]:
        status = None
    if replycode is None and status is None and require_code:
        return None
    text = _join_continuations(after, replycode, status) if replycode else after
    text = " ".join(text.split())
    # Postfix and Exim append the stage after the reply: keep it out of the reply text.
    if text.endswith(")"):
        text = _without_trailing_stage(text)

    # A cheap substring test first: most replies name no host.
    remote = _REMOTE.search(context) if "[" in context else None
    remote_host = remote.group(1).lower() if remote else None
    remote_ip = remote.group(2).lower() if remote else None
    lowered = context.lower()
    if remote_host is None and "remote-mta" in lowered:
        remote_mta = _REMOTE_MTA.search(context)
        remote_host = remote_mta.group(1).lower() if remote_mta else None
    return ParsedReply(
        text=text,
        context=context,
        replycode=replycode,
        status=status,
        command=_command(context, lowered),
        remote_host=remote_host,
        remote_ip=remote_ip,
    )


# A line of an MTA's log starts with its time: syslog's "Dec  7 10:00:01" (RFC 3164 4.1.2)
# or an ISO 8601 date (Exim's main log, RFC 5424 syslog). Each such line is a record of its
# own, whether or not it holds a reply code ("dsn=5.4.4, status=bounced (Host or domain name
# not found...)").
_LOG_LINE_START = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d "
    r"|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d"
)


def split_replies(text: str) -> list[str]:
    """Split a paste into the separate replies it holds.

    A line with a reply code starts a new reply, unless it continues the one before (the same
    code after a ``550-`` line); so does a line of an MTA log (it starts with its time). Other
    lines without a code are wrapped text of the reply before.
    """
    chunks: list[list[str]] = []
    has_code: list[bool] = []
    previous_code: str | None = None
    continues = False
    for line in text.splitlines():
        if not line.strip():
            continue
        match = find_code(line)
        code = match.group(1) if match else None
        if chunks and _LOG_LINE_START.match(line):
            chunks.append([line])
            has_code.append(code is not None)
        elif chunks and (code is None or (continues and code == previous_code)):
            chunks[-1].append(line)
        elif chunks and code is not None and not has_code[-1]:
            # "host mx.example.com[192.0.2.1] said:" on the line before the reply itself.
            chunks[-1].append(line)
            has_code[-1] = True
        else:
            chunks.append([line])
            has_code.append(code is not None)
        if code is not None:
            previous_code = code
        if match is not None:
            following = line[match.end(1) : match.end(1) + 1]
            continues = following == "-"
    return ["\n".join(chunk) for chunk in chunks]
