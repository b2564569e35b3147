"""RFC 3464 delivery status fields: ``Final-Recipient``, ``Status``, ``Diagnostic-Code``...

Many MTAs write these fields in a ``message/delivery-status`` part; some write them in the
text, with or without the blank lines between groups. The reader is lenient on both.
"""

from __future__ import annotations

from collections.abc import Iterator

from bouncekit.bounces import address
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes

_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# The names delivery reports write most, as written, to their lowercased names: one dict
# lookup stands for the tests of a name's characters and the lowercasing.
_COMMON_NAMES = {
    name: name.lower()
    for name in (
        "Action", "Arrival-Date", "Diagnostic-Code", "Final-Recipient", "Last-Attempt-Date",
        "Original-Recipient", "Received-From-MTA", "Remote-MTA", "Reporting-MTA", "Status",
        "X-Postfix-Queue-ID", "X-Postfix-Sender",
    )
}  # fmt: skip


def field_groups(text: str) -> Iterator[dict[str, str]]:
    """Blocks of ``Name: value`` fields, unfolded, with lowercased names.

    A new ``Final-Recipient`` starts a new group even without a blank line before it.
    """
    return iter(_field_groups(text))


def _field_groups(text: str) -> list[dict[str, str]]:
    groups: list[dict[str, str]] = []
    # Each field's value as its pieces, joined when its group ends: adding each continuation
    # line to a string would copy the value so far, quadratic in a field of many lines.
    fields: dict[str, list[str]] = {}
    name: str | None = None
    for line in text.split("\n"):
        key, colon, value = line.partition(":")
        if colon and (lowered := _COMMON_NAMES.get(key)) is not None:
            key = lowered
        elif line[:1] not in _LETTERS:  # not a field: a blank line, a continuation or other text
            if not line or line.isspace():
                if fields:
                    groups.append(_joined(fields))
                    fields = {}
                name = None
            elif name is not None and line[0] in " \t":
                fields[name].append(line.strip())
            else:
                name = None
            continue
        # "Name: value", the name [A-Za-z][A-Za-z0-9-]*: str tests, no regex.
        elif colon and key.isascii() and key.replace("-", "").isalnum():
            key = key.lower()
        else:
            name = None
            continue
        if key in fields:
            if key != "final-recipient":
                name = None  # a repeated field: keep the first
                continue
            groups.append(_joined(fields))  # a new recipient without a blank line before it
            fields = {}
        fields[key] = [value.strip()]
        name = key
    if fields:
        groups.append(_joined(fields))
    return groups


def _joined(fields: dict[str, list[str]]) -> dict[str, str]:
    return {
        key: pieces[0] if len(pieces) == 1 else " ".join(pieces) for key, pieces in fields.items()
    }


def after_type(value: str) -> str:
    """``rfc822; a@b`` -> ``a@b``; ``smtp; 550 ...`` -> ``550 ...`` (RFC 3464 2.1.2)."""
    kind, sep, rest = value.partition(";")
    return rest.strip() if sep and " " not in kind.strip() else value.strip()


def clean_address(value: str) -> str:
    """The address of a recipient field ("rfc822; <a@b>" -> "a@b"), "" when it holds none."""
    value = after_type(value)
    bare = value.strip("<> ")  # most fields: the address, perhaps in brackets
    return bare if address.is_clean(bare) else address.clean(value) or ""


def recipients(text: str) -> list[DecodedRecipient]:
    """One record per recipient group of the delivery-status text."""
    message_fields: dict[str, str] = {}
    found: list[DecodedRecipient] = []
    any_group = False  # a recipient group seen, even one without an address
    for group in _field_groups(text):
        final = group.get("final-recipient")
        original = group.get("original-recipient")
        if final is None and original is None:
            if not any_group:
                message_fields.update(group)
            continue
        any_group = True
        # A final recipient of another address type (an X.400 name) gives way to the original
        # recipient, when that is an Internet address (RFC 3464 2.3.1); a malformed address is
        # kept as written: it is what bounced.
        recipient = (
            clean_address(final or "")
            or clean_address(original or "")
            or address.malformed(after_type(final or original or ""))
        )
        if not recipient:
            continue
        status = group.get("status")
        status = codes.find_status(status) if status else None
        remote = group.get("remote-mta")
        reporting = message_fields.get("reporting-mta")
        diagnostic = group.get("diagnostic-code", "")
        kind, separator, _ = diagnostic.partition(";")
        action = group.get("action")
        found.append(
            DecodedRecipient(
                recipient=recipient,
                original_recipient=clean_address(original) or None if original else None,
                diagnostic=after_type(diagnostic),
                diagnostic_type=kind.strip().lower() if separator and " " not in kind else None,
                action=action.lower().split(" ")[0] or None if action else None,
                status=status,
                remote_mta=after_type(remote) or None if remote else None,
                reporting_mta=after_type(reporting) or None if reporting else None,
                date=group.get("last-attempt-date") or message_fields.get("arrival-date"),
            )
        )
    return found
