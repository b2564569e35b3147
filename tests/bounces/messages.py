"""Bounce messages built in code, for the batch tests and bench/parse.py."""

from __future__ import annotations

import base64
import random


def dsn(
    recipient: str, reply: str = "550 5.1.1 <{recipient}>: User unknown", *, attachment: bytes = b""
) -> bytes:
    """A real RFC 3464 bounce (multipart/report) for one recipient, returning the original.

    With ``attachment``, the returned original is a multipart/mixed message carrying it as a
    base64 application/pdf part, the way a bounce of a large message comes back.
    """
    diagnostic = reply.format(recipient=recipient)
    status = diagnostic.split()[1]
    original = [
        "From: Sender <sender@example.org>",
        f"To: <{recipient}>",
        "Subject: The quarterly report",
        "Message-ID: <original.1@example.org>",
        "MIME-Version: 1.0",
    ]
    if attachment:
        encoded = base64.encodebytes(attachment).decode("ascii")
        original += [
            'Content-Type: multipart/mixed; boundary="inner-boundary"',
            "",
            "--inner-boundary",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "The report is attached.",
            "--inner-boundary",
            'Content-Type: application/pdf; name="report.pdf"',
            "Content-Transfer-Encoding: base64",
            'Content-Disposition: attachment; filename="report.pdf"',
            "",
            encoded.rstrip("\n"),
            "--inner-boundary--",
        ]
    else:
        original += ["Content-Type: text/plain", "", "Hello."]
    lines = [
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
        "To: <sender@example.org>",
        "Subject: Undelivered Mail Returned to Sender",
        "Date: Mon, 2 Mar 2026 10:00:00 +0000",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="outer-boundary"',
        "",
        "--outer-boundary",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "I'm sorry to have to inform you that your message could not be delivered.",
        "",
        "--outer-boundary",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.org",
        "",
        f"Final-Recipient: rfc822; {recipient}",
        "Action: failed",
        f"Status: {status}",
        "Remote-MTA: dns; mx.example.net",
        f"Diagnostic-Code: smtp; {diagnostic}",
        "",
        "--outer-boundary",
        "Content-Type: message/rfc822",
        "",
        *original,
        "",
        "--outer-boundary--",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def big_bounce(megabytes: int = 15) -> bytes:
    """A bounce whose returned original carries a ``megabytes`` MB base64 PDF attachment."""
    raw = random.Random(0).randbytes(megabytes * 1024 * 1024 * 3 // 4)  # base64 grows 4/3
    return dsn("big@example.net", attachment=raw)
