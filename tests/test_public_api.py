"""The public API: everything documented is importable from ``bouncekit`` and listed in __all__."""

from __future__ import annotations

import inspect

import pytest

import bouncekit


def test_all_names_exist() -> None:
    for name in bouncekit.__all__:
        assert hasattr(bouncekit, name), name


def test_all_is_complete() -> None:
    public = {
        name
        for name, value in vars(bouncekit).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and getattr(value, "__module__", "").startswith("bouncekit")
    }
    assert public <= set(bouncekit.__all__), public - set(bouncekit.__all__)


def test_all_is_sorted_and_unique() -> None:
    assert list(bouncekit.__all__) == sorted(set(bouncekit.__all__))


def test_documented_usage_type_checks_and_runs() -> None:
    diagnoses: list[bouncekit.Diagnosis] = bouncekit.explain(
        "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown"
    )
    (diagnosis,) = diagnoses
    assert diagnosis.reason is bouncekit.Reason.USERUNKNOWN
    assert diagnosis.owner is bouncekit.Owner.RECIPIENT
    assert diagnosis.verdict is bouncekit.Verdict.INVALID
    assert diagnosis.retry is bouncekit.Retry.NEVER
    assert diagnosis.hard
    assert diagnosis.to_dict()["reason"] == "userunknown"


def test_errors_are_value_errors_with_one_root() -> None:
    assert issubclass(bouncekit.InputError, bouncekit.BouncekitError)
    assert issubclass(bouncekit.InputError, ValueError)
    assert issubclass(bouncekit.NoReplyFoundError, bouncekit.InputError)
    assert issubclass(bouncekit.ConfigurationError, bouncekit.BouncekitError)


JOBS = (
    "explain",
    "parse_bounce",
    "verify_addresses",
    "verify_sync",
    "check_sender",
    "check_message",
    "check_smtp",
    "warmup_plan",
)


def test_every_job_is_exported() -> None:
    assert set(JOBS) <= set(bouncekit.__all__)
    for name in JOBS:
        assert callable(getattr(bouncekit, name)), name


@pytest.mark.parametrize(
    "name", ["verify_addresses", "verify_sync", "check_sender", "check_message", "check_smtp"]
)
def test_a_job_that_asks_the_dns_takes_the_resolver_as_a_keyword(name: str) -> None:
    parameter = inspect.signature(getattr(bouncekit, name)).parameters["resolver"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY
