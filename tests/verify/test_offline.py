"""The offline checks: syntax, normalising, duplicates, typos, disposable, role and free mail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bouncekit.domains import (
    _MIN_DISTANCE_NAME,
    KNOWN_TYPOS,
    NOT_TYPOS,
    WELL_KNOWN_DOMAINS,
    _closest,
    _index,
    _split,
    is_public_suffix,
    suggest_domain,
)
from bouncekit.replies.model import Verdict
from bouncekit.status import Status
from bouncekit.verify.lists import (
    DISPOSABLE_DOMAINS,
    FREE_MAIL_DOMAINS,
    DisposableDomains,
    is_role,
    mailbox_key,
)
from bouncekit.verify.model import VerifyReason
from bouncekit.verify.offline import OfflineResult, check_address, check_offline

CHECK_NAMES = ("syntax", "duplicate", "typo", "disposable", "role", "free")


def statuses(result: OfflineResult) -> dict[str, Status]:
    return {check.name: check.status for check in result.checks}


# --- normalising -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address", "local", "domain"),
    [
        ("john@example.com", "john@example.com", "john", "example.com"),
        ("  john@example.com\t\n", "john@example.com", "john", "example.com"),
        ("John@Example.COM", "John@example.com", "John", "example.com"),
        ("anna@bücher.example", "anna@xn--bcher-kva.example", "anna", "xn--bcher-kva.example"),
        ("anna@BÜCHER.example", "anna@xn--bcher-kva.example", "anna", "xn--bcher-kva.example"),
        (
            "anna@xn--bcher-kva.example",
            "anna@xn--bcher-kva.example",
            "anna",
            "xn--bcher-kva.example",
        ),
        ("yuki@例え.jp", "yuki@xn--r8jz45g.jp", "yuki", "xn--r8jz45g.jp"),
        ("jörg@example.de", "jörg@example.de", "jörg", "example.de"),  # SMTPUTF8 local part
        ('"john doe"@example.com', '"john doe"@example.com', '"john doe"', "example.com"),
        ('"john"@example.com', "john@example.com", "john", "example.com"),  # needless quotes
        ("Postmaster@Example.com", "postmaster@example.com", "postmaster", "example.com"),
    ],
)
def test_normalises(text: str, address: str, local: str, domain: str) -> None:
    result = check_address(text)
    assert result.syntax_error is None
    assert (result.input, result.address, result.local, result.domain) == (
        text,
        address,
        local,
        domain,
    )
    assert statuses(result)["syntax"] is Status.PASS


# --- syntax ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "An email address must have an @-sign."),
        ("   ", "An email address must have an @-sign."),
        ("john.example.com", "An email address must have an @-sign."),
        ("john..smith@example.com", "two periods"),
        ("@example.com", "There must be something before the @-sign."),
        ("john@", "There must be something after the @-sign."),
        ("john@@example.com", "@"),
        ("john smith@example.com", "invalid characters before the @-sign"),
        ("john@exa mple.com", "invalid characters"),
        ("john@localhost", "It should have a period."),
        ("john@example.test", "special-use or reserved name"),
        ("john@[192.0.2.1]", "bracketed IP address"),
        ("John <john@example.com>", "display name"),
        ("x" * 250 + "@example.com", "too long"),
        ("john@-example.com", "hyphen"),
    ],
)
def test_syntax_errors_are_invalid_with_email_validators_sentence(text: str, message: str) -> None:
    result = check_address(text)
    assert result.syntax_error is not None
    assert message in result.syntax_error
    assert result.syntax_error.endswith(".")
    assert (result.verdict, result.reason) == (Verdict.INVALID, VerifyReason.SYNTAX)
    assert (result.address, result.local, result.domain) == ("", "", "")
    checks = statuses(result)
    assert checks["syntax"] is Status.FAIL
    assert all(checks[name] is Status.SKIPPED for name in ("disposable", "role", "free"))


def test_one_check_per_step_in_order() -> None:
    for text in ("john@example.com", "not an address", "info@mailinator.com"):
        assert tuple(check.name for check in check_address(text).checks) == CHECK_NAMES
    for result in check_offline(["a@example.com", "a@example.com", "broken"]):
        assert tuple(check.name for check in result.checks) == CHECK_NAMES


# --- duplicates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("john@example.com", "john@example.com"),  # exact
        ("john@example.com", "  john@example.com "),  # after trimming
        ("john@example.com", "john@EXAMPLE.com"),  # the domain's case
        ("anna@bücher.example", "anna@xn--bcher-kva.example"),  # IDNA or Unicode
        ("john.smith@gmail.com", "johnsmith@gmail.com"),  # Gmail ignores dots
        ("john.smith@gmail.com", "j.o.h.n.s.m.i.t.h@gmail.com"),
        ("johnsmith@gmail.com", "JohnSmith+news@gmail.com"),  # +tag and case at Gmail
        ("john.smith@googlemail.com", "johnsmith@gmail.com"),  # googlemail.com is gmail.com
        ("johnsmith@gmail.com", "john.smith+x@GoogleMail.com"),
        ("anna@outlook.com", "anna+shop@outlook.com"),  # Outlook delivers +tags
        ("anna@icloud.com", "Anna+x@icloud.com"),
        ("anna@fastmail.com", "anna+list@fastmail.com"),
        ("not an address", "not an address"),  # unusable text, repeated
    ],
)
def test_duplicates(first: str, later: str) -> None:
    results = list(check_offline([first, "someone.else@example.org", later]))
    assert results[0].duplicate_of is None
    assert results[1].duplicate_of is None
    assert results[2].duplicate_of == first
    assert results[2].input == later
    assert statuses(results[0])["duplicate"] is Status.PASS
    assert statuses(results[2])["duplicate"] is Status.WARN


@pytest.mark.parametrize(
    ("first", "later"),
    [
        ("john@example.com", "John@example.com"),  # local parts are case-sensitive (RFC 5321)
        ("john.smith@example.com", "johnsmith@example.com"),  # dots matter outside Gmail
        ("john@example.com", "john+tag@example.com"),  # +tags only where the provider says so
        ("john.smith@outlook.com", "johnsmith@outlook.com"),  # Outlook does not ignore dots
        ("anna@yahoo.com", "anna+x@yahoo.com"),  # Yahoo uses "-" aliases, not +tags
        ("john@gmail.com", "john@gmail.co"),
        ("john@example.com", "john@example.org"),
    ],
)
def test_not_duplicates(first: str, later: str) -> None:
    assert [result.duplicate_of for result in check_offline([first, later])] == [None, None]


def test_duplicate_points_at_the_first_input_as_given() -> None:
    inputs = [
        " John.Smith@gmail.com",
        "johnsmith@gmail.com",
        "j.smith@gmail.com",
        "johnsmith+a@gmail.com",
    ]
    results = list(check_offline(inputs))
    assert [result.duplicate_of for result in results] == [
        None,
        " John.Smith@gmail.com",
        None,
        " John.Smith@gmail.com",
    ]
    assert [result.input for result in results] == inputs


def test_a_repeated_input_keeps_its_findings() -> None:
    first, again = check_offline(["info@mailinator.com", "info@mailinator.com"])
    assert (again.verdict, again.reason, again.disposable, again.role) == (
        first.verdict,
        first.reason,
        True,
        True,
    )


def test_check_offline_streams_one_result_per_input() -> None:
    def addresses() -> Iterator[str]:
        yield "a@example.com"
        raise AssertionError("read one more than asked for")

    stream = check_offline(addresses())
    assert next(stream).address == "a@example.com"


def test_check_address_has_no_duplicate_state() -> None:
    check_address("john@example.com")
    result = check_address("john@example.com")
    assert result.duplicate_of is None
    assert statuses(result)["duplicate"] is Status.SKIPPED


@pytest.mark.parametrize(
    ("local", "domain", "key"),
    [
        ("John.Smith+x", "googlemail.com", "johnsmith@gmail.com"),
        ("Anna+x", "hotmail.co.uk", "anna@hotmail.co.uk"),
        ("Anna.B", "yahoo.com", "anna.b@yahoo.com"),
        ("Anna+x", "example.com", "Anna+x@example.com"),
    ],
)
def test_mailbox_key(local: str, domain: str, key: str) -> None:
    assert mailbox_key(local, domain) == key


# --- typos -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("john@gmial.com", "john@gmail.com"),
        ("john@gamil.com", "john@gmail.com"),
        ("john@gmal.com", "john@gmail.com"),
        ("john@gmail.con", "john@gmail.com"),
        ("john@gmail.co", "john@gmail.com"),
        ("john@gmail.cmo", "john@gmail.com"),  # not a top-level domain
        ("john@GMIAL.com", "john@gmail.com"),
        ("john@hotmial.com", "john@hotmail.com"),
        ("john@hotmial.con", "john@hotmail.com"),
        ("john@yaho.com", "john@yahoo.com"),
        ("john@yahooo.com", "john@yahoo.com"),
        ("john@outlok.com", "john@outlook.com"),
        ("john@iclod.com", "john@icloud.com"),
        ("john@protonmial.com", "john@protonmail.com"),
        ("john@comcats.net", "john@comcast.net"),
        ("john@yaho.co.uk", "john@yahoo.co.uk"),
        ("john@aol.con", "john@aol.com"),
        ("john@gmail", "john@gmail.com"),  # a syntax error with an obvious fix
        ("john@gmial.com.", "john@gmail.com"),
    ],
)
def test_typo_suggestions(text: str, suggestion: str) -> None:
    result = check_address(text)
    assert result.suggestion == suggestion
    assert statuses(result)["typo"] is Status.WARN


@pytest.mark.parametrize(
    "text",
    [
        *(
            f"john@{domain}"
            for domain in ("gmail.com", "googlemail.com", "yahoo.co.uk", "mail.com")
        ),
        "john@hotmail.es",  # Microsoft's too: another real country domain
        "john@outlook.es",
        "john@yahoo.co.in",
        "john@gmx.at",
        "john@gmail.co.uk",  # not Google's, but not a typo of a well-known domain either
        "john@ms.com",  # short names have real neighbours (me.com, msn.com)
        "john@aon.com",
        "john@life.com",
        "john@cloud.com",
        "john@example.com",
        "john@mail.gmial.com",  # subdomains are left alone
        "john@company.example",
        "john@bücher.example",
    ],
)
def test_no_suggestion(text: str) -> None:
    result = check_address(text)
    assert result.suggestion is None
    assert statuses(result)["typo"] is Status.PASS


def test_no_well_known_domain_is_corrected() -> None:
    assert [domain for domain in WELL_KNOWN_DOMAINS if suggest_domain(domain)] == []
    assert len(set(WELL_KNOWN_DOMAINS)) == len(WELL_KNOWN_DOMAINS)


def test_a_typo_alone_decides_nothing() -> None:
    result = check_address("john@outlok.com")
    assert (result.verdict, result.reason) == (None, None)


def test_a_typo_domain_can_also_be_disposable() -> None:
    # typo domains are registered to catch mistyped mail; the package lists some of them
    result = check_address("john@gmial.com")
    assert result.suggestion == "john@gmail.com"
    assert result.disposable


# --- disposable --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "disposable"),
    [
        ("tempmail.example", True),
        ("mail.tempmail.example", True),  # a subdomain of a listed domain
        ("a.b.tempmail.example", True),
        ("nottempmail.example", False),  # label boundaries, not string suffixes
        ("tempmail.example.org", False),
        ("example", False),
        ("temp.host.example.com", True),  # a listed name below a registered domain
        ("x.temp.host.example.com", True),
        ("host.example.com", False),  # its parent is not listed
        ("ok.tempmail.example", False),  # allowlisted
    ],
)
def test_disposable_matches_on_registered_domain_boundaries(domain: str, disposable: bool) -> None:
    listed = DisposableDomains(
        ["tempmail.example", "temp.host.example.com", "OK.tempmail.example"],
        allowlist=["ok.tempmail.example"],
    )
    assert listed.matches(domain) is disposable
    assert (domain in listed) is listed.matches(domain)


def test_label_boundaries() -> None:
    listed = DisposableDomains(["mailinator.com"])
    assert listed.matches("mailinator.com")
    assert listed.matches("mx.mailinator.com")
    assert not listed.matches("notmailinator.com")
    assert not listed.matches("mailinator.com.example")


@pytest.mark.parametrize(
    ("domain", "disposable"),
    [
        ("dynv6.net", True),  # listed as written
        ("customer.dynv6.net", False),  # dynv6.net is a public suffix (private section)
        ("0-mailer.dynv6.net", True),
        ("x.0-mailer.dynv6.net", True),
    ],
)
def test_a_listed_public_suffix_does_not_cover_its_customers(domain: str, disposable: bool) -> None:
    listed = DisposableDomains(["dynv6.net", "0-mailer.dynv6.net"])
    assert listed.matches(domain) is disposable


@pytest.mark.parametrize(
    ("text", "disposable"),
    [
        ("someone@mailinator.com", True),
        ("someone@MAILINATOR.com", True),
        ("someone@mail.mailinator.com", True),
        ("someone@mymailinator.com", False),  # (notmailinator.com is listed itself)
        ("someone@mailinator.com.example", False),
        ("someone@10minutemail.com", True),
        ("someone@yopmail.com", True),
        ("someone@gmail.com", False),
        ("someone@example.com", False),
    ],
)
def test_disposable_addresses_are_risky(text: str, disposable: bool) -> None:
    result = check_address(text)
    assert result.disposable is disposable
    if disposable:
        assert (result.verdict, result.reason) == (Verdict.RISKY, VerifyReason.DISPOSABLE)
        assert statuses(result)["disposable"] is Status.WARN
    else:
        assert statuses(result)["disposable"] is Status.PASS


def test_the_packaged_disposable_list_is_loaded() -> None:
    assert len(DISPOSABLE_DOMAINS) > 1000
    assert "mailinator.com" in DISPOSABLE_DOMAINS


# --- role accounts -----------------------------------------------------------------------------

RFC_2142 = ("postmaster", "abuse", "hostmaster", "webmaster", "noc", "security", "info")
COMMON = ("marketing", "sales", "support", "admin", "office", "contact", "hello", "help")
MORE = ("billing", "careers", "jobs", "hr", "no-reply", "noreply", "no_reply", "team")


@pytest.mark.parametrize("local", [*RFC_2142, *COMMON, *MORE, "do-not-reply", "Info", "SALES"])
def test_role_accounts_are_risky(local: str) -> None:
    result = check_address(f"{local}@example.com")
    assert result.role
    assert (result.verdict, result.reason) == (Verdict.RISKY, VerifyReason.ROLE)
    assert statuses(result)["role"] is Status.WARN


@pytest.mark.parametrize("local", ["info+newsletter", "support+ticket-123", "no-reply+x"])
def test_role_accounts_with_tags(local: str) -> None:
    assert check_address(f"{local}@example.com").role
    assert is_role(local)


@pytest.mark.parametrize(
    "local", ["john", "information", "infos.john", "salesman", "hrishikesh", "j+info"]
)
def test_people_are_not_roles(local: str) -> None:
    result = check_address(f"{local}@example.com")
    assert not result.role
    assert (result.verdict, result.reason) == (None, None)
    assert statuses(result)["role"] is Status.PASS


def test_disposable_decides_before_role() -> None:
    result = check_address("info@mailinator.com")
    assert (result.role, result.disposable) == (True, True)
    assert result.reason is VerifyReason.DISPOSABLE


# --- free mail ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "free"),
    [
        *((domain, True) for domain in ("gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.jp")),
        *((domain, True) for domain in ("outlook.com", "hotmail.co.uk", "live.com", "aol.com")),
        *((domain, True) for domain in ("icloud.com", "me.com", "mac.com", "gmx.de", "web.de")),
        *((domain, True) for domain in ("mail.ru", "yandex.ru", "proton.me", "protonmail.com")),
        *((domain, True) for domain in ("zoho.com", "qq.com", "163.com", "naver.com")),
        ("example.com", False),
        ("mail.gmail.com", False),
        ("company.co.uk", False),
    ],
)
def test_free_mail(domain: str, free: bool) -> None:
    result = check_address(f"john@{domain}")
    assert result.free is free
    assert (result.verdict, result.reason) == (None, None)  # free mail is not a risk in itself
    assert statuses(result)["free"] is Status.PASS


def test_free_mail_domains_are_well_known() -> None:
    assert set(WELL_KNOWN_DOMAINS) >= FREE_MAIL_DOMAINS


def test_a_plain_address_leaves_the_verdict_to_the_network() -> None:
    result = check_address("jane.doe@example.com")
    assert (result.verdict, result.reason) == (None, None)
    assert (result.suggestion, result.duplicate_of) == (None, None)
    assert (result.disposable, result.role, result.free) == (False, False, False)
    assert all(check.status is not Status.FAIL for check in result.checks)


# --- never raises ------------------------------------------------------------------------------

address_like = st.builds(
    lambda local, at, domain: f"{local}{at}{domain}",
    st.text(max_size=70),
    st.sampled_from(["@", "@@", "", " @ "]),
    st.one_of(st.text(max_size=40), st.sampled_from(WELL_KNOWN_DOMAINS)),
)


@given(st.lists(st.one_of(st.text(max_size=300), address_like), max_size=8))
def test_arbitrary_text_never_raises(texts: list[str]) -> None:
    results = list(check_offline(texts))
    assert [result.input for result in results] == texts
    for result in results:
        assert tuple(check.name for check in result.checks) == CHECK_NAMES
        assert (result.syntax_error is None) == bool(result.address)
        if result.address:
            assert result.domain == result.domain.lower()
            assert result.domain.isascii()
            assert result.address == f"{result.local}@{result.domain}"
        else:
            assert result.verdict is Verdict.INVALID


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"[a-z0-9.+_-]{1,20}@[a-zA-Z0-9.-]{1,30}(\.[a-z]{2,6})?", fullmatch=True)
    | st.text(max_size=40)
)
def test_memoised_domain_check_answers_as_email_validator_does(text: str) -> None:
    import importlib

    from email_validator import EmailNotValidError, validate_email

    module = importlib.import_module("email_validator.validate_email")
    memoised = module.validate_email_domain_name
    assert hasattr(memoised, "cache_info"), "bouncekit.verify.offline memoises it"

    def outcome() -> object:
        try:
            valid = validate_email(text, check_deliverability=False, allow_quoted_local=True)
        except EmailNotValidError as error:
            return ("invalid", str(error))
        except UnicodeError:
            return ("unicode",)
        return (valid.normalized, valid.ascii_email)

    cached = outcome()
    module.validate_email_domain_name = memoised.__wrapped__
    try:
        assert outcome() == cached
    finally:
        module.validate_email_domain_name = memoised


def _measured_against_every_candidate(domain: str) -> str | None:
    """suggest_domain's edit-distance step as it was before the deletion index: the distance
    to every comparable well-known domain."""
    _, comparable, _ = _index()
    _, suffix = _split(domain)
    limit = 1 if len(domain) <= 9 else 2
    candidates = tuple(
        (candidate, candidate)
        for candidate, _, candidate_suffix in comparable
        if not is_public_suffix(suffix) or candidate_suffix == suffix
    )
    return _closest(domain, candidates, limit)


_EDITS = st.sampled_from(["delete", "insert", "replace", "swap"])


@given(
    base=st.sampled_from(sorted(WELL_KNOWN_DOMAINS)),
    edits=st.lists(
        st.tuples(_EDITS, st.integers(0, 40), st.sampled_from("aeiolmnrst.c")), max_size=3
    ),
)
@settings(max_examples=400, deadline=None)
def test_the_deletion_index_finds_what_measuring_every_candidate_finds(
    base: str, edits: list[tuple[str, int, str]]
) -> None:
    domain = base
    for kind, where, char in edits:
        at = where % (len(domain) + 1)
        if kind == "delete" and at < len(domain):
            domain = domain[:at] + domain[at + 1 :]
        elif kind == "insert":
            domain = domain[:at] + char + domain[at:]
        elif kind == "replace" and at < len(domain):
            domain = domain[:at] + char + domain[at + 1 :]
        elif kind == "swap" and at + 1 < len(domain):
            domain = domain[:at] + domain[at + 1] + domain[at] + domain[at + 2 :]
    name, _ = _split(domain) if "." in domain else (domain, "")
    by_name, _, _ = _index()
    # Only the edit-distance step is compared: the cases decided before it are left out.
    assume("." in domain and name and "." not in name and name not in by_name)
    assume(len(name) >= _MIN_DISTANCE_NAME - 1)
    assume(domain not in WELL_KNOWN_DOMAINS)
    assume(domain not in KNOWN_TYPOS and domain not in NOT_TYPOS)
    assert suggest_domain.__wrapped__(domain) == _measured_against_every_candidate(domain)
