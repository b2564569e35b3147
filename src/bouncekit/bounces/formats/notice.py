"""Non-delivery notices that no format claims, read from how every notice is built.

Whatever the MTA, a notice is written by a mail system (a null or MAILER-DAEMON/postmaster
sender, ``Auto-Submitted``, a report-like subject, a ``multipart/report``, mail to a return
path), opens with a failure report in words (``wording.FAILED``, in many languages), names the
failed recipients in that report, and then returns the original message or its headers. The
recipients are named in a few ways only: an address that leads its line, alone or followed by
the error ("<a@b>:", "a@b... User unknown"), in a list under the sentence that says they
failed; after a label ("Recipient:", "Error-for:", "RCPT TO:"); inside the failure sentence
("Your message to a@b could not be delivered"); or beside a reply code ("550 5.1.1 <a@b>:
user unknown") or words the reply rules read as a failure.

This reader takes addresses from the report only: never from the returned original, a quoted
or forwarded message, the notice's own headers, a line that names the sender or someone to
contact. Where the report names none, it reads the ``To:`` line that sums up the failed
message in the report itself, then the notice's own recipient where a failure list names it
(someone who wrote to themselves), then local parts that the mail system of a registered
domain lists alone (its own users: AOL's screen names). A notice that says the server is still
trying is a delay (``wording.DELAYED``), unless it also says it has given up
(``wording.GIVEN_UP``) or the remote server's reply is permanent (5xx). The reason is the
explain engine's, from the report's lines about each recipient; it may be unknown, and the
message is still a bounce.

A challenge to prove the sender is human, a held-for-moderation notice and a success report
are no failures; vacation replies are the RFC 3834 reader's, which runs before this one.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Set as AbstractSet

from bouncekit.bounces import address, wording
from bouncekit.bounces.formats import NOTICE, BounceFormat
from bouncekit.bounces.mail import RETURNED_TYPES, Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.classify import judge_reply
from bouncekit.replies.model import Reason
from bouncekit.replies.parse import parse_reply


def _has_code(text: str, classes: str) -> bool:
    """Whether the text holds a reply code or status of one of the classes: "45" for a
    failure's (RFC 5321 4.2, RFC 3463), "5" for a permanent one."""
    # A loop, not any() over a generator: most texts hold a code, and the first one decides.
    for match in codes.code_matches(text):  # noqa: SIM110
        if match.group(0)[0] in classes:
            return True
    return False


class _Words:
    """The wording tables, compiled on the first message that gets this far: most never do."""

    def __init__(self) -> None:
        self.subject = wording.compiled(wording.SUBJECTS)
        self.failed = wording.compiled(wording.FAILED)
        self.delayed = wording.compiled(wording.DELAYED)
        self.given_up = wording.compiled(wording.GIVEN_UP)
        self.succeeded = wording.compiled(wording.SUCCEEDED)
        self.original = wording.compiled(wording.ORIGINAL)
        self.not_a_notice = wording.compiled(wording.NOT_A_NOTICE)
        self.contact = wording.compiled(wording.CONTACT)
        # The label of the field an address ends: the whole text since the last separator.
        self.label = re.compile(
            r"(?:^|[:;.,!?|)\]>]\s*|\s-+\s*)\s*(?:the |your |this )?"
            + wording.alternation(wording.RECIPIENT_LABEL)
            + r"\s*[:：=]?\s*[<\[\"'(]*\s*(?:smtp:|rfc822;\s*)?$"
        )
        self.to_recipient = re.compile(
            wording.alternation(wording.TO_RECIPIENT)
            + r"(?: the following (?:recipients?|address(?:es)?)(?:\(e?s\))?)?"
            + r"\s*[:：]?\s*[<\[\"'(]*$"
        )
        self.sender = re.compile(
            r"\b" + wording.alternation(wording.SENDER_LABEL) + r"\s*[:：]?\s*[<\[\"'(]*$"
        )


@functools.cache
def _words() -> _Words:
    return _Words()


# Who writes notices: the MAILER-DAEMON and postmaster of RFC 5321 4.5.5 and RFC 2142, and
# the display names MTAs give them.
_SYSTEM_SENDER = re.compile(
    r"mailer[-_ ]?daemon|mail[-_]?daemon|postmaster|mdaemon|\bmailer\b|\bmail ?(?:delivery"
    r"|administrator|system|service|server|router|transport|gateway)|delivery (?:sub)?system"
    r"|system administrator|\bsmtp\b|_smtp_|\bmta\b|internet mail|post ?office|anti-?virus",
    re.IGNORECASE,
)
# "Re:", "AW:", "Fwd:", "TR:"... in front of a subject: a person answering or passing on.
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|antw|odp|r|rif|tr|wg|fw|fwd|enc|rv|doorst|trs?|i)\s*(?:\[\d+\])?"
    r"\s*[:：]\s*)+",
    re.IGNORECASE,
)
# A header line: the notice's summary of the returned message, or the message itself.
_HEADER_LINE = re.compile(
    r"^\s*(?:from|to|cc|bcc|reply-to|sender|return-path|message-id|in-reply-to|references"
    r"|date|subject|sent|received|delivered-to|envelope-to|errors-to|resent-[\w-]+|x-[\w-]+)"
    r"\s*:",
    re.IGNORECASE,
)
# Where the returned message's own head starts: a field at the start of a line that only a
# message carries, not a report's summary of it ("  Message-id: ...", "From:", "Subject:").
_ORIGINAL_HEAD = re.compile(
    r"(?:received|x-received|return-path|mime-version|dkim-signature|arc-seal"
    r"|authentication-results):[ \t]"
    r"|content-type:\s*(?:message/(?:rfc822|global|partial)|text/rfc822-headers)"
    r"|from \S+ +\w{3} \w{3} +\d",  # an mbox "From " line: a whole message follows
    re.IGNORECASE,
)
# Sendmail's transcript of the SMTP dialogue is part of the report, not a quotation.
_TRANSCRIPT = re.compile(r"^(?:>>>|<<<)\s")
# The SMTP stage the report names ("after RCPT command", "in reply to RCPT TO command").
_STAGE = re.compile(
    r"\b(?:after|in reply to|during|while sending|in response to)\s+(?:the\s+)?"
    r"(rcpt|mail|data|end of data|helo|ehlo|connect)\b"
)
_STAGES = {"rcpt": "RCPT", "mail": "MAIL", "data": "DATA", "end of data": "DATA", "helo": "HELO",
           "ehlo": "EHLO", "connect": "CONNECT"}  # fmt: skip
# What may stand before an address that leads its line: a list mark, a bracket, a type.
_LEAD = re.compile(r"^[\s\"'<\[(*•·>|-]*(?:\d+[.)]\s*)?(?:smtp:|rfc822;\s*)?[\s\"'<\[(]*$", re.I)
# A list item that is a name and the address in brackets: "Jane Doe (jane@example.org)".
_NAMED_BEFORE = re.compile(r"^\s*[\"']?[^\W\d_][^@<>()\[\]:;!?]{0,60}?[\"']?\s*[<(\[]$")
_NAMED_AFTER = re.compile(r"^[>)\]]\s*[:.,]?\s*$")
# Quoted-printable debris of a part sent without its encoding named: "=09" lines are blank.
_BLANK = re.compile(r"^(?:\s|=[0-9A-F]{2})*$")
# A tag, not an address in brackets: "<a href=...>" is one, "<ann@example.org>" is not.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BREAK_TAG = re.compile(r"<(?:br|/p|p|/div|div|/tr|/li|/h\d|hr)\b[^<>]*>", re.IGNORECASE)
_INVISIBLE = re.compile(r"<(style|script|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
# A return path: a notice goes to the envelope sender (RFC 5321 4.5.5), which lists and mailers
# name "...-bounces@", "bounce+verp=...@", "bounces@": mail to it is mail about a delivery.
_RETURN_PATH = re.compile(r"(?:^|[<\s\-+._=])bounces?(?:[\-+._=]|@)", re.IGNORECASE)
# What the reply rules may read in a line that is no failure, and the evidence of a rule.
_NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK})
_BY_RULE = frozenset({"rule", "provider rule"})
_WINDOW = 120  # characters before an address that its label or sentence is read from
_MARKS = " \t\"'<[(*•·>|-"  # what may stand before an address that leads its line
_MAX_LINE = 1000  # characters of a line read: a report's lines are short
# Lines above a recipient that its list's heading is looked for in, and lines of a paragraph
# read for the words of a heading: a heading stands right above its list. Every line of the
# report is read (a notice may list thousands of recipients); these bound the work per line.
_HEADING_LINES = 50
_DAEMONS = frozenset({"mailer-daemon", "mailer_daemon", "mailerdaemon", "mdaemon"})
# A local part alone on an indented line of a list: "\tscreenname", "  <kijitora>:".
_BARE_LOCAL = re.compile(r"^[ \t]+[*•·-]?\s*<?([A-Za-z0-9][A-Za-z0-9._%+=-]{0,63})>?:?\s*$")


