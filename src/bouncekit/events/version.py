"""Which engine judged an event: stored with every event, so ``rejudge`` knows which events
an older engine judged."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import bouncekit

# The code whose change can change a judgement: the reply engine with its rules, the bounce
# formats and the judging of a decoded recipient.
_JUDGING = ("replies", "bounces", "events")


@functools.cache
def classifier_version() -> str:
    """bouncekit's version and a digest of the source of everything that judges ("0.1.0+"
    and 12 hex digits): any edit of a rule or of the engine gives a new version."""
    top = Path(bouncekit.__file__).parent
    digest = hashlib.sha256()
    for package in _JUDGING:
        for path in sorted((top / package).rglob("*.py")):
            digest.update(str(path.relative_to(top)).encode())
            digest.update(path.read_bytes())
    return f"{bouncekit.__version__}+{digest.hexdigest()[:12]}"
