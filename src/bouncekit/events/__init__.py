"""Events: the one record of a judged failure that every source produces, and its codec.

- :mod:`bouncekit.events.model`: :class:`BounceEvent`, its source and its id;
- :mod:`bouncekit.events.codec`: one schema, and JSON, CSV and the flat tuple made from it;
- :mod:`bouncekit.events.judge`: a format's decoded recipient, judged into an event;
- :mod:`bouncekit.events.pseudo_status`: Sisimai's status for a failure that gives none.

Only the model is imported here: the judging needs the bounce formats' record and the explain
engine, which importers of the record alone should not pay for.
"""

from __future__ import annotations

from bouncekit.events.model import (
    BounceEvent,
    DeliveryAction,
    EventSource,
    SourceKind,
    event_id,
    occurred_at,
    recipient_domain,
)

__all__ = [
    "BounceEvent",
    "DeliveryAction",
    "EventSource",
    "SourceKind",
    "event_id",
    "occurred_at",
    "recipient_domain",
]
