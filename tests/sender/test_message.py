"""check-message: DKIM over the shared signed messages, SPF/DMARC alignment and blocklisted
link domains from zones served by a real DNS server on loopback, header and content checks on
messages built here."""

from __future__ import annotations

import base64
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import dkim
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bouncekit.resolver import DnsResolver
from bouncekit.sender.message import MessageReport, check_message
from bouncekit.sender.model import Finding, Status
from tests.support.corpus import SHARED, require_shared
from tests.support.dns_server import ZoneServer, record

DKIM_DATA = SHARED / "testdata" / "dkim"
Zone = Callable[..., ZoneServer]


@pytest.fixture(autouse=True)
def _dkim_data() -> None:
    """Every test here reads the shared DKIM keys and messages."""
    require_shared(DKIM_DATA)


def data(name: str) -> bytes:
    return (DKIM_DATA / name).read_bytes()


def ed25519_record(private_key_file: str) -> str:
    """The key record of a raw base64 Ed25519 private key (RFC 8463 uses RFC 8032's 7.1 key)."""
    private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(data(private_key_file)))
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "v=DKIM1; k=ed25519; p=" + base64.b64encode(public).decode("ascii")


def key_records() -> list[object]:
    """The keys of the shared messages: which selector and domain each signs with."""
    return [
        # rfc6376.signed*.msg: RFC 8463's ed25519 "brisbane" and RSA "test" selectors.
        record(
            "brisbane._domainkey.football.example.com", "TXT", ed25519_record("rfc8032_7_1.key")
        ),
        record("test._domainkey.football.example.com", "TXT", data("test.txt").decode().strip()),
        # ed25519test2.msg: Exim's test signature, d=test.ex s=sed.
        record("sed._domainkey.test.ex", "TXT", data("eximtest.dns").decode().strip()),
        # Messages signed in these tests with test.private and ed25519test.key.
        record("test._domainkey.example.com", "TXT", data("test.txt").decode().strip()),
        record("ed._domainkey.example.com", "TXT", "v=DKIM1; " + data("ed25519test.dns").decode()),
    ]


ZONE = """
football.example.com. 300 IN TXT "v=spf1 ip4:192.0.2.10 -all"
mail.football.example.com. 300 IN TXT "v=spf1 ip4:192.0.2.10 -all"
example.com. 300 IN TXT "v=spf1 ip4:192.0.2.20 ~all"
bad-links.example.dbl.spamhaus.org. 300 IN A 127.0.1.2
refused.example.dbl.spamhaus.org. 300 IN A 127.255.255.254
"""


def resolver_for(
    dns_zone: Zone, dmarc: str = "v=DMARC1; p=reject", zone: str = ZONE
) -> DnsResolver:
    records = [*key_records(), record("_dmarc.football.example.com", "TXT", dmarc)]
    server = dns_zone(zone, records=records)
    return DnsResolver(server.address, timeout=2)


def findings(report: MessageReport, check: str) -> list[Finding]:
    return [f for f in report.findings if f.check == check]


def one(report: MessageReport, check: str) -> Finding:
    (finding,) = findings(report, check)
    return finding


def sign(
    message: bytes, *, selector: bytes = b"test", ed25519: bool = False, **options: object
) -> bytes:
    key = data("ed25519test.key") if ed25519 else data("test.private")
    algorithm = b"ed25519-sha256" if ed25519 else b"rsa-sha256"
    signature = dkim.sign(
        message,
        selector,
        b"example.com",
        key,
        signature_algorithm=algorithm,
        **options,
    )
    return bytes(signature) + message


# -- DKIM ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "signatures"),
    [("rfc6376.signed.msg", 2), ("rfc6376.signed.rsa.msg", 1), ("ed25519test2.msg", 1)],
)
def test_shared_signed_messages_verify(dns_zone: Zone, name: str, signatures: int) -> None:
    report = check_message(data(name), resolver=resolver_for(dns_zone))
    verdicts = findings(report, "dkim.signature")
    assert len(verdicts) == signatures
    assert all(f.status is Status.PASS for f in verdicts), verdicts


