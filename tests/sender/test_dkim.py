"""DKIM keys: the shared test keys parsed, and served from a real DNS server on loopback."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bouncekit.resolver import DnsResolver
from bouncekit.sender.dkim import (
    COMMON_SELECTORS,
    DkimKey,
    DkimKeyError,
    KeyFormat,
    KeyType,
    dkim_findings,
    parse_dkim_key,
)
from bouncekit.sender.model import Finding, Status
from tests.support.corpus import SHARED, require_shared
from tests.support.dns_server import ZoneServer

KEYS = SHARED / "testdata" / "dkim"


def _tiny_key() -> str:
    """A 512-bit RSA key record: cryptography will not generate one, so the modulus is made up
    (only its size matters here)."""
    modulus = (1 << 511) | 0x1234567
    key = rsa.RSAPublicNumbers(65537, modulus).public_key()
    der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    return "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode("ascii")


TINY_KEY = _tiny_key()


def record(name: str) -> str:
    return (KEYS / name).read_text().strip()


# file -> (key type, bits, format), or the words of the error
PARSED: dict[str, tuple[KeyType, int, KeyFormat] | str] = {
    "1024_testkey_wo_markers.pub.txt": (KeyType.RSA, 1024, KeyFormat.SPKI),
    "1024_testkey_wo_markers.pub.rsa.txt": (KeyType.RSA, 1024, KeyFormat.PKCS1),
    "2048_testkey_wo_markers.pub.txt": (KeyType.RSA, 2048, KeyFormat.SPKI),
    "2048_testkey_wo_markers.pub.rsa.txt": (KeyType.RSA, 2048, KeyFormat.PKCS1),
    "2048_testkey_PKCS8.key.pub.txt": (KeyType.RSA, 2048, KeyFormat.SPKI),
    "test.txt": (KeyType.RSA, 1024, KeyFormat.SPKI),
    "test2.txt": (KeyType.RSA, 1024, KeyFormat.SPKI),  # no k=: RSA by default
    "test_tlsrpt.txt": (KeyType.RSA, 1024, KeyFormat.SPKI),
    "ed25519test.dns": (KeyType.ED25519, 256, KeyFormat.RAW),  # no v=: optional
    "eximtest.dns": (KeyType.ED25519, 256, KeyFormat.RAW),
    "badk.txt": '"k=ed25519-sha256" is not a key type',
    "badversion.txt": '"v=DKIM1: g=*"',  # a colon for a semicolon swallows the next tag
    "test_bad.txt": "not a DER RSA public key",  # the key's last bytes are cut off
}


@pytest.mark.parametrize(("name", "expected"), PARSED.items())
def test_shared_key_records(name: str, expected: tuple[KeyType, int, KeyFormat] | str) -> None:
    require_shared(KEYS)
    key = parse_dkim_key(record(name))
    if isinstance(expected, str):
        assert isinstance(key, DkimKeyError)
        assert expected in key.message
    else:
        assert isinstance(key, DkimKey)
        assert (key.key_type, key.bits, key.key_format) == expected


def test_flags_hashes_services_and_notes() -> None:
    key = parse_dkim_key("v=DKIM1; k=rsa; t=y:s; h=sha1:sha256; s=email; n=rotated in May; p=")
    assert isinstance(key, DkimKey)
    assert key.revoked
    assert (key.testing, key.strict_subdomains) == (True, True)
    assert key.hash_algorithms == ("sha1", "sha256")
    assert key.accepts_sha256
    assert key.for_email
    assert key.notes == "rotated in May"
    assert key.to_text(t="s", n=None) == "v=DKIM1; k=rsa; t=s; h=sha1:sha256; s=email; p="


def test_the_tiny_key_measures_512_bits() -> None:
    key = parse_dkim_key(TINY_KEY)
    assert isinstance(key, DkimKey)
    assert key.bits == 512


def test_a_key_split_by_white_space_is_joined() -> None:
    text = TINY_KEY[:40] + " \t " + TINY_KEY[40:80] + "\r\n " + TINY_KEY[80:]
    key = parse_dkim_key(text)
    assert isinstance(key, DkimKey)
    assert key.bits == 512


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("v=DKIM1; k=rsa", 'no "p=" tag'),
        ("v=DKIM1; p=abc; p=def", '"p" appears more than once'),
        ("k=rsa; v=DKIM1; p=", "must be the first tag"),
        ("v=DKIM1; k=rsa; p=!!!!", "not valid base64"),
        ("v=DKIM1; k=ed25519; p=AAAA", "raw 32 bytes"),
        ("v=DKIM1; garbage; p=", '"garbage" is not a tag'),
    ],
)
def test_unusable_records(text: str, words: str) -> None:
    key = parse_dkim_key(text)
    assert isinstance(key, DkimKeyError)
    assert words in key.message


# -- findings against a real DNS server ----------------------------------------------------


def zone() -> str:
    """Selectors of keys.test serving the shared keys (records over 255 bytes are split)."""
    selectors = {
        "s2048": record("2048_testkey_wo_markers.pub.txt"),
        "s1024": record("test.txt"),
        "pkcs1": record("2048_testkey_wo_markers.pub.rsa.txt"),
        "ed": record("ed25519test.dns"),
        "revoked": "v=DKIM1; k=rsa; p=",
        "testing": record("2048_testkey_PKCS8.key.pub.txt").replace("g=*;", "t=y;"),
        "cut": record("test_bad.txt"),
        "badk": record("badk.txt"),
        "badversion": record("badversion.txt"),
        "tlsrpt": record("test_tlsrpt.txt"),
        "sha1": record("2048_testkey_PKCS8.key.pub.txt").replace("g=*;", "h=sha1;"),
        "tiny": TINY_KEY,
        "double": record("test.txt"),
    }
    lines = [
        f'{selector}._domainkey.keys.test. 300 IN TXT "{text}"'
        for selector, text in selectors.items()
    ]
    rsa2048, pkcs8 = (
        record("2048_testkey_wo_markers.pub.txt"),
        record("2048_testkey_PKCS8.key.pub.txt"),
    )
    lines += [
        f'double._domainkey.keys.test. 300 IN TXT "{rsa2048}"',
        f'selector1._domainkey.common.test. 300 IN TXT "{pkcs8}"',
        f'google._domainkey.common.test. 300 IN TXT "{record("ed25519test.dns")}"',
        'default._domainkey.noise.test. 300 IN TXT "some-verification=abc"',
        "noise.test. 300 IN A 127.0.0.1",
        'selector1._domainkey.rotated.test. 300 IN TXT "v=DKIM1; k=rsa; p="',
        f'selector2._domainkey.rotated.test. 300 IN TXT "{rsa2048}"',
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def server() -> Iterator[ZoneServer]:
    # One server for the module (stopping one takes half a second); each test gets a fresh
    # resolver, so nothing is cached between tests.
    require_shared(KEYS)
    zone_server = ZoneServer(zone(), servfail=["flaky._domainkey.keys.test"]).start()
    yield zone_server
    zone_server.stop()


@pytest.fixture
def dns(server: ZoneServer) -> DnsResolver:
    return DnsResolver(server.address, timeout=2)


def checks(findings: list[Finding]) -> list[tuple[str, Status]]:
    assert all(finding.area == "dkim" for finding in findings)
    return [(finding.check, finding.status) for finding in findings]


@pytest.mark.parametrize(
    ("selector", "expected", "words"),
    [
        ("s2048", [("dkim.key", Status.PASS)], "an RSA 2048-bit key"),
        ("s1024", [("dkim.key", Status.WARN)], "an RSA 1024-bit key"),
        ("tiny", [("dkim.key", Status.FAIL)], "an RSA 512-bit key"),
        ("pkcs1", [("dkim.key", Status.PASS), ("dkim.key-format", Status.WARN)], "2048-bit"),
        ("ed", [("dkim.key", Status.PASS)], "an Ed25519 key (256 bits)"),
        ("revoked", [("dkim.key", Status.FAIL)], "revoked key"),
        ("testing", [("dkim.key", Status.PASS), ("dkim.testing", Status.WARN)], "2048-bit"),
        ("cut", [("dkim.key", Status.FAIL)], "not a DER RSA public key"),
        ("badk", [("dkim.key", Status.FAIL)], "ed25519-sha256"),
        ("badversion", [("dkim.key", Status.FAIL)], "v=DKIM1: g=*"),
        ("tlsrpt", [("dkim.key", Status.WARN), ("dkim.key-usage", Status.FAIL)], "tlsrpt"),
        ("sha1", [("dkim.key", Status.PASS), ("dkim.key-usage", Status.FAIL)], "sha1"),
        ("missing", [("dkim.selector", Status.FAIL)], "does not exist"),
        ("flaky", [("dkim.selector", Status.UNKNOWN)], "Could not look up"),
    ],
)
def test_each_selector_given(
    dns: DnsResolver, selector: str, expected: list[tuple[str, Status]], words: str
) -> None:
    findings = dkim_findings("keys.test", [selector], resolver=dns)
    assert checks(findings) == expected
    assert any(words in finding.summary for finding in findings), findings
    for finding in findings:
        if finding.status in (Status.WARN, Status.FAIL):
            assert finding.fix


def test_problems_name_rejections_and_fixes(dns: DnsResolver) -> None:
    (tiny,) = dkim_findings("keys.test", ["tiny"], resolver=dns)
    assert "RFC 8301" in tiny.why
    assert "550 5.7.26" in tiny.why
    assert "openssl genrsa -out dkim.key 2048" in tiny.fix
    testing = dkim_findings("keys.test", ["testing"], resolver=dns)[1]
    assert "t=y" not in testing.fix
    assert testing.fix.startswith('When signing works, publish "v=DKIM1; k=rsa; p=MIIBIjAN')
    (missing,) = dkim_findings("keys.test", ["missing"], resolver=dns)
    assert "missing._domainkey.keys.test" in missing.fix


def test_a_given_selector_holding_no_key_fails(dns: DnsResolver) -> None:
    (finding,) = dkim_findings("noise.test", ["default"], resolver=dns)
    assert (finding.check, finding.status) == ("dkim.selector", Status.FAIL)
    assert "not DKIM keys: some-verification=abc" in finding.summary


def test_two_records_at_one_selector(dns: DnsResolver) -> None:
    findings = dkim_findings("keys.test", ["double"], resolver=dns)
    assert sorted(checks(findings)) == [
        ("dkim.key", Status.PASS),
        ("dkim.key", Status.WARN),
        ("dkim.records", Status.WARN),
    ]


def test_common_selectors_are_tried_when_none_is_given(dns: DnsResolver) -> None:
    findings = dkim_findings("common.test", [], resolver=dns)
    assert [(f.check, f.status, f.summary.split(":")[0]) for f in findings] == [
        ("dkim.key", Status.PASS, "Selector google"),
        ("dkim.key", Status.PASS, "Selector selector1"),
    ]


def test_none_found_is_unknown_and_names_the_selectors_tried(dns: DnsResolver) -> None:
    # noise.test answers default._domainkey with a TXT record that is not a key.
    (finding,) = dkim_findings("noise.test", (), resolver=dns)
    assert (finding.check, finding.status) == ("dkim.selector", Status.UNKNOWN)
    assert f"the {len(COMMON_SELECTORS)} common selectors tried" in finding.summary
    assert "default, google, selector1, selector2, k1" in finding.summary
    assert "cannot be listed" in finding.why


def test_a_retired_selector_beside_a_working_one_only_warns(dns: DnsResolver) -> None:
    findings = dkim_findings("rotated.test", (), resolver=dns)
    assert checks(findings) == [("dkim.key", Status.WARN), ("dkim.key", Status.PASS)]
    assert "retired selector" in findings[0].summary
    given = dkim_findings("rotated.test", ["selector1"], resolver=dns)
    assert checks(given) == [("dkim.key", Status.FAIL)]