def from_mail_system(mail: Mail) -> bool:
    """Whether the From names a mail system (MAILER-DAEMON, postmaster, "Mail Delivery ...")."""
    return bool(_SYSTEM_SENDER.search(mail.sender))


def _system_sender(mail: Mail) -> bool:
    return from_mail_system(mail) or mail.header("return-path").strip() == "<>"


def notice_subject(subject: str) -> bool:
    """A subject that reports a failure or delay, not one a person answers or passes on."""
    lowered = subject.lower()
    found = _words().subject.search(lowered)
    if found is None:
        return False
    prefix = _REPLY_PREFIX.match(lowered)
    # "Re: Undeliverable: ..." quotes a notice; "RE: <subject> : non remis" is one.
    return prefix is None or found.start() > prefix.end()


def matches(mail: Mail) -> bool:
    headers = mail.headers
    return (
        _system_sender(mail)
        or bool(_RETURN_PATH.search(headers.get("to", "")))
        or headers.get("auto-submitted", "no").lower() != "no"
        or "report" in headers.get("content-type", "").lower()
        or "x-failed-recipients" in headers
        or notice_subject(mail.subject)
    )


def _plain(text: str) -> str:
    """The text of an HTML part, one line per block."""
    text = _INVISIBLE.sub("", text)
    text = _BREAK_TAG.sub("\n", text)
    return html.unescape(_TAG.sub("", text))


def _report_text(mail: Mail) -> str:
    """The text parts of the notice before the returned message: the plain text where it
    names an address, else the text of the HTML."""
    plain: list[str] = []
    rich: list[str] = []
    for kind, text in mail.sections:
        if kind in RETURNED_TYPES:
            break
        if kind == "text/html":
            rich.append(_plain(text))
        elif kind.startswith("text/"):
            plain.append(text)
    text = "\n".join(plain)
    return text if "@" in text else "\n".join(rich) or text


def _report_lines(text: str) -> list[str]:
    """The report's lines, up to where a returned, quoted or forwarded message starts.

    Lines of a quotation (two or more "> " lines in a row) are blanked: someone else's text.
    A lone "> a@b" is a list mark (MDaemon), and Sendmail's ">>> RCPT" its transcript.
    """
    lines: list[str] = []
    for line in text.split("\n"):
        line = line[:_MAX_LINE]
        stripped = line.strip()
        if _ORIGINAL_HEAD.match(line) or (
            len(stripped) <= 120 and _words().original.search(stripped.lower())
        ):
            break
        lines.append("" if _BLANK.match(line) else line.rstrip())
    for index, line in enumerate(lines):
        if _quoted(line) and (
            (index > 0 and _quoted(lines[index - 1]))
            or (index + 1 < len(lines) and _quoted(lines[index + 1]))
        ):
            lines[index] = ""
    return lines


def _quoted(line: str) -> bool:
    stripped = line.lstrip()
    return stripped.startswith(">") and not _TRANSCRIPT.match(stripped)


def _own_addresses(mail: Mail) -> set[str]:
    """The notice's own addresses (its sender and recipients): never a failed recipient."""
    names = ("from", "sender", "reply-to", "return-path", "to", "cc", "errors-to")
    found = set()
    for name in names:
        for match in address.find(mail.header(name)):
            found.add(match.group(0).lower())
    return found


