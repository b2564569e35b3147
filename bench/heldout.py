"""Which part of a labelled set rules may be written from, and which part only scores them.

Accuracy that counts is accuracy on mail nobody wrote a rule for. Every labelled set the
benchmarks read is split once, by a hash of a unit that keeps related items together (a
format's folder, an MTA family, a source page), so that a rule written from one message of a
format cannot flatter the score of its sibling. About a third of the units are held out.

Whoever writes rules looks only at the misses of the development part (the benchmarks list
misses from it alone unless asked); the held-out part is reported as a number.
"""

from __future__ import annotations

import hashlib

DEV = "dev"
HELD_OUT = "held-out"
PARTS = (DEV, HELD_OUT)


def part_of(unit: str) -> str:
    """The part a unit belongs to: stable across runs, machines and Python versions."""
    digest = hashlib.sha256(unit.encode("utf-8")).digest()
    return HELD_OUT if digest[0] % 3 == 0 else DEV


def flufl_unit(file: str) -> str:
    """corpus/flufl: an MTA family (``qmail_03.txt.eml`` -> ``qmail``) is one unit, except
    the families that flufl.bounce's tests fill with unrelated MTAs (``simple``, ``dsn``,
    ``bounce``), where each message is its own."""
    family = file.split("_", 1)[0]
    return file if family in ("simple", "dsn", "bounce") else family
