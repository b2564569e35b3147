"""read_mail's fast paths give what the line-by-line reading gives, odd heads included."""

from __future__ import annotations

import pytest

from bouncekit.bounces.mail import read_mail

MULTIPART = (
    b"--B\nContent-Type: text/plain\n\nhello\n"
    b"--B\nContent-Type: message/rfc822\n\nSubject: orig\n  folded\nX-Empty:\n\n"
    b"--B--\nepilogue\n"
)


@pytest.mark.parametrize(
    ("head", "name", "value"),
    [
        (b"Subject: a\nstray\n continued\nFrom: b", "subject", "a continued"),
        (b"Subject: a\nstray\n continued\nFrom: b", "from", "b"),
        (b" leading\n\tlines\nSubject: x", "subject", "x"),
        (b"Subject:\n  folded\n\t  twice  ", "subject", " folded twice"),
        (b"Subject: first\nSubject: second", "subject", "first"),
        (b"Subject: =?utf-8?B?w6k=?= x", "subject", "\u00e9 x"),
        (b"Subject: caf\xc3\xa9", "subject", "caf\u00e9"),
    ],
)
def test_header_values(head: bytes, name: str, value: str) -> None:
    assert read_mail(head + b"\n\nbody\n").header(name) == value


def test_received_fields_are_single_spaced_in_order() -> None:
    mail = read_mail(b"Received: from a\n\tby b\n  (x)\nreceived: c\n\nbody\n")
    assert mail.received == ("from a by b (x)", "c")


@pytest.mark.parametrize(
    "head",
    [
        b"Content-Type: multipart/mixed;\n boundary=B",
        b'content-TYPE: text/plain\nContent-Type: multipart/mixed; boundary="B"',
        b"Content-Type: multipart/mixed\nboundary=B",  # not folded: read from the raw head
        b"Subject: caf\xc3\xa9\nContent-Type: multipart/mixed; boundary=B",
        b"Subject: a\nstray\n continued\nContent-Type: multipart/mixed; boundary=B",
    ],
)
def test_multipart_heads_of_every_shape_are_split(head: bytes) -> None:
    for data in (head + b"\n\n" + MULTIPART, (head + b"\n\n" + MULTIPART).replace(b"\n", b"\r\n")):
        mail = read_mail(data)
        assert mail.multipart
        assert [kind for kind, _ in mail.sections] == ["text/plain", "message/rfc822"]
        assert mail.original == "Subject: orig folded\nX-Empty: \n"
        assert "epilogue" not in mail.body


def test_base64_text_with_stray_characters_is_decoded() -> None:
    data = b"Content-Type: text/plain\nContent-Transfer-Encoding: BASE64\n\naGVs*bG8g\nd29y!bGQ=\n"
    assert read_mail(data).body == "hello world"


def test_a_part_without_a_head_is_plain_text() -> None:
    mail = read_mail(b"Content-Type: multipart/mixed; boundary=B\n\n--B\n\njust text\n--B--\n")
    assert mail.sections == (("text/plain", "just text"),)