def _tells_failure(line: str) -> bool:
    """Whether the reply rules read a failure reason in the line ("a@b does not exist")."""
    reply = parse_reply(line, require_code=False)
    if reply is None:
        return False
    judgement = judge_reply(reply)
    return judgement.evidence.source in _BY_RULE and judgement.reason not in _NOT_FAILURES


class _Line:
    """What a report line says, read once however many addresses it holds."""

    __slots__ = ("_told", "coded", "contact", "text")

    def __init__(self, text: str) -> None:
        lowered = text.lower()
        self.text = text
        self.coded = _has_code(text, "45") or bool(_words().failed.search(lowered))
        self.contact = bool(_words().contact.search(lowered))
        self._told: bool | None = None

    def tells_failure(self) -> bool:
        if self._told is None:
            self._told = _tells_failure(self.text)
        return self._told


def _names_recipient(line: _Line, start: int, end: int) -> bool:
    """Whether the address at line[start:end] is named as a failed recipient by its line."""
    text = line.text
    head = text[:start]
    before = head[-_WINDOW:].lower()
    if _words().sender.search(before):
        return False  # "sent by <a@b>", "MAIL FROM:<a@b>"
    if before.endswith(("mailto:", "=", "/")) or "://" in before[-12:]:
        return False  # a link
    if line.contact and not line.coded:
        return False
    if len(head) <= _WINDOW and _LEAD.match(head):
        return True  # "<a@b>:", "  a@b", "-- a@b", "[SMTP:a@b]", "a@b... User unknown"
    if len(head) <= _WINDOW and _NAMED_BEFORE.match(head) and _NAMED_AFTER.match(text[end:]):
        return True  # "Jane Doe (jane@example.org)", a list item
    if _words().label.search(before) or _words().to_recipient.search(before):
        return True  # "Recipient: a@b", "Your message to a@b could not be delivered"
    # "550 5.1.1 <a@b>... User unknown", "mailbox a@b is unavailable", "a@b does not exist"
    return line.coded or line.tells_failure()


def _sender_above(lines: list[str], index: int) -> bool:
    """Whether the line above an address that stands alone introduces the sender: Exim's "A
    message sent by" / "  <a@b>" / "could not be delivered to one or more of its recipients"."""
    at = index - 1
    while at >= 0 and not lines[at].strip():
        at -= 1
    return at >= 0 and bool(_words().sender.search(lines[at].lower().rstrip(" :")))


def _candidates(
    lines: list[str], excluded: AbstractSet[str], own: AbstractSet[str] = frozenset()
) -> list[tuple[str, int]]:
    """(address, line index) of each failed recipient, first mention, in order.

    ``own`` are the notice's own recipients: taken only as an item of a failure list
    (:func:`_listed_as_failed`), for a notice sent to the very address that failed (someone
    who wrote to themselves).
    """
    found: dict[str, tuple[str, int]] = {}
    for index, text in enumerate(lines):
        if "@" not in text or _HEADER_LINE.match(text):
            continue
        line = _Line(text)
        for match in address.find(text):
            key = match.group(0).lower()
            if key in found or key in excluded or key.partition("@")[0] in _DAEMONS:
                continue
            if key in own and not _listed_as_failed(lines, index, match.start(), match.end()):
                continue
            if _names_recipient(line, match.start(), match.end()) and (
                text[: match.start()].strip(_MARKS) or not _sender_above(lines, index)
            ):
                found[key] = (match.group(0), index)
    return list(found.values())


def _listed_as_failed(lines: list[str], index: int, start: int, end: int) -> bool:
    """Whether the line is an item of a failure list, led by the address, with the error beside
    or under it ("<a@b>:" / "Remote host said: 552 ..."), not a greeting ("a@b 様") nor a
    sentence about it ("Your mailbox a@b is full")."""
    line = lines[index]
    if not _LEAD.match(line[:start]):
        return False
    after = line[end:].lstrip(" >)]\"'")
    following = ""
    for other in itertools.islice(lines, index + 1, None):  # no copy of the rest
        if other.strip():
            following = other
            break
    return after.startswith(":") or any(
        _has_code(text, "45") or _words().failed.search(text.lower()) for text in (after, following)
    )


