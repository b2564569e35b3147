"""Postfix's bounce messages (bounce(5), src/bounce/*), after Sisimai::Lhost::Postfix.

Besides the RFC 3464 part, Postfix writes one paragraph per recipient in the notification::

    <kijitora@example.jp>: host mx.example.jp[192.0.2.153] said: 550 5.1.1
        <kijitora@example.jp>... User Unknown (in reply to RCPT TO command)

which gives the SMTP stage, and stands in for the delivery-status part when it is missing
("--- Delivery report unavailable ---") or has no ``Diagnostic-Code``. A "Postfix SMTP
server: errors from ..." notice is a transcript of an inbound session instead (``In:`` and
``Out:`` lines), read for the RCPT TO address and the first error reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bouncekit.bounces import address, dsn
from bouncekit.bounces.formats import MTA_GENERIC, BounceFormat
from bouncekit.bounces.formats._lhost import (
    TextCodes,
    cut_at,
    filtered_user_unknown,
    status_in_text,
    sweep,
)
from bouncekit.bounces.formats._text import AsciiTwinPattern
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUBJECT = "Undelivered Mail Returned to Sender"
_SESSION_SUBJECT = "SMTP server: errors from "
_ORIGINAL = re.compile(r"^Content-Type: (?:message|text)/rfc822", re.MULTILINE | re.IGNORECASE)
# The first line of the notification; [^\S\n] is \s within one line, so that one search of
# the report finds the line a line-by-line match would.
_REPORT_START = re.compile(
    r"^[^\S\n]*(?:The .*Postfix |The .*mail system|The .*program|This is the.*Postfix"
    r"|This is the.*mail system)",
    re.MULTILINE,
)
_EXPANDED = re.compile(r"^<([^ ]+@[^ ]+)> \(expanded from <(.+)>\):\s*(.*)$")
_PARAGRAPH = re.compile(r"^<([^ ]+@[^ ]+)>:(.*)$")
_IN_REPLY_TO = AsciiTwinPattern(
    r"in reply to (RCPT TO|MAIL FROM|end of DATA|DATA|HELO|EHLO)", re.IGNORECASE
)
_COMMANDS = {"rcpt to": "RCPT", "mail from": "MAIL", "end of data": "DATA", "data": "DATA",
             "helo": "HELO", "ehlo": "EHLO"}  # fmt: skip
_UNAVAILABLE = "--- Delivery report unavailable ---"
_TO = re.compile(r"^To:[ ]*(.+)$", re.MULTILINE | re.IGNORECASE)


@dataclass(slots=True)
class _Paragraph:
    """The notification's paragraph about one recipient."""

    recipient: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return sweep(" ".join(self.lines))


def matches(mail: Mail) -> bool:
    if mail.headers.get("x-aol-ip", ""):
        return False
    return mail.subject == _SUBJECT or mail.subject.find(_SESSION_SUBJECT) > 0


def _paragraphs(report: str) -> list[_Paragraph]:
    """The per-recipient paragraphs."""
    found: list[_Paragraph] = []
    start = _REPORT_START.search(report)
    if start is None:
        return found
    # Only lines from the first that starts with "<" to the last that can continue a
    # paragraph count: before a paragraph there is nothing to continue.
    first = report.find("\n<", start.end())
    if first == -1:
        return found
    last = max(report.rfind("\n<"), report.rfind("\n    "), report.rfind(" (in reply to "))
    end = report.find("\n", last + 1)
    for line in report[first + 1 : end if end != -1 else len(report)].split("\n"):
        if line.startswith("<"):  # cheap test first: most lines are not a paragraph's start
            if expanded := _EXPANDED.match(line):
                found.append(_Paragraph(expanded.group(1), [expanded.group(3)]))
                continue
            if paragraph := _PARAGRAPH.match(line):
                found.append(_Paragraph(paragraph.group(1), [paragraph.group(2)]))
                continue
        if found and (line.startswith("    ") or " (in reply to " in line):
            # A wrapped reply, or its last line at the margin ("<a@b>... User Unknown (in
            # reply to RCPT TO command)").
            found[-1].lines.append(line)
    return found


def _command(text: str) -> str | None:
    stage = _IN_REPLY_TO.for_text(text).search(text)
    # .get: ignoring case, "ı" and "ſ" match "i" and "s" but lower() keeps them
    return _COMMANDS.get(stage.group(1).lower()) if stage else None