def test_messages_signed_here_with_the_shared_keys_verify(dns_zone: Zone) -> None:
    resolver = resolver_for(dns_zone)
    rsa_signed = sign(data("test.message"))
    ed_signed = sign(data("ed25519test.msg"), selector=b"ed", ed25519=True)
    assert one(check_message(rsa_signed, resolver=resolver), "dkim.signature").status is Status.PASS
    assert one(check_message(ed_signed, resolver=resolver), "dkim.signature").status is Status.PASS


def test_a_1024_bit_key_verifies_with_a_warning(dns_zone: Zone) -> None:
    report = check_message(data("rfc6376.signed.rsa.msg"), resolver=resolver_for(dns_zone))
    size = one(report, "dkim.key-size")
    assert size.status is Status.WARN
    assert "1024-bit" in size.summary
    assert "2048" in size.fix


def test_a_changed_body_fails(dns_zone: Zone) -> None:
    tampered = data("rfc6376.signed.rsa.msg").replace(b"We lost the game", b"We won the game")
    finding = one(check_message(tampered, resolver=resolver_for(dns_zone)), "dkim.signature")
    assert finding.status is Status.FAIL
    assert "body was changed" in finding.summary
    assert "5.7.26" in finding.why


def test_a_changed_signed_header_fails(dns_zone: Zone) -> None:
    tampered = data("rfc6376.signed.msg").replace(b"Is dinner ready?", b"Is lunch ready?")
    verdicts = findings(check_message(tampered, resolver=resolver_for(dns_zone)), "dkim.signature")
    assert [f.status for f in verdicts] == [Status.FAIL, Status.FAIL]
    assert "signed header was changed" in verdicts[1].summary


def test_a_missing_key_fails_and_names_the_record(dns_zone: Zone) -> None:
    signed = sign(data("test.message"), selector=b"gone")
    finding = one(check_message(signed, resolver=resolver_for(dns_zone)), "dkim.signature")
    assert finding.status is Status.FAIL
    assert "no key at gone._domainkey.example.com" in finding.summary
    assert "gone._domainkey.example.com" in finding.fix


def test_a_dns_failure_is_unknown_not_fail(dns_zone: Zone) -> None:
    server = dns_zone(ZONE, servfail=["test._domainkey.football.example.com"])
    report = check_message(data("rfc6376.signed.rsa.msg"), resolver=DnsResolver(server.address))
    assert one(report, "dkim.signature").status is Status.UNKNOWN
    assert one(report, "dmarc.dkim-alignment").status is Status.UNKNOWN


def test_unsigned_mail_fails_dkim(dns_zone: Zone) -> None:
    report = check_message(data("test.message"), resolver=resolver_for(dns_zone))
    assert one(report, "dkim.signature").status is Status.FAIL
    assert "no DKIM signature" in one(report, "dkim.signature").summary


# -- SPF and DMARC alignment ---------------------------------------------------------------


def with_return_path(message: bytes, address: str) -> bytes:
    return f"Return-Path: <{address}>\n".encode() + message


def test_spf_passes_and_aligns_relaxed(dns_zone: Zone) -> None:
    message = with_return_path(data("rfc6376.signed.rsa.msg"), "bounce@mail.football.example.com")
    report = check_message(message, ip="192.0.2.10", resolver=resolver_for(dns_zone))
    assert one(report, "spf.result").status is Status.PASS
    assert "ip4:192.0.2.10" in one(report, "spf.result").summary
    assert one(report, "dmarc.spf-alignment").status is Status.PASS
    assert one(report, "dmarc.dkim-alignment").status is Status.PASS
    assert one(report, "dmarc.result").status is Status.PASS


def test_strict_spf_alignment_rejects_a_subdomain(dns_zone: Zone) -> None:
    message = with_return_path(data("test.message"), "bounce@mail.football.example.com")
    message = message.replace(b"test@example.com", b"test@football.example.com")
    resolver = resolver_for(dns_zone, dmarc="v=DMARC1; p=reject; aspf=s")
    report = check_message(message, ip="192.0.2.10", resolver=resolver)
    assert one(report, "spf.result").status is Status.PASS
    alignment = one(report, "dmarc.spf-alignment")
    assert alignment.status is Status.WARN
    assert "strict" in alignment.summary
    assert one(report, "dmarc.result").status is Status.FAIL  # and no DKIM to save it


