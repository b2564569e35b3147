"""RFC 3464 delivery status fields: ``Final-Recipient``, ``Status``, ``Diagnostic-Code``...

Many MTAs write these fields in a ``message/delivery-status`` part; some write them in the
text, with or without the blank lines between groups. The reader is lenient on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bouncekit.bounces.model import DecodedRecipient

_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_STATUS = re.compile(r"\b([245])\.(\d{1,3})\.(\d{1,3})\b")
_PER_RECIPIENT = ("final-recipient", "original-recipient")


def field_groups(text: str) -> Iterator[dict[str, str]]:
    """Blocks of ``Name: value`` fields, unfolded, with lowercased names.

    A new ``Final-Recipient`` starts a new group even without a blank line before it.
    """
    fields: dict[str, str] = {}
    name: str | None = None
    for line in text.split("\n"):
        if line[:1] not in _LETTERS:  # not a field: a blank line, a continuation or other text
            if not line.strip():
                if fields:
                    yield fields
                fields, name = {}, None
            elif line[:1] in (" ", "\t"):
                if name is not None:
                    fields[name] += " " + line.strip()
            else:
                name = None
            continue
        # "Name: value", the name [A-Za-z][A-Za-z0-9-]*: partition and str tests, no regex.
        key, colon, value = line.partition(":")
        if not (colon and key.isascii() and key.replace("-", "").isalnum()):
            name = None
            continue
        key = key.lower()
        if key == "final-recipient" and "final-recipient" in fields:
            yield fields
            fields = {}
        name = key
        if key not in fields:
            fields[key] = value.strip()
        else:
            name = None  # a repeated field: keep the first
    if fields:
        yield fields


def after_type(value: str) -> str:
    """``rfc822; a@b`` -> ``a@b``; ``smtp; 550 ...`` -> ``550 ...`` (RFC 3464 2.1.2)."""
    kind, sep, rest = value.partition(";")
    return rest.strip() if sep and " " not in kind.strip() else value.strip()


def clean_address(value: str) -> str:
    address = after_type(value).strip().strip("<>").strip().strip("'\"")
    return address.split()[0].strip("<>") if address else ""


def recipients(text: str) -> list[DecodedRecipient]:
    """One record per recipient group of the delivery-status text."""
    message_fields: dict[str, str] = {}
    found: list[DecodedRecipient] = []
    for group in field_groups(text):
        if not any(key in group for key in _PER_RECIPIENT):
            if not found:
                message_fields.update(group)
            continue
        final = group.get("final-recipient") or group.get("original-recipient", "")
        status_match = _STATUS.search(group.get("status", ""))
        remote = group.get("remote-mta", "")
        reporting = message_fields.get("reporting-mta", "")
        original = group.get("original-recipient")
        diagnostic = group.get("diagnostic-code", "")
        kind, separator, _ = diagnostic.partition(";")
        found.append(
            DecodedRecipient(
                recipient=clean_address(final),
                original_recipient=clean_address(original) if original else None,
                diagnostic=after_type(diagnostic),
                diagnostic_type=kind.strip().lower() if separator and " " not in kind else None,
                action=group.get("action", "").lower().split(" ")[0] or None,
                status=".".join(status_match.groups()) if status_match else None,
                remote_mta=after_type(remote) or None,
                reporting_mta=after_type(reporting) or None,
                date=group.get("last-attempt-date") or message_fields.get("arrival-date"),
            )
        )
    return [record for record in found if "@" in record.recipient or record.recipient]
