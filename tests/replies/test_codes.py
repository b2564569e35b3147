"""The reply-code and enhanced-status tables: complete, consistent, and in step with Sisimai."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bouncekit.replies.codes import (
    ENHANCED_STATUSES,
    REPLY_CODES,
    REPLYCODE_AFTER,
    REPLYCODE_PATTERN,
    STATUS_AFTER,
    STATUS_PATTERN,
    EnhancedStatus,
    ReplyCode,
    describe_status,
    enhanced_status,
    find_replycode,
    find_status,
    find_statuses,
    is_replycode,
    is_status,
    reply_code,
    status_class_meaning,
    status_reason,
)
from bouncekit.replies.model import Reason
from bouncekit.replies.parse import parse_reply

REPLY_ENTRIES = list(REPLY_CODES.values())
STATUS_ENTRIES = list(ENHANCED_STATUSES.values())

# RFC 5321 4.2.3, RFC 4954 (AUTH) and RFC 1846/7504 (521, 556).
EXPECTED_REPLY_CODES = {
    "211", "214", "220", "221", "250", "251", "252", "354",
    "421", "450", "451", "452", "455",
    "500", "501", "502", "503", "504", "550", "551", "552", "553", "554", "555",
    "235", "334", "432", "454", "530", "534", "535", "538",
    "521", "556",
}  # fmt: skip

# Every subject.detail the IANA registry lists.
EXPECTED_DETAILS = (
    {"0.0"}
    | {f"1.{n}" for n in range(11)}
    | {f"2.{n}" for n in range(5)}
    | {f"3.{n}" for n in range(7)}
    | {f"4.{n}" for n in range(8)}
    | {f"5.{n}" for n in range(7)}
    | {f"6.{n}" for n in range(11)}
    | {f"7.{n}" for n in range(31)}
)

# Sisimai's StandardCode table (lib/Sisimai/SMTP/Status.pm), minus 4.4.8, which is a draft
# and not in the registry. bouncekit's reading of a bare status must agree with it.
SISIMAI_STATUS_REASONS = {
    "2.1.5": "delivered",
    "4.1.6": "hasmoved", "4.1.7": "rejected", "4.1.8": "rejected", "4.1.9": "systemerror",
    "4.2.1": "suspend", "4.2.2": "mailboxfull", "4.2.3": "exceedlimit", "4.2.4": "filtered",
    "4.3.1": "systemfull", "4.3.2": "notaccept", "4.3.3": "systemerror",
    "4.3.5": "systemerror", "4.4.1": "expired", "4.4.2": "networkerror",
    "4.4.3": "systemerror", "4.4.4": "networkerror", "4.4.5": "systemfull",
    "4.4.6": "networkerror", "4.4.7": "expired", "4.5.3": "systemerror",
    "4.5.5": "systemerror", "4.6.0": "contenterror", "4.6.2": "contenterror",
    "4.6.5": "contenterror", "4.7.1": "blocked", "4.7.2": "blocked",
    "4.7.5": "securityerror", "4.7.6": "securityerror", "4.7.7": "securityerror",
    "4.7.12": "securityerror", "4.7.15": "securityerror", "4.7.16": "mesgtoobig",
    "4.7.24": "authfailure", "4.7.25": "requireptr", "4.7.26": "authfailure",
    "5.1.0": "userunknown", "5.1.1": "userunknown", "5.1.2": "hostunknown",
    "5.1.3": "userunknown", "5.1.4": "filtered", "5.1.6": "hasmoved", "5.1.7": "rejected",
    "5.1.8": "rejected", "5.1.9": "systemerror", "5.1.10": "notaccept",
    "5.2.0": "filtered", "5.2.1": "filtered", "5.2.2": "mailboxfull",
    "5.2.3": "exceedlimit", "5.2.4": "filtered",
    "5.3.0": "systemerror", "5.3.1": "systemfull", "5.3.2": "notaccept",
    "5.3.3": "systemerror", "5.3.4": "mesgtoobig", "5.3.5": "systemerror",
    "5.4.0": "networkerror", "5.4.3": "systemerror", "5.4.4": "hostunknown",
    "5.5.2": "syntaxerror", "5.5.3": "toomanyconn", "5.5.4": "systemerror",
    "5.5.5": "systemerror", "5.5.6": "syntaxerror",
    "5.6.0": "contenterror", "5.6.1": "contenterror", "5.6.2": "contenterror",
    "5.6.3": "contenterror", "5.6.5": "contenterror", "5.6.6": "contenterror",
    "5.6.7": "contenterror", "5.6.8": "contenterror", "5.6.9": "contenterror",
    "5.7.0": "securityerror", "5.7.1": "securityerror", "5.7.2": "securityerror",
    "5.7.3": "securityerror", "5.7.4": "securityerror", "5.7.5": "securityerror",
    "5.7.6": "securityerror", "5.7.7": "securityerror", "5.7.8": "securityerror",
    "5.7.9": "securityerror", "5.7.10": "securityerror", "5.7.11": "securityerror",
    "5.7.13": "suspend", "5.7.14": "securityerror", "5.7.15": "securityerror",
    "5.7.16": "mesgtoobig", "5.7.17": "hasmoved", "5.7.18": "hasmoved",
    "5.7.19": "securityerror", "5.7.20": "authfailure", "5.7.21": "authfailure",
    "5.7.22": "authfailure", "5.7.23": "authfailure", "5.7.24": "authfailure",
    "5.7.25": "requireptr", "5.7.26": "authfailure", "5.7.27": "notaccept",
    "5.7.28": "spamdetected", "5.7.29": "authfailure", "5.7.30": "securityerror",
}  # fmt: skip

# Sisimai's reply-code associations (lib/Sisimai/SMTP/Reply.pm) for the codes in the table.
SISIMAI_REPLY_REASONS = {
    "432": "securityerror", "451": "systemerror", "452": "systemfull",
    "454": "securityerror", "455": "syntaxerror", "500": "syntaxerror",
    "501": "syntaxerror", "502": "syntaxerror", "503": "syntaxerror", "504": "syntaxerror",
    "521": "notaccept", "534": "securityerror", "535": "securityerror",
    "538": "securityerror", "551": "hasmoved", "555": "syntaxerror", "556": "notaccept",
}  # fmt: skip
# Where bouncekit differs on purpose: Sisimai's 552 is mailboxfull, but servers give 552 for an
# oversized or malformed message as often (codes.py); the text decides.


# The tables -----------------------------------------------------------------------------------


def test_reply_table_holds_the_expected_codes() -> None:
    assert set(REPLY_CODES) == EXPECTED_REPLY_CODES


def test_registry_is_complete() -> None:
    assert len(ENHANCED_STATUSES) >= 80
    assert set(ENHANCED_STATUSES) == EXPECTED_DETAILS


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        REPLY_CODES["599"] = REPLY_CODES["550"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ENHANCED_STATUSES["1.1"].title = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("entry", REPLY_ENTRIES, ids=lambda entry: entry.code)
def test_reply_code_entry_is_well_formed(entry: ReplyCode) -> None:
    assert REPLY_CODES[entry.code] is entry
    assert re.fullmatch(r"[2-5]\d\d", entry.code)
    assert entry.meaning.endswith(".")
    assert entry.rfc.startswith("RFC ")
    # Success and intermediate replies imply no failure reason; a failure code does unless
    # RFC 5321 gives it several meanings ("mailbox unavailable": not found, no access, policy)
    # or servers do (552: a full mailbox, an oversized or a malformed message).
    ambiguous = {"450", "550", "552"}
    assert (entry.reason is None) == (entry.code[0] in "23" or entry.code in ambiguous)


@pytest.mark.parametrize("entry", REPLY_ENTRIES, ids=lambda entry: entry.code)
def test_reply_code_example_carries_its_code(entry: ReplyCode) -> None:
    assert entry.example.strip()
    match = re.match(r"(\d{3})[ -]", entry.example)
    assert match is not None, f"{entry.example!r} does not start with a reply code"
    assert match.group(1) == entry.code


@pytest.mark.parametrize("entry", STATUS_ENTRIES, ids=lambda entry: entry.detail)
def test_enhanced_status_entry_is_well_formed(entry: EnhancedStatus) -> None:
    assert ENHANCED_STATUSES[entry.detail] is entry
    assert entry.title.strip()
    assert entry.description.endswith(".")
    assert entry.rfc.startswith(("RFC ", "draft-"))
    assert entry.transient_reason is not entry.reason


@pytest.mark.parametrize("entry", STATUS_ENTRIES, ids=lambda entry: entry.detail)
def test_enhanced_status_example_carries_its_code(entry: EnhancedStatus) -> None:
    assert entry.example.strip()
    own_code = re.compile(rf"(?<![\d.])[245]\.{re.escape(entry.detail)}(?![\d.]\d)")
    assert own_code.search(entry.example), f"{entry.example!r} lacks X.{entry.detail}"


# Where bouncekit reads a bare status otherwise than Sisimai, and why.
DEPARTURES = {
    # RFC 7505: "Sender address has null MX". The sender's domain accepts no mail; Sisimai's
    # notaccept would condemn the recipient.
    "5.7.27": "rejected",
}


@pytest.mark.parametrize(("status", "reason"), sorted(SISIMAI_STATUS_REASONS.items()))
def test_status_reason_agrees_with_sisimai(status: str, reason: str) -> None:
    assert status_reason(status) == Reason(DEPARTURES.get(status, reason))


@pytest.mark.parametrize(("code", "reason"), sorted(SISIMAI_REPLY_REASONS.items()))
def test_reply_code_reason_agrees_with_sisimai(code: str, reason: str) -> None:
    entry = reply_code(code)
    assert entry is not None
    assert entry.reason == Reason(reason)


def test_permanent_reason_is_sisimais_five_form() -> None:
    # Where Sisimai maps 4.x.y and 5.x.y apart, ``reason`` is the 5.x.y one.
    for status, reason in SISIMAI_STATUS_REASONS.items():
        if status.startswith("5."):
            entry = enhanced_status(status)
            assert entry is not None, status
            assert entry.reason == Reason(DEPARTURES.get(status, reason)), status


# Lookups ----------------------------------------------------------------------------------------


def test_reply_code_lookup() -> None:
    entry = reply_code("550")
    assert entry is not None
    assert entry.code == "550"
    assert entry.reason is None  # not found, no access or policy: the text must say
    assert reply_code("552").reason is None  # type: ignore[union-attr]  # size, MIME or quota
    assert reply_code(" 421 ") is reply_code("421")
    assert reply_code("250") is not None
    assert reply_code("250").reason is None  # type: ignore[union-attr]


@pytest.mark.parametrize("code", ["599", "55", "5500", "", "abc", "5.1.1"])
def test_unknown_reply_code(code: str) -> None:
    assert reply_code(code) is None


@pytest.mark.parametrize(
    ("status", "detail", "title"),
    [
        ("5.1.1", "1.1", "Bad destination mailbox address"),
        ("4.1.1", "1.1", "Bad destination mailbox address"),
        ("2.1.5", "1.5", "Destination address valid"),
        ("5.7.26", "7.26", "Multiple authentication checks failed"),
        ("5.1.10", "1.10", "Recipient address has null MX"),
        (" 4.4.7 ", "4.7", "Delivery time expired"),
    ],
)
def test_enhanced_status_lookup(status: str, detail: str, title: str) -> None:
    entry = enhanced_status(status)
    assert entry is not None
    assert entry.detail == detail
    assert entry.title == title


@pytest.mark.parametrize(
    "status",
    ["4.7.999", "5.1.99", "5.8.1", "3.1.1", "1.1", "5.1", "5.1.1.1", "", "x.1.1", "5.1.01"],
)
def test_unknown_enhanced_status(status: str) -> None:
    assert enhanced_status(status) is None


def test_status_reason_by_class() -> None:
    assert status_reason("5.7.1") is Reason.SECURITYERROR
    assert status_reason("4.7.1") is Reason.BLOCKED
    assert status_reason("4.7.26") is Reason.AUTHFAILURE
    assert status_reason("2.0.0") is Reason.DELIVERED
    assert status_reason("5.7.999") is None
    assert status_reason("not a status") is None


# Descriptions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "meaning"),
    [
        ("2", "Success"),
        ("4", "Persistent transient failure"),
        ("5", "Permanent failure"),
        ("5.1.1", "Permanent failure"),
        ("4.7.999", "Persistent transient failure"),
    ],
)
def test_status_class_meaning(status: str, meaning: str) -> None:
    assert status_class_meaning(status) == meaning


@pytest.mark.parametrize("status", ["3", "", "550", "x.1.1", "6.0.0"])
def test_status_class_meaning_rejects_other_classes(status: str) -> None:
    with pytest.raises(ValueError, match="must start with 2, 4 or 5"):
        status_class_meaning(status)


@pytest.mark.parametrize(
    ("status", "description"),
    [
        ("5.1.1", "5.1.1 Bad destination mailbox address (permanent failure)"),
        ("4.2.2", "4.2.2 Mailbox full (persistent transient failure)"),
        ("2.1.5", "2.1.5 Destination address valid (success)"),
        ("5.1.99", "5.1.99: addressing status, permanent failure"),
        ("4.7.999", "4.7.999: security or policy status, persistent transient failure"),
        ("5.0.9", "5.0.9: other or undefined status, permanent failure"),
        ("5.9.1", "5.9.1: permanent failure"),
    ],
)
def test_describe_status(status: str, description: str) -> None:
    assert describe_status(status) == description


@pytest.mark.parametrize("status", ["", "550", "3.1.1", "5.1", "five.one.one"])
def test_describe_status_of_non_status(status: str) -> None:
    assert describe_status(status) is None


# Finding codes in text: the one boundary rule ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("550 5.1.1 <a@example.org>: Recipient address rejected", "5.1.1"),
        ("550-5.7.26 Unauthenticated email from example.org is not accepted", "5.7.26"),
        ("550 5.7.26 This mail has been blocked because the sender is unauthenticated.", "5.7.26"),
        ("Remote host said: 554 mailbox unavailable [#5.1.0]", "5.1.0"),  # Exchange's "#"
        ("(550, b'5.1.1 The email account that you tried to reach does not exist.')", "5.1.1"),
        ("dsn=5.1.1, status=bounced", "5.1.1"),
        ("the status is 4.2.2\nmore text", "4.2.2"),  # at the end of a line
        ("the status is 4.2.2", "4.2.2"),  # at the end of the text
        ("451 mta283.mail.scd.yahoo.com Resources temporarily unavailable [#4.16.5].", "4.16.5"),
        ("connect to 192.5.1.1[192.5.1.1]: refused (4.4.1)", "4.4.1"),  # not the address
        ("client 10.4.2.1 said 5.7.1 rejected", "5.7.1"),
        ("Exim v4.92.3 said: 5.0.0 failed", "5.0.0"),  # a version string is no status
        ("5.1.1.4 is a dotted number; 5.2.1 is a status", "5.2.1"),
        ("x5.1.1 or 5_5.1.1 or ٣5.1.1 or 5.1.1a, then 4.7.1", "4.7.1"),  # words and digits
    ],
)
def test_find_status_reads_the_status_that_stands_alone(text: str, status: str) -> None:
    assert find_status(text) == status


@pytest.mark.parametrize(
    "text",
    [
        "",
        "no code here",
        "from 192.5.1.1 and 10.2.4.250",  # IP addresses
        "Postfix v2.10.1, Exim v4.94.2, OpenSSL 1.1.1w",  # version strings
        "1.5.1.1",
        "5.1.1.1",
        "3.1.1 and 6.1.1",  # not a class of RFC 3463
        "5.1.1.",  # a "." after it: the stricter of the old readers' rules
        "5.1",
        "5.1.1234",
    ],
)
def test_find_status_finds_none_in_numbers_that_are_not_statuses(text: str) -> None:
    assert find_status(text) is None


def test_find_statuses_reads_every_status_in_order() -> None:
    text = "550-5.7.1 first\n550 5.7.1 again; then 4.4.7 from 192.4.4.7 and 2.0.0"
    assert find_statuses(text) == ["5.7.1", "5.7.1", "4.4.7", "2.0.0"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("550 5.1.1 User unknown", "550"),
        ("550-5.7.1 continued", "550"),  # a continuation line
        ("said: 421-mx.example.org busy", "421"),
        ("550", "550"),  # the end of the text
        ("host said:\n451\nagain", "451"),  # the end of a line
        ("192.0.2.550 no, 550 yes", "550"),
        ("x550 no, 5550 no, 550 yes", "550"),
        ("354 go ahead, 250 ok", "250"),  # 3xx never ends a transaction
        ("599 no, 554 yes", "554"),  # RFC 5321 4.2: the second digit is 0 to 5
    ],
)
def test_find_replycode_reads_a_code_before_a_space_a_hyphen_or_a_line_end(
    text: str, code: str
) -> None:
    assert find_replycode(text) == code


@pytest.mark.parametrize("text", ["", "5501 x", "550: no", "(550, b'x')", "550.", "a550 b"])
def test_find_replycode_finds_none_where_no_code_stands(text: str) -> None:
    # smtplib's "(550, b'...')" is a context of its own: replies/parse.py reads it (below).
    assert find_replycode(text) is None


def test_the_reply_parser_reads_the_code_of_an_error_tuple() -> None:
    parsed = parse_reply(
        "(550, b'5.1.1 The email account that you tried to reach does not exist.')"
    )
    assert parsed is not None
    assert (parsed.replycode, parsed.status) == ("550", "5.1.1")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5.1.1", True),
        ("4.16.5", True),
        ("2.0.0", True),
        ("5.7.999", True),
        ("5.1.1 ", False),
        (" 5.1.1", False),
        ("5.1.1\n", False),
        ("3.1.1", False),
        ("5.1.1234", False),
        ("5.1", False),
        ("550", False),
        ("٥.1.1", False),  # only ASCII digits
    ],
)
def test_is_status(text: str, expected: bool) -> None:
    assert is_status(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("550", True),
        ("421", True),
        ("250", True),
        ("354", False),
        ("599", False),
        ("5500", False),
        ("550 ", False),
        ("55", False),
        ("5.1.1", False),
        ("٥٥٠", False),  # only ASCII digits
    ],
)
def test_is_replycode(text: str, expected: bool) -> None:
    assert is_replycode(text) is expected


def test_context_patterns_build_on_the_shared_patterns() -> None:
    assert re.fullmatch(STATUS_PATTERN, "5.7.26")
    assert re.fullmatch(REPLYCODE_PATTERN, "554")
    zoho = re.compile(r"ERROR_CODE :(" + STATUS_PATTERN + r")" + STATUS_AFTER)
    assert zoho.search("ERROR_CODE :5.1.1, x").group(1) == "5.1.1"  # type: ignore[union-attr]
    assert re.search(r"(" + REPLYCODE_PATTERN + r")" + REPLYCODE_AFTER, "550-x")