def test_spf_fail_names_the_fix(dns_zone: Zone) -> None:
    message = with_return_path(data("rfc6376.signed.rsa.msg"), "bounce@football.example.com")
    report = check_message(message, ip="198.51.100.7", resolver=resolver_for(dns_zone))
    spf = one(report, "spf.result")
    assert spf.status is Status.FAIL
    assert "ip4:198.51.100.7" in spf.fix
    # DKIM still aligns, so DMARC passes.
    assert one(report, "dmarc.result").status is Status.PASS


def test_no_ip_leaves_spf_unknown(dns_zone: Zone) -> None:
    report = check_message(data("rfc6376.signed.rsa.msg"), resolver=resolver_for(dns_zone))
    assert one(report, "spf.result").status is Status.UNKNOWN
    assert "--ip" in one(report, "spf.result").fix


def test_missing_dmarc_record_gives_a_starter(dns_zone: Zone) -> None:
    report = check_message(sign(data("test.message")), resolver=resolver_for(dns_zone))
    dmarc = one(report, "dmarc.record")
    assert dmarc.status is Status.FAIL
    assert "v=DMARC1; p=none" in dmarc.fix
    assert one(report, "dmarc.dkim-alignment").status is Status.PASS


# -- headers -------------------------------------------------------------------------------


def build(**headers: str) -> EmailMessage:
    message = EmailMessage()
    defaults = {
        "From": "Shop <news@football.example.com>",
        "To": "reader@example.org",
        "Subject": "Our autumn news",
        "Date": "Tue, 01 Jul 2025 10:00:00 +0000",
        "Message-ID": "<abc.123@football.example.com>",
    }
    for name, value in (defaults | headers).items():
        if value:
            message[name] = value
    message.set_content("Hello,\n\nHere is what is new this autumn in our shop.\n")
    return message


def check(message: EmailMessage | bytes, dns_zone: Zone, **options: object) -> MessageReport:
    raw = message if isinstance(message, bytes) else message.as_bytes()
    return check_message(raw, resolver=resolver_for(dns_zone), **options)  # type: ignore[arg-type]


def test_a_well_formed_message_passes_the_header_checks(dns_zone: Zone) -> None:
    report = check(build(), dns_zone)
    headers = [f for f in report.findings if f.area == "headers"]
    assert {f.check for f in headers} >= {"headers.from", "headers.date", "headers.message-id"}
    assert all(f.status is Status.PASS for f in headers), headers


@pytest.mark.parametrize(
    ("change", "check_name", "words"),
    [
        ({"Date": ""}, "headers.date", "no Date"),
        ({"Date": "yesterday"}, "headers.date", "not an RFC 5322 date"),
        ({"Message-ID": ""}, "headers.message-id", "no Message-ID"),
        ({"Message-ID": "abc123"}, "headers.message-id", "<unique@domain>"),
        ({"From": ""}, "headers.from", "no From"),
        ({"From": "a@football.example.com, b@football.example.com"}, "headers.from", "2 addresses"),
    ],
)
def test_header_problems(
    dns_zone: Zone, change: dict[str, str], check_name: str, words: str
) -> None:
    finding = one(check(build(**change), dns_zone), check_name)
    assert finding.status is Status.FAIL
    assert words in finding.summary
    assert finding.why
    assert finding.fix


def test_two_from_headers_and_a_bad_address(dns_zone: Zone) -> None:
    raw = build().as_bytes().replace(b"To: reader@example.org", b"From: x@y.example\nTo: reader@")
    report = check(raw, dns_zone)
    assert "2 From headers" in one(report, "headers.from").summary
    assert any("To:" in f.summary for f in findings(report, "headers.address-form"))


def test_mime_without_mime_version(dns_zone: Zone) -> None:
    raw = build().as_bytes().replace(b"MIME-Version: 1.0\n", b"")
    assert one(check(raw, dns_zone), "headers.mime-version").status is Status.FAIL


# -- unsubscribe ---------------------------------------------------------------------------

UNSUBSCRIBE = (
    b"List-Unsubscribe: <https://football.example.com/u?id=1>, <mailto:u@football.example.com>\n"
    b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
)
SIGNED_HEADERS = [
    b"from",
    b"to",
    b"subject",
    b"date",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
]


