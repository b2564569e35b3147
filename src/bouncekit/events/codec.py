"""One schema for the event record, and the shapes made from it.

:data:`SCHEMA` lists the fields of a :class:`~bouncekit.events.model.BounceEvent` in the
order of ``bouncekit parse``'s columns, each with its name outside Python and its kind. From
it come:

- :func:`to_json` / :func:`from_json`: a dict of JSON values (enums as their values, times in
  ISO 8601, the source as ``{"kind", "reference"}``): ``bouncekit parse``'s JSON lines and
  the web API;
- :func:`to_row` / :func:`from_row`: a CSV row of strings (``None`` an empty cell, a bool
  ``true`` / ``false``, the source ``kind:reference``), under :data:`FIELDS`;
- :func:`to_tuple` / :func:`from_tuple`: the flat tuple of Python values that crosses a process
  boundary (``-j N``): every field but the judgement, as the constructor takes them.

The store will take its columns from the same schema. Some fields are written for readers
and not read back, since the event derives them from others: ``file`` (the reference of a file
source), ``event_id``, ``occurred_at`` and ``recipient_domain``. The ``action`` column is the
report's word (``reported_action``), whose RFC 3464 meaning is ``BounceEvent.action``.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bouncekit.errors import InputError
from bouncekit.events.model import (
    EVENT_FIELDS,
    BounceEvent,
    EventSource,
    SourceKind,
)
from bouncekit.replies.model import Command, Owner, Reason, Retry, Verdict

__all__ = [
    "FIELDS",
    "SCHEMA",
    "FieldKind",
    "FieldSpec",
    "from_json",
    "from_row",
    "from_tuple",
    "to_json",
    "to_row",
    "to_tuple",
]


class FieldKind(StrEnum):
    """How a field's value is written outside Python."""

    TEXT = "text"  # a str, never None
    OPTIONAL_TEXT = "optional text"  # a str or None
    INTEGER = "integer"
    BOOLEAN = "boolean"
    ENUM = "enum"  # a StrEnum member (``enum`` of the spec), None where ``optional``
    TIME = "time"  # a timezone-aware datetime or None; ISO 8601 outside
    SOURCE = "source"  # an EventSource


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the schema.

    ``name`` is the field's name outside Python (``from`` for ``sender``); ``attribute`` the
    event's attribute it is written from; ``stored`` is False for a field the event derives
    from others (a property), written for readers and ignored when read back.
    """

    name: str
    attribute: str
    kind: FieldKind
    enum: type[StrEnum] | None = None
    optional: bool = True
    stored: bool = True


def _spec(name: str, kind: FieldKind, attribute: str | None = None, **options: Any) -> FieldSpec:
    return FieldSpec(name, attribute or name, kind, **options)


_TEXT = FieldKind.OPTIONAL_TEXT
SCHEMA: tuple[FieldSpec, ...] = (
    # The columns of bouncekit parse before events existed, in their order...
    _spec("file", _TEXT, stored=False),
    _spec("index", FieldKind.INTEGER, optional=False),
    _spec("recipient", FieldKind.TEXT, optional=False),
    _spec("original_recipient", _TEXT),
    _spec("action", _TEXT, "reported_action"),
    _spec("status", _TEXT),
    _spec("replycode", _TEXT),
    _spec("diagnostic", FieldKind.TEXT, optional=False),
    _spec("command", FieldKind.ENUM, enum=Command),
    _spec("remote_mta", _TEXT),
    _spec("reporting_mta", _TEXT),
    _spec("date", _TEXT),
    _spec("reason", FieldKind.ENUM, enum=Reason, optional=False),
    _spec("owner", FieldKind.ENUM, enum=Owner, optional=False),
    _spec("hard", FieldKind.BOOLEAN, optional=False),
    _spec("verdict", FieldKind.ENUM, enum=Verdict),
    _spec("decoded_by", FieldKind.TEXT, optional=False),
    _spec("message_id", _TEXT),
    _spec("from", _TEXT, "sender"),
    _spec("subject", _TEXT),
    _spec("feedback_type", _TEXT),
    # ... then the event's own.
    _spec("event_id", FieldKind.TEXT, optional=False, stored=False),
    _spec("occurred_at", FieldKind.TIME, stored=False),
    _spec("recipient_domain", _TEXT, stored=False),
    _spec("provider", _TEXT),
    _spec("rule_id", _TEXT),
    _spec("retry", FieldKind.ENUM, enum=Retry, optional=False),
    _spec("source", FieldKind.SOURCE, optional=False),
    _spec("report_date", _TEXT),
)
FIELDS: tuple[str, ...] = tuple(spec.name for spec in SCHEMA)
# Every stored field once, every constructor argument covered: checked at import, so that a
# field added to BounceEvent and forgotten here fails at once rather than vanish from output.
if sorted(spec.attribute for spec in SCHEMA if spec.stored) != sorted(EVENT_FIELDS):
    raise AssertionError("events.codec.SCHEMA and BounceEvent's fields differ")

_STORED = tuple(spec for spec in SCHEMA if spec.stored)


# --- the flat tuple: process boundaries ------------------------------------------------------


def to_tuple(event: BounceEvent) -> tuple[Any, ...]:
    """Every field but the judgement, in the constructor's order (as ``pickle`` sends it)."""
    values: tuple[Any, ...] = _event_values(event)
    return values


