"""``verify --offline`` as a stream (issue 12): no event loop, no checkpoint, nothing kept per
row but the duplicate index; and the plain-address reader held to ``validate_email``.

Work is counted, never timed: bench/verify.py measures the speed and the memory.
"""

from __future__ import annotations

import asyncio
import gc
import importlib
import os
import string
import subprocess
import sys
from pathlib import Path

import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncekit.verify import offline, run
from bouncekit.verify.model import VerifyOptions, VerifyResult

OFFLINE = VerifyOptions(offline=True)


def expected(text: str, *, test_domains: bool = False) -> tuple[str, str] | str | None:
    """What validate_email itself says: (local part, ASCII domain), its error message, or
    None for text that is not valid Unicode."""
    try:
        valid = validate_email(
            text, check_deliverability=False, allow_quoted_local=True, test_environment=test_domains
        )
    except EmailNotValidError as error:
        return str(error)
    except UnicodeError:
        return None
    return valid.local_part, valid.ascii_domain


def agrees(text: str, test_domains: bool) -> None:
    """The plain reader answers only as validate_email does: the same parts, the same error;
    or it leaves the text to validate_email."""
    fast: tuple[str, str] | str | None
    try:
        fast = offline._plain_address(text, test_domains)
    except EmailNotValidError as error:
        fast = str(error)
    if fast is not None:
        assert fast == expected(text, test_domains=test_domains)


EDGE_CASES = [
    "ann@example.com",
    "Ann.Lee+tag@Example.COM",
    "POSTMASTER@example.com",  # RFC 2142: validate_email lowercases it
    "Abuse@example.org",
    "a@b",  # no dot: not globally deliverable
    "a@localhost",
    "a@example.test",  # special-use TLD
    "a@xn--bcher-kva.example",  # IDNA given in ASCII
    "a@bücher.example",
    "a@BÜCHER.example",
    "a..b@example.com",
    ".a@example.com",
    "a.@example.com",
    "a@@example.com",
    "a@",
    "@example.com",
    "a b@example.com",
    '"a b"@example.com',
    "Ann <ann@example.com>",
    "a@[192.0.2.1]",
    "a@-example.com",
    "a@example-.com",
    "a@example.com.",
    "a@exa_mple.com",
    "a@123.456",
    "x" * 64 + "@example.com",
    "x" * 65 + "@example.com",  # over 64 before the @: allowed unless strict
    "a@" + ".".join(["b" * 63] * 4) + ".com",  # over 254 in all
    "x" * 240 + "@example.com",
    "x" * 243 + "@example.com",  # 255 characters
    "a@" + "ü" * 20 + ".example",
    "a@\udcff.example",  # a lone surrogate from a bad decode
    "a@exämple.com",
    "a@example.com\u0301",
    "ann@gmial.com",
    "a@ex ample.com",
    "a@example..com",
    "a@\u3002example.com",
    "a@example。com",  # an ideographic full stop
    "a＠example.com",  # a full-width at-sign
]


@pytest.mark.parametrize("text", EDGE_CASES)
@pytest.mark.parametrize("test_domains", [False, True])
def test_plain_address_reader_agrees_with_validate_email(text: str, test_domains: bool) -> None:
    agrees(text, test_domains)
    agrees(text, test_domains)  # the second time from its memory of refused domains


PLAIN = st.text(alphabet=string.ascii_letters + string.digits + ".+-_!#'", min_size=1, max_size=70)
DOMAIN = st.text(alphabet=string.ascii_letters + string.digits + ".-_üÄ\u0301", max_size=80)
ANY = st.text(alphabet=string.printable + 'üßé\u0301\u3002＠<>"[]', max_size=90)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(local=PLAIN, domain=DOMAIN, test_domains=st.booleans())
def test_plain_address_reader_agrees_on_generated_addresses(
    local: str, domain: str, test_domains: bool
) -> None:
    agrees(f"{local}@{domain}", test_domains)


@settings(max_examples=400, deadline=None)
@given(text=ANY)
def test_plain_address_reader_agrees_on_any_text(text: str) -> None:
    agrees(text.strip(), False)


def test_the_plain_reader_takes_the_common_address_and_refuses_its_domain() -> None:
    assert offline._plain_address("Ann.Lee+x@Gmail.COM", False) == ("Ann.Lee+x", "gmail.com")
    assert offline._plain_address("a@bücher.example", False) == ("a", "xn--bcher-kva.example")
    with pytest.raises(EmailNotValidError):
        offline._plain_address("a@@gmail.com", False)
    assert offline._plain_address("a@", False) is None  # validate_email's own words
    assert offline._plain_address('"a b"@example.com', False) is None


def test_an_offline_run_starts_no_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*arguments: object, **keywords: object) -> None:
        raise AssertionError("an offline run started an event loop")

    monkeypatch.setattr(asyncio, "Runner", refuse)
    monkeypatch.setattr(asyncio, "run", refuse)
    monkeypatch.setattr(asyncio, "new_event_loop", refuse)
    addresses = ["ann@example.com", "bad@@example.com", "info@example.com", "ann@example.com"]
    results = list(run.verify_sync(addresses, options=OFFLINE))
    assert [r.reason.value for r in results] == ["not_checked", "syntax", "role", "not_checked"]
    assert results[3].duplicate_of == "ann@example.com"


def test_the_async_api_gives_an_offline_run_the_same_results() -> None:
    addresses = ["ann@example.com", "x@", "Ann@EXAMPLE.com", "sales@mailinator.com", "x@"]

    async def collect() -> list[tuple[int, VerifyResult]]:
        return [pair async for pair in run.verify_as_done(addresses, options=OFFLINE)]

    from_async = asyncio.run(collect())
    assert [index for index, _ in from_async] == list(range(len(addresses)))
    assert [result for _, result in from_async] == list(run.verify_sync(addresses, options=OFFLINE))


class CountingSink:
    def __init__(self) -> None:
        self.kept: list[VerifyResult] = []

    def put(self, result: VerifyResult) -> None:
        self.kept.append(result)

    def catch_all_address(self, domain: str, fresh: str) -> str:
        raise AssertionError("an offline run asks no server")


def test_an_offline_run_still_hands_each_result_to_a_sink() -> None:
    sink = CountingSink()
    results = list(run.verify_sync(["a@example.com", "b@"], options=OFFLINE, sink=sink))
    assert sink.kept == results


def test_results_are_streamed_not_held() -> None:
    """The first result comes before the input is read through, and the results a consumer
    has dropped are freed: the run holds none of them."""
    read: list[int] = []

    def addresses() -> object:
        for number in range(30_000):
            read.append(number)
            yield f"user{number}@example{number % 50}.com"

    results = run.verify_sync(addresses(), options=OFFLINE)  # type: ignore[arg-type]
    first = next(results)
    assert first.address == "user0@example0.com"
    assert len(read) == 1
    for _ in results:
        pass
    gc.collect()
    alive = sum(1 for thing in gc.get_objects() if isinstance(thing, VerifyResult))
    assert alive < 100, alive


def test_repeated_inputs_are_answered_from_a_bounded_memory() -> None:
    texts = [f"user{number}@example.com" for number in range(3 * offline._RECENT)]
    results = list(offline.check_offline([*texts, *texts]))
    assert [r.duplicate_of for r in results[len(texts) :]] == texts
    assert all(r.duplicate_of is None for r in results[: len(texts)])


def test_the_command_leaves_no_checkpoint_and_writes_every_row(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"u{number}@example.com\n" for number in range(2_000)) + "x@\n")
    output = tmp_path / "out.csv"
    state = tmp_path / "state"
    done = subprocess.run(
        [sys.executable, "-m", "bouncekit", "verify", "--offline", str(listing), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "XDG_STATE_HOME": str(state)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = output.read_text().splitlines()
    assert len(lines) == 2_002  # the header and every row
    assert lines[-1].startswith("x@,invalid,syntax,")
    assert not state.exists() or not any(path.is_file() for path in state.rglob("*"))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["list.txt", "out.csv"]


def test_the_domain_check_is_still_email_validators_memoised_one() -> None:
    module = importlib.import_module("email_validator.validate_email")
    assert offline._VALIDATE_EMAIL_MODULE is module
    assert hasattr(module.validate_email_domain_name, "cache_info")
