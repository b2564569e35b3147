"""The header fields RFC 5322 3.6 requires, and addresses in RFC 5322 form."""

from __future__ import annotations

import email
import email.errors
import email.message
import email.policy
import email.utils
import re
from typing import Any

from bouncekit.bounces.mail import decode_header
from bouncekit.sender.message.model import excerpt
from bouncekit.sender.message.parsing import _MAX_ADDRESS_FIELD, _addresses
from bouncekit.sender.model import Area, Finding, Status, finding

_MESSAGE_ID = re.compile(r"^\s*<[^<>@\s]+@[^<>@\s]+>\s*$")
_DOT_ATOM_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


# What the parser notes when the header block is broken (RFC 5322 2.2, 3.6).
_BROKEN_HEAD = {
    email.errors.MissingHeaderBodySeparatorDefect: "a line that is no header field (it has "
    "no colon) before the blank line that ends the headers",
    email.errors.FirstHeaderLineIsContinuationDefect: "a continuation line (starting with "
    "white space) before the first header field",
}
_MAX_LINE = 998  # RFC 5322 2.1.1: characters of a line, without its CRLF


def header_findings(message: email.message.Message) -> list[Finding]:
    """A readable header block, one From, a Date, a Message-ID, MIME-Version when MIME is used,
    addresses in form."""
    found = _syntax_findings(message)
    found.append(_from_finding(message.get_all("From") or []))
    found += _address_form(message)
    found.append(_date_finding(message.get_all("Date") or []))
    found.append(_message_id_finding(message.get_all("Message-ID") or []))
    uses_mime = any(name in message for name in ("Content-Type", "Content-Transfer-Encoding"))
    if uses_mime and "MIME-Version" not in message:
        found.append(
            finding(
                Area.HEADERS,
                "mime-version",
                Status.FAIL,
                "The message uses MIME (Content-Type) but has no MIME-Version header.",
                "Without 'MIME-Version: 1.0' (RFC 2045 section 4) a reader may show the raw "
                "MIME source; SpamAssassin scores MISSING_MIMEOLE-like rules and some gateways "
                "reject it as not RFC compliant (550 5.6.0).",
                "Add 'MIME-Version: 1.0' to the headers (any mail library does so when the "
                "message is built as MIME).",
            )
        )
    elif uses_mime:
        found.append(finding(Area.HEADERS, "mime-version", Status.PASS, "MIME-Version is present."))
    if not decode_header(message.get("Subject", "")).strip():
        found.append(
            finding(
                Area.HEADERS,
                "subject",
                Status.WARN,
                "The message has no subject.",
                "Filters score an empty subject as spam (SpamAssassin MISSING_SUBJECT) and "
                "readers skip it.",
                "Give the message a subject that says what it is about.",
            )
        )
    return found


def _syntax_findings(message: email.message.Message) -> list[Finding]:
    """The header block's own syntax: every line a field or its continuation, none too long."""
    found = []
    broken = [_BROKEN_HEAD[type(d)] for d in message.defects if type(d) in _BROKEN_HEAD]
    if broken:
        found.append(
            finding(
                Area.HEADERS,
                "syntax",
                Status.FAIL,
                f"The header block is malformed: it has {broken[0]}.",
                "Receivers reject such mail as not RFC 5322 compliant (Gmail 550 5.7.1, "
                "Outlook.com 550 5.6.211) or read the headers after that line as body text; "
                "no DKIM verifier reads it.",
                "Build the headers with a mail library; every line of the header block is "
                "'Name: value' or a continuation of the line before, and a blank line ends it.",
            )
        )
    long_fields = [
        name
        for name, value in message.items()
        if any(len(line) > _MAX_LINE for line in str(value).splitlines() or [""])
        and len(name) + len(str(value)) > _MAX_LINE
    ]
    if long_fields:
        found.append(
            finding(
                Area.HEADERS,
                "line-length",
                Status.FAIL,
                f"The {excerpt(long_fields[0], 60)} header has a line longer than {_MAX_LINE} "
                "characters.",
                "RFC 5322 2.1.1 limits a line to 998 characters; MTAs reject longer lines "
                "(Postfix and Exchange: 550 5.6.0 / 5.5.2 line too long) or break them.",
                "Fold the field over several lines (a mail library does), or shorten it.",
            )
        )
    return found


def _from_finding(values: list[str]) -> Finding:
    if len(values) != 1:
        summary = (
            "The message has no From header."
            if not values
            else f"The message has {len(values)} From headers."
        )
        return finding(
            Area.HEADERS,
            "from",
            Status.FAIL,
            summary,
            "RFC 5322 3.6 requires exactly one From; Gmail rejects such mail with 550 5.7.1 "
            "'Messages missing a valid address in From: header, or having no From: header, are "
            "not accepted', and DMARC cannot be evaluated (RFC 7489 6.6.1).",
            "Set exactly one From header with one address of your own domain.",
        )
    addresses = _addresses(values)
    if len(addresses) != 1:
        return finding(
            Area.HEADERS,
            "from",
            Status.FAIL,
            f"The From header {excerpt(values[0])} holds {len(addresses)} addresses; "
            "one is expected.",
            "Receivers cannot tell whose domain the mail is from; Gmail rejects it with "
            "550 5.7.1 and DMARC cannot be evaluated.",
            "Put a single address in From (use Sender for a second one).",
        )
    return finding(Area.HEADERS, "from", Status.PASS, f"One From header: {addresses[0]}.")


def _address_form(message: email.message.Message) -> list[Finding]:
    found = []
    for name in ("From", "Sender", "Reply-To", "To", "Cc"):
        for value in message.get_all(name) or []:
            problem = _address_problem(name, value)
            if problem:
                found.append(
                    finding(
                        Area.HEADERS,
                        "address-form",
                        Status.FAIL if name == "From" else Status.WARN,
                        f"{name}: {excerpt(value.strip())} is not in RFC 5322 form: {problem}.",
                        "Malformed addresses are rejected as not RFC compliant (Gmail 550 "
                        "5.7.1 'Messages missing a valid address in From: header'; Outlook.com "
                        "550 5.6.211) or scored as spam (SpamAssassin INVALID_MSGID-like rules).",
                        'Write it as "Display Name <local@example.com>"; quote display names '
                        'that contain commas or dots ("Doe, Jane" <jane@example.com>).',
                    )
                )
    return found


def _address_problem(name: str, value: str) -> str:
    if len(value) > _MAX_ADDRESS_FIELD:
        return f"it is {len(value):,} characters long, too long to be an address list"
    try:
        header: Any = email.policy.default.header_factory(name.lower(), value)
    except (IndexError, ValueError, TypeError, AttributeError):
        # The standard library's parser trips over some malformed values ("user@").
        return "it cannot be parsed as an address list"
    defects = [str(defect) for defect in getattr(header, "defects", ())]
    if defects:
        return defects[0].rstrip(".").lower()
    addresses = getattr(header, "addresses", ())
    if not addresses:
        return "no address could be read from it"
    for address in addresses:
        if not address.username or not address.domain:
            return f"{excerpt(address.addr_spec)} lacks a local part or a domain"
        if not _DOT_ATOM_DOMAIN.match(address.domain):
            return f"the domain {excerpt(address.domain)} is not a fully qualified domain name"
    return ""


def _date_finding(values: list[str]) -> Finding:
    if not values:
        return finding(
            Area.HEADERS,
            "date",
            Status.FAIL,
            "The message has no Date header.",
            "RFC 5322 3.6 requires Date; SpamAssassin scores MISSING_DATE and some receivers "
            "reject it as not RFC compliant.",
            "Set Date when the message is sent (email.utils.formatdate(localtime=True)).",
        )
    try:
        email.utils.parsedate_to_datetime(values[0])
    except (TypeError, ValueError, IndexError):
        return finding(
            Area.HEADERS,
            "date",
            Status.FAIL,
            f"The Date header {excerpt(values[0])} is not an RFC 5322 date.",
            "Filters score a malformed date as spam (SpamAssassin INVALID_DATE).",
            "Use the form 'Tue, 1 Jul 2025 10:00:00 +0000'.",
        )
    return finding(Area.HEADERS, "date", Status.PASS, f"Date: {excerpt(values[0].strip())}.")


def _message_id_finding(values: list[str]) -> Finding:
    if not values:
        return finding(
            Area.HEADERS,
            "message-id",
            Status.FAIL,
            "The message has no Message-ID header.",
            "Gmail requires a Message-ID (RFC 5322 3.6.4) and rejects or junks mail without "
            "one: 550 5.7.1 'Messages missing a valid Message-ID header are not accepted'.",
            "Set Message-ID: <unique-id@your-domain> when the message is sent "
            "(email.utils.make_msgid(domain=...)).",
        )
    if len(values) > 1 or not _MESSAGE_ID.match(values[0]):
        return finding(
            Area.HEADERS,
            "message-id",
            Status.FAIL,
            f"The Message-ID {excerpt(values[0])} is not of the form <unique@domain>"
            + (f" and there are {len(values)} of them" if len(values) > 1 else "")
            + ".",
            "Gmail rejects mail without a valid Message-ID with 550 5.7.1; SpamAssassin "
            "scores INVALID_MSGID.",
            "Set exactly one Message-ID: <unique-id@your-domain>.",
        )
    return finding(
        Area.HEADERS, "message-id", Status.PASS, f"Message-ID: {excerpt(values[0].strip())}."
    )