_event_values = operator.attrgetter(*EVENT_FIELDS)


def from_tuple(values: Sequence[Any]) -> BounceEvent:
    """The event :func:`to_tuple` gave."""
    return BounceEvent(*values)


# --- JSON ------------------------------------------------------------------------------------


def _json_value(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind is FieldKind.ENUM:
        return value.value
    if spec.kind is FieldKind.TIME:
        return value.isoformat()
    if spec.kind is FieldKind.SOURCE:
        return {"kind": value.kind.value, "reference": value.reference}
    return value


def to_json(event: BounceEvent) -> dict[str, Any]:
    """The event as a dict of JSON values, keyed by :data:`FIELDS` in their order."""
    return {
        spec.name: _json_value(spec, getattr(event, spec.attribute))
        for spec in SCHEMA  # a loop over 28 specs: a few microseconds per record
    }


def _read(spec: FieldSpec, value: Any, read: Callable[[FieldSpec, Any], Any]) -> Any:
    """``read(spec, value)``, its failure told as an :class:`InputError` naming the field."""
    try:
        return read(spec, value)
    except InputError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise InputError(
            f"The field {spec.name!r} of an event holds {value!r}, which is not a valid "
            f"{spec.kind} ({error}). Give it as bouncekit writes it."
        ) from None


def _from_json_value(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        if not spec.optional:
            raise InputError(f"The field {spec.name!r} of an event cannot be null.")
        return None
    if spec.kind is FieldKind.ENUM and spec.enum is not None:
        return spec.enum(value)
    if spec.kind is FieldKind.TIME:
        return datetime.datetime.fromisoformat(value)
    if spec.kind is FieldKind.SOURCE:
        return EventSource(SourceKind(value["kind"]), value.get("reference"))
    return value


def from_json(data: Mapping[str, Any]) -> BounceEvent:
    """The event :func:`to_json` wrote (the judgement is not part of it).

    Raises :class:`InputError` (a ValueError) naming the field when a value is missing or not
    of its kind.
    """
    values = {}
    for spec in _STORED:
        if spec.name not in data:
            raise InputError(f"An event in JSON needs the field {spec.name!r}; it is missing.")
        values[spec.attribute] = _read(spec, data[spec.name], _from_json_value)
    return BounceEvent(**values)


# --- CSV -------------------------------------------------------------------------------------


def _cell(spec: FieldSpec, value: Any) -> str:
    if value is None:
        return ""
    if spec.kind is FieldKind.BOOLEAN:
        return "true" if value else "false"
    if spec.kind is FieldKind.ENUM:
        return str(value.value)
    if spec.kind is FieldKind.TIME:
        return str(value.isoformat())
    return str(value)  # text, an integer, a source ("kind:reference")


def to_row(event: BounceEvent) -> list[str]:
    """The event as CSV cells, in the order of :data:`FIELDS`."""
    return [_cell(spec, getattr(event, spec.attribute)) for spec in SCHEMA]


_BOOLEANS = {"true": True, "false": False}
_READ_CELL: dict[FieldKind, Callable[[str], Any]] = {
    FieldKind.INTEGER: int,
    FieldKind.TIME: datetime.datetime.fromisoformat,
    FieldKind.SOURCE: EventSource.parse,
}


def _from_cell(spec: FieldSpec, cell: str) -> Any:
    if spec.kind is FieldKind.TEXT:
        return cell
    if cell == "" and spec.optional:
        return None
    if spec.kind is FieldKind.BOOLEAN:
        if cell not in _BOOLEANS:
            raise InputError(f"The field {spec.name!r} holds {cell!r}, not true or false.")
        return _BOOLEANS[cell]
    if spec.kind is FieldKind.ENUM and spec.enum is not None:
        return spec.enum(cell)
    read = _READ_CELL.get(spec.kind)
    return read(cell) if read is not None else cell


def from_row(row: Sequence[str]) -> BounceEvent:
    """The event :func:`to_row` wrote (an empty cell is ``None`` in an optional field).

    Raises :class:`InputError` (a ValueError) when the row is not as long as :data:`FIELDS` or
    a cell is not of its field's kind.
    """
    if len(row) != len(SCHEMA):
        raise InputError(
            f"An event row has {len(SCHEMA)} cells ({', '.join(FIELDS)}), not {len(row)}."
        )
    values = {
        spec.attribute: _read(spec, cell, _from_cell)
        for spec, cell in zip(SCHEMA, row, strict=True)
        if spec.stored
    }
    return BounceEvent(**values)
