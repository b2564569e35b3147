"""Bounce messages: every DSN and MTA format into one judged record per recipient."""

from __future__ import annotations

from bouncekit.bounces.model import BounceKind, BounceRecord, BounceReport, DecodedRecipient
from bouncekit.bounces.parse import parse_bounce

__all__ = ["BounceKind", "BounceRecord", "BounceReport", "DecodedRecipient", "parse_bounce"]