def _with_paragraph(record: DecodedRecipient, paragraph: _Paragraph | None) -> DecodedRecipient:
    """Sisimai's rule: the paragraph replaces a diagnostic that says less."""
    diagnosis = record.diagnostic.strip()
    status, replycode = record.status, record.replycode
    other = paragraph.text if paragraph else ""
    other_codes = None
    if other:
        if not diagnosis or diagnosis.isdigit():
            diagnosis = other
        else:
            better_status = better_code = None
            other_codes = TextCodes(other)
            if not status or status.endswith(".0.0"):
                found = other_codes.status()
                if found and not found.endswith(".0.0"):
                    better_status = status = found
            if not replycode or replycode.endswith("00"):
                code = other_codes.reply_code(None)
                if code and not code.endswith("00"):
                    better_code = replycode = code
            if better_status or (better_code and len(other) > len(diagnosis)):
                diagnosis = other
    if diagnosis is not other:  # the paragraph's text is swept already
        diagnosis = sweep(diagnosis)
    command = record.command or _command(other)
    if command is None and diagnosis != other:  # the same text would say the same
        command = _command(diagnosis)
    if command is None and "refused to talk to me:" in diagnosis:
        command = "HELO"
    # The paragraph's text is swept already: when it is the diagnosis, its codes are read.
    codes = other_codes if other_codes is not None and diagnosis == other else TextCodes(diagnosis)
    status = codes.preferred_status(status)
    return DecodedRecipient(  # built whole: dataclasses.replace costs twice as much
        recipient=record.recipient,
        diagnostic=diagnosis,
        original_recipient=record.original_recipient,
        action=record.action,
        status=status,
        replycode=replycode or codes.reply_code(status),
        command=command,
        remote_mta=record.remote_mta,
        reporting_mta=record.reporting_mta,
        date=record.date,
        reason=Reason.FILTERED if filtered_user_unknown(command, status, diagnosis) else None,
        feedback_type=record.feedback_type,
        diagnostic_type=record.diagnostic_type,
    )


def _from_notification(mail: Mail) -> list[DecodedRecipient] | None:
    report = cut_at(mail.body, _ORIGINAL)
    paragraphs = _paragraphs(report)
    status_text = "\n\n".join(mail.texts("message/delivery-status")) or report
    records = dsn.recipients(status_text)
    if not records:
        if paragraphs:
            # One record per recipient the report names, in order ("<a@b>: ..." paragraphs).
            listed = dict.fromkeys(paragraph.recipient for paragraph in paragraphs)
            records = [DecodedRecipient(recipient=recipient) for recipient in listed]
        elif _UNAVAILABLE.lower() in report.lower() and (to := _TO.search(mail.original)):
            named = address.first(to.group(1))
            records = [DecodedRecipient(recipient=named)] if named else []
    by_address = {paragraph.recipient.lower(): paragraph for paragraph in paragraphs}
    fallback = paragraphs[-1] if paragraphs else None
    return [
        _with_paragraph(record, by_address.get(record.recipient.lower(), fallback))
        for record in records
    ] or None


# --- "Postfix SMTP server: errors from ..." (smtpd_chat.c) -----------------------------------
_SESSION_LINE = re.compile(r"^ ?(In|Out):\s+(.*)$")


def _exchanges(text: str) -> list[tuple[str, list[str]]]:
    """(client command, server reply lines) pairs, continuation lines unwrapped."""
    pairs: list[tuple[str, list[str]]] = [("", [])]
    for line in text.split("\n"):
        session = _SESSION_LINE.match(line)
        if session is None:
            if line.startswith("     ") and pairs[-1][1]:
                pairs[-1][1][-1] += " " + line.strip()
            elif line.startswith("     "):
                pairs[-1] = (pairs[-1][0] + " " + line.strip(), pairs[-1][1])
            continue
        side, value = session.groups()
        if side == "In":
            pairs.append((value.strip(), []))
        else:
            pairs[-1][1].append(value.strip())
    return pairs


def _from_session(mail: Mail) -> list[DecodedRecipient] | None:
    records: list[DecodedRecipient] = []
    seen: set[str] = set()  # a set, not a scan of the records: a session may be long
    recipient: str | None = None
    for sent, replies in _exchanges(cut_at(mail.body, _ORIGINAL)):
        verb = sent.split(" ", 1)[0].upper()
        if verb == "RCPT":
            recipient = address.first(sent.partition(":")[2]) or recipient
        errors = [reply for reply in replies if reply[:1] in ("4", "5")]
        if errors and recipient and recipient not in seen:
            seen.add(recipient)
            diagnosis = " ".join(errors[0].split()[1:])
            records.append(
                DecodedRecipient(
                    recipient=recipient,
                    diagnostic=errors[0],
                    replycode=errors[0][:3],
                    status=status_in_text(diagnosis),
                    command=verb if verb in ("MAIL", "RCPT", "DATA", "EHLO", "HELO") else None,
                )
            )
    return records or None


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    if mail.subject.find(_SESSION_SUBJECT) > 0:
        return _from_session(mail)
    return _from_notification(mail)


FORMAT = BounceFormat(name="Postfix", order=MTA_GENERIC, matches=matches, decode=decode)