def test_one_click_unsubscribe_signed_by_dkim_passes(dns_zone: Zone) -> None:
    message = sign(UNSUBSCRIBE + data("test.message"), include_headers=SIGNED_HEADERS)
    report = check(message, dns_zone)
    assert one(report, "unsubscribe.list-unsubscribe").status is Status.PASS
    assert one(report, "unsubscribe.one-click").status is Status.PASS


def test_one_click_unsubscribe_not_covered_by_dkim_fails(dns_zone: Zone) -> None:
    message = sign(UNSUBSCRIBE + data("test.message"))  # default h= lacks the two headers
    finding = one(check(message, dns_zone), "unsubscribe.one-click")
    assert finding.status is Status.FAIL
    assert "RFC 8058" in finding.why


def test_unsubscribe_without_post_or_header(dns_zone: Zone) -> None:
    without_post = UNSUBSCRIBE.split(b"\n")[0] + b"\n" + data("test.message")
    assert one(check(without_post, dns_zone), "unsubscribe.one-click").status is Status.FAIL
    plain = check(data("test.message"), dns_zone)
    assert one(plain, "unsubscribe.list-unsubscribe").status is Status.WARN


# -- size and content ----------------------------------------------------------------------


def test_size_over_ten_megabytes(dns_zone: Zone) -> None:
    message = build()
    message.add_attachment(b"\0" * (8 * 1024 * 1024), maintype="application", subtype="pdf",
                           filename="big.pdf")  # fmt: skip
    finding = one(check(message, dns_zone), "size.limit")
    assert finding.status is Status.FAIL
    assert "10 MB" in finding.summary  # 8 MB becomes about 10.8 MB in base64
    assert "Postfix" in finding.summary


def html_message(html: str, *, text: str | None = None, subject: str = "Autumn news") -> bytes:
    message = build(Subject=subject)
    message.set_content(text or "")
    if text is None:
        message.clear_content()
        message.set_content(html, subtype="html")
    else:
        message.add_alternative(html, subtype="html")
    return message.as_bytes()


def test_html_without_text_alternative_warns(dns_zone: Zone) -> None:
    html = (
        "<html><body><p>" + "Here is our news for the autumn season. " * 10 + "</p></body></html>"
    )
    report = check(html_message(html), dns_zone)
    assert one(report, "content.text-alternative").status is Status.WARN
    with_text = check(html_message(html, text="Here is our news."), dns_zone)
    assert one(with_text, "content.text-alternative").status is Status.PASS


def test_image_only_mail(dns_zone: Zone) -> None:
    html = '<html><body><a href="https://football.example.com/"><img src="cid:x"></a></body></html>'
    report = check(html_message(html), dns_zone)
    assert one(report, "content.image-only").status is Status.FAIL
    assert one(report, "content.text-ratio").status is Status.WARN


def test_spam_phrases_and_a_shouting_subject(dns_zone: Zone) -> None:
    raw = html_message(
        "<p>Results 100% guaranteed, with our money back guarantee. Join thousands of happy "
        "customers.</p>",
        text="Act Now: results 100% guaranteed.",
        subject="FREE MONEY FOR YOU!!!",
    )
    report = check(raw, dns_zone)
    phrases = one(report, "content.spam-phrases")
    assert phrases.status is Status.FAIL
    assert phrases.summary == (
        "SpamAssassin rules matched: GUARANTEED_100_PERCENT (One hundred percent guaranteed), "
        "MONEY_BACK (Money back guarantee), JOIN_MILLIONS (Join Millions of Americans), "
        "ACT_NOW_CAPS (Talks about 'acting now' with capitals)."
    )
    assert "adds about 5.4 points" in phrases.why  # 2.699 + 2.486 + 0.1 + 0.1
    assert one(report, "content.subject-capitals").status is Status.WARN
    assert one(report, "content.subject-punctuation").status is Status.WARN


def test_spam_phrases_warn_below_four_rules_and_pass_without(dns_zone: Zone) -> None:
    # Folklore's "act now" and "click here" are not SpamAssassin rules; "Act Now" is.
    plain = html_message("<p>Act now and click here for our autumn news.</p>", text="Our news.")
    assert one(check(plain, dns_zone), "content.spam-phrases").status is Status.PASS
    capitals = html_message("<p>Act Now for our autumn news.</p>", text="Our news.")
    warned = one(check(capitals, dns_zone), "content.spam-phrases")
    assert warned.status is Status.WARN
    assert "ACT_NOW_CAPS" in warned.summary


