"""The shared test data beside the checkout (``../shared``): where it is, and what a test does
when it is not there.

The corpora (``corpus/sisimai``, ``corpus/sisimai-extra``, ``corpus/flufl``) and the test data
of the sender checks (``testdata/``) live outside the repository. On a developer's machine a
test that needs them skips when they are missing; under ``CI=true`` it fails, as the browser
tests do without Chromium: a CI run that silently tested nothing must not pass.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# tests/support/corpus.py -> the checkout is parents[2]; the shared data sits beside it.
SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"


def missing_sentence(path: Path) -> str:
    """What a person reads when shared data is missing, and what to do about it."""
    return (
        f"The shared test data is missing at {path}: it sits beside the checkout in ../shared "
        "(link it there, e.g. 'ln -s /work/shared ../shared', to run these tests)."
    )


def require_shared(path: Path) -> Path:
    """``path`` if it exists; otherwise skip the test, or fail it under ``CI=true``."""
    if path.exists():
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(missing_sentence(path))
    pytest.skip(missing_sentence(path))