def _summarised(lines: list[str], excluded: set[str]) -> list[tuple[str, int]]:
    """The addresses of a ``To:`` line the report writes about the failed message.

    Only in a block of header lines without ``From:``: a notice sums up the failed message by
    its recipients and subject ("To: ... Subject: ... Sent: ..."); a head that has a From is
    the message itself.
    """
    found: dict[str, tuple[str, int]] = {}
    start = 0
    while start < len(lines):
        if not _HEADER_LINE.match(lines[start]):
            start += 1
            continue
        end = start
        while end < len(lines) and (_HEADER_LINE.match(lines[end]) or lines[end][:1] in " \t"):
            end += 1
        block = range(start, end)
        if not any(lines[index].lstrip().lower().startswith("from:") for index in block):
            for index in block:
                if lines[index].strip().lower().startswith("to:"):
                    for match in address.find(lines[index]):
                        key = match.group(0).lower()
                        if key not in excluded and key.partition("@")[0] not in _DAEMONS:
                            found.setdefault(key, (match.group(0), index))
        start = end
    return list(found.values())


def _local_users(lines: list[str], mail: Mail) -> list[tuple[str, int]]:
    """Local parts listed alone as failed by the mail system of their own domain, as addresses.

    A system that fails to deliver to its own users may name them without a domain (AOL's
    screen names: "Your mail to the following recipients could not be delivered ...:" /
    "\tscreenname"); the domain is then the notice's own, that of its MAILER-DAEMON or
    postmaster. Only a registered domain (by the Public Suffix List) is one: a local part is
    never put at a host name ("MAILER-DAEMON@mx.example.com" names a host, not a domain).
    """
    from bouncekit.domains import public_suffix_list  # imported when needed: most never are

    sender = address.first(mail.sender)
    if sender is None or not from_mail_system(mail):
        return []
    domain = sender.rpartition("@")[2].lower()
    if public_suffix_list().privatesuffix(domain) != domain:
        return []
    found: dict[str, tuple[str, int]] = {}
    paragraph: list[str] = []
    listing = False  # under a heading that ends with ":" and says what failed
    for index, line in enumerate(lines):
        if not line.strip():
            paragraph, listing = [], False
            continue
        bare = _BARE_LOCAL.match(line) if listing else None
        if bare is not None:
            found.setdefault(bare.group(1).lower(), (f"{bare.group(1)}@{domain}", index))
            continue
        paragraph.append(line)
        listing = line.rstrip().endswith(":") and bool(
            _words().failed.search(" ".join(paragraph[-_HEADING_LINES:]).lower())
        )
    return list(found.values())


def _block(lines: list[str], start: int, taken: set[int]) -> tuple[list[str], int]:
    """The lines from ``start`` up to a blank line or the next recipient's, and where it ends."""
    block = []
    at = start
    while at < len(lines) and lines[at].strip() and (at == start or at not in taken):
        block.append(lines[at])
        at += 1
    return block, at