def test_links_shorteners_and_blocklisted_domains(dns_zone: Zone) -> None:
    html = (
        "<p>Read <a href='https://bit.ly/abc'>this</a>, "
        "<a href='https://www.bad-links.example/offer'>that</a> and "
        "<a href='https://refused.example/x'>https://football.example.com/x</a>.</p>"
    )
    report = check(html_message(html, text="Our news."), dns_zone)
    assert "4 distinct link(s)" in one(report, "links.count").summary
    assert "bit.ly" in one(report, "links.shortener").summary
    dbl = findings(report, "links.blocklist.spamhaus-dbl")
    (listed,) = [f for f in dbl if f.status is Status.FAIL]
    assert "bad-links.example is listed" in listed.summary
    assert "Remove links to bad-links.example" in listed.fix
    refused = [f for f in report.findings if f.status is Status.UNKNOWN and "refused" in f.summary]
    assert refused
    assert "Could not check" in refused[0].summary
    assert "refused.example" in one(report, "links.mismatch").summary


def test_clean_links_pass_the_blocklists(dns_zone: Zone) -> None:
    html = "<p>Read <a href='https://football.example.com/news'>our news</a> today.</p>"
    report = check(html_message(html, text="Our news."), dns_zone)
    assert one(report, "links.blocklist").status is Status.PASS
    assert not findings(report, "links.shortener")


# -- attachments ---------------------------------------------------------------------------


def zipped(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, b"WScript.Echo(1)")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("filename", "payload", "status", "words"),
    [
        ("setup.exe", b"MZ", Status.FAIL, "setup.exe (.exe"),
        ("invoice.pdf.js", b"x", Status.FAIL, ".js"),
        ("budget.xlsm", b"PK", Status.FAIL, "macros"),
        ("photos.zip", zipped("run.js"), Status.FAIL, "photos.zip holds run.js"),
        ("report.pdf", b"%PDF-1.4", Status.PASS, "report.pdf"),
        ("docs.zip", zipped("notes.txt"), Status.PASS, "docs.zip"),
    ],
)
def test_attachment_types(
    dns_zone: Zone, filename: str, payload: bytes, status: Status, words: str
) -> None:
    message = build()
    message.add_attachment(payload, maintype="application", subtype="octet-stream",
                           filename=filename)  # fmt: skip
    finding = findings(check(message, dns_zone), "attachments.types")[0]
    assert finding.status is status
    assert words in finding.summary
    if status is Status.FAIL:
        assert "552 5.7.0" in finding.why


# -- the command ---------------------------------------------------------------------------


def test_check_message_command_prints_json_and_panels(dns_zone: Zone, tmp_path: Path) -> None:
    server = dns_zone(ZONE, records=key_records())
    path = tmp_path / "signed.eml"
    path.write_bytes(data("rfc6376.signed.msg"))
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    base = [sys.executable, "-m", "bouncekit", "--nameserver", server.address]
    result = subprocess.run(
        [*base, "check-message", str(path), "--ip", "192.0.2.10", "--json"],
        capture_output=True, text=True, timeout=60, env=environment, check=False,
    )  # fmt: skip
    document = json.loads(result.stdout)
    failed = any(finding["status"] == "fail" for finding in document["findings"])
    assert result.returncode == (1 if failed else 0), result.stderr
    checks = {(f["check"], f["status"]) for f in document["findings"]}
    assert ("dkim.signature", "pass") in checks
    assert ("spf.result", "pass") in checks
    assert set(document["findings"][0]) == {"area", "check", "status", "summary", "why", "fix"}
    panels = subprocess.run(
        [*base, "check-message", str(path)],
        capture_output=True, text=True, timeout=60, env=environment, check=False,
    )  # fmt: skip
    assert panels.returncode == result.returncode, panels.stderr
    assert "DKIM signatures" in panels.stdout
    assert "Unsubscribe" in panels.stdout
    missing = subprocess.run(
        [*base, "check-message", str(tmp_path / "nope.eml")],
        capture_output=True, text=True, timeout=60, env=environment, check=False,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "is not a file" in missing.stderr