def _transcript(lines: list[str]) -> dict[str, list[int]]:
    """Each address, lowercased, to the lines that give it a 4xx or 5xx reply, in order."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if "@" in line and _has_code(line, "45"):
            for match in address.find(line):
                numbers = found.setdefault(match.group(0).lower(), [])
                if not numbers or numbers[-1] != number:
                    numbers.append(number)
    return found


def _diagnostic(
    lines: list[str],
    index: int,
    taken: set[int],
    recipient: str,
    transcript: dict[str, list[int]],
) -> str:
    """The report's words about the recipient on ``lines[index]``.

    Its line and the lines under it, if they hold the remote server's reply; else the line
    elsewhere in the report (a transcript) that gives the address a 4xx or 5xx reply; else,
    where the line names the address without saying what failed, the paragraph that follows
    (Exim's and qmail's error under the address); and where none of it says what failed, the
    heading above the list ("Unable to deliver message to the following recipients, due to
    ...").
    """
    block, at = _block(lines, index, taken)
    if _has_code(" ".join(block), "45"):
        return _joined(block)
    # Looked up in the transcript's index: a scan of every line for each recipient would
    # make a long list quadratic.
    for number in transcript.get(recipient.lower(), ()):
        if number != index:
            return _joined([*block, lines[number]])
    if len(block) == 1 and not _words().failed.search(block[0].lower()):
        while at < len(lines) and not lines[at].strip():
            at += 1
        paragraph, _ = _block(lines, at, taken)
        if (
            paragraph
            and at not in taken
            and not _words().contact.search(" ".join(paragraph).lower())
        ):
            block.extend(paragraph[:6])
    words = " ".join(block).lower()
    if not _words().failed.search(words) and not _words().delayed.search(words):
        block = [*_heading(lines, index), *block]
    return _joined(block)


def _heading(lines: list[str], index: int) -> list[str]:
    """The paragraph above ``lines[index]`` that says what failed: the list's heading."""
    at = index - 1
    top = max(index - _HEADING_LINES, 0)
    while at >= top:
        while at >= top and not lines[at].strip():
            at -= 1
        end = at + 1
        while at >= top and lines[at].strip():
            at -= 1
        paragraph = lines[at + 1 : end]
        words = " ".join(paragraph).lower()
        if _words().failed.search(words) or _words().delayed.search(words):
            return paragraph[-4:]
    return []


def _joined(lines: list[str]) -> str:
    """One line a line, each single-spaced: a reply code stays at the start of its line."""
    return "\n".join(" ".join(line.split()) for line in lines)


def _says_failure(lines: list[str], report: str, mail: Mail) -> bool:
    """Whether the report says something failed: in the words of a notice, by a notice's
    subject (and no success), or in a line the reply rules read as a failure ("You sent mail
    to a@b. That's not a valid user here.")."""
    if _words().failed.search(report):
        return True
    if notice_subject(mail.subject):
        return not (
            _words().succeeded.search(report) or _words().succeeded.search(mail.subject.lower())
        )
    return any("@" in line and _Line(line).tells_failure() for line in lines)


def unaddressed_failure(mail: Mail) -> bool:
    """Whether the message is a failure notice whose report names no address to read.

    Exchange 5.5 lists an X.400 recipient by display name only ("Jane Doe on <date>"): the
    message is a bounce, and its failed recipient cannot be told. Only a notice from a mail
    system, with a notice's subject and a failure said in its report, counts.
    """
    if not (_system_sender(mail) and notice_subject(mail.subject)):
        return False
    report = "\n".join(_report_lines(_report_text(mail))).lower()
    return bool(_words().failed.search(report)) and not _words().not_a_notice.search(report)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    """One record per failed recipient the report names; None when it is no failure notice."""
    lines = _report_lines(_report_text(mail))
    report = "\n".join(lines).lower()
    if _words().not_a_notice.search(report):
        return None
    if not _says_failure(lines, report, mail):
        return None  # no failure said: a success report, or no notice at all
    own = _own_addresses(mail)
    found = _candidates(lines, own) or _summarised(lines, own)
    if not found:
        recipients = {match.group(0).lower() for match in address.find(mail.header("to"))}
        found = _candidates(lines, own - recipients, recipients) or _local_users(lines, mail)
    if not found:
        return None
    subject = mail.subject.lower()
    delayed = bool(_words().delayed.search(report) or _words().delayed.search(subject))
    given_up = bool(_words().given_up.search(report))
    taken = {index for _, index in found}
    transcript = _transcript(lines)
    records = []
    for recipient, index in found:
        diagnostic = _diagnostic(lines, index, taken, recipient, transcript)
        permanent = given_up or not delayed or _has_code(diagnostic, "5")
        stage = _STAGE.search(diagnostic.lower())
        records.append(
            DecodedRecipient(
                recipient=recipient,
                diagnostic=diagnostic,
                action="failed" if permanent else "delayed",
                command=_STAGES[stage.group(1)] if stage else None,
            )
        )
    return records


# After every format and the RFC 3464, ARF and RFC 3834 readers: the last resort.
FORMAT = BounceFormat(name="Notice", order=NOTICE, matches=matches, decode=decode)
