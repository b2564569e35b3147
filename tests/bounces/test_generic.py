"""The generic readers on notices no format module was written for, and on mail that is none.

Each message is small and hand-written after the structure of a family of real notices (named
beside it), with the records it must give: the failed recipients (only they: never an address
of the returned original, a quotation, the notice's own headers or a contact line), and whether
the failure is final or a delay. Mail that only looks like a notice gives no failure record.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bouncekit.bounces import BounceKind, parse_bounce
from bouncekit.bounces.address import clean


def message(headers: dict[str, str], body: str) -> bytes:
    head = "".join(f"{name}: {value}\n" for name, value in headers.items())
    return (head + "\n" + body).encode("utf-8")


DAEMON = "Mail Delivery System <MAILER-DAEMON@mx.example.net>"
ORIGINAL = """\
Return-Path: <sender@example.com>
From: Sender <sender@example.com>
To: ann@example.org, carl@example.org
Cc: dora@example.org
Subject: Quarterly report
Message-ID: <q1.42@example.com>

Write to eve@example.org if you have questions.
"""


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    expected: list[tuple[str, str]]  # (recipient, action) of each failure record, in order
    decoded_by: str | None = "Notice"


def _multipart(text: str, original: str = ORIGINAL, kind: str = "mixed") -> str:
    return (
        f"--b1\nContent-Type: text/plain; charset=utf-8\n\n{text}\n"
        f"--b1\nContent-Type: message/rfc822\n\n{original}\n--b1--\n"
    )


CASES = [
    Case(
        "single-part text: the address alone under the failure sentence, the reply below",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Returned message"},
            "This is the mail gateway at mx.example.net.\n\n"
            "Your message could not be delivered to the following recipient:\n\n"
            "    ann@example.org\n\n"
            "Remote server replied: 550 5.1.1 <ann@example.org>: no mailbox by that name\n\n"
            "------ A copy of your message follows ------\n\n" + ORIGINAL,
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "multipart without delivery-status: addresses of the returned original not taken",
        message(
            {
                "From": "postmaster@relay.example.net",
                "To": "sender@example.com",
                "Subject": "Delivery failure",
                "Content-Type": 'multipart/mixed; boundary="b1"',
            },
            _multipart(
                "Delivery failed for the following recipient(s):\n\n"
                "<carl@example.org>: mailbox is full\n"
            ),
        ),
        [("carl@example.org", "failed")],
    ),
    Case(
        "a DSN whose fields say failed with a transient status and whose text says it retries",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "Delivery Status Notification",
                "Content-Type": 'multipart/report; report-type=delivery-status; boundary="b1"',
            },
            "--b1\nContent-Type: text/plain\n\n"
            "Delivery to ann@example.org has been delayed. This is a warning only;\n"
            "the server will retry for 3 more days.\n"
            "--b1\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.net\n\n"
            "Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 4.4.1\n"
            "Diagnostic-Code: smtp; 421 4.4.1 connection timed out\n"
            "--b1--\n",
        ),
        [("ann@example.org", "delayed")],
        "RFC3464",
    ),
    Case(
        "a DSN whose fields say failed with a permanent status: the template's retry is not",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "Delivery Status Notification",
                "Content-Type": 'multipart/report; report-type=delivery-status; boundary="b1"',
            },
            "--b1\nContent-Type: text/plain\n\n"
            "Your message could not be delivered. We will retry delivery if the problem\n"
            "was temporary.\n"
            "--b1\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.net\n\n"
            "Final-Recipient: rfc822; ann@example.org\nAction: failed\nStatus: 5.1.1\n"
            "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n"
            "--b1--\n",
        ),
        [("ann@example.org", "failed")],
        "RFC3464",
    ),
    Case(
        "German (Exchange-like): the recipient after a label, the quoted original not taken",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Unzustellbar: Angebot"},
            "Ihre Nachricht konnte nicht zugestellt werden.\n\n"
            "Empfänger: <max.mustermann@example.de>\n"
            "Grund: 550 5.1.1 Benutzer unbekannt\n\n"
            "-----Ursprüngliche Nachricht-----\n"
            "Von: Sender <sender@example.com>\n"
            "An: max.mustermann@example.de; kollege@example.de\n",
        ),
        [("max.mustermann@example.de", "failed")],
    ),
    Case(
        "French: a list under 'n'a pas pu être remis', the original's headers after",
        message(
            {
                "From": "postmaster@example.fr",
                "To": "sender@example.com",
                "Subject": "Non remis : Réunion",
            },
            "Votre message n'a pas pu être remis aux destinataires suivants :\n\n"
            "      marie.dupont@example.fr\n"
            "      Adresse inconnue\n\n"
            "En-têtes de message d'origine :\n\n" + ORIGINAL,
        ),
        [("marie.dupont@example.fr", "failed")],
    ),
    Case(
        "Japanese: an encoded subject, the recipient after 宛先",
        message(
            {
                "From": "MAILER-DAEMON@mail.example.jp",
                "To": "sender@example.com",
                "Subject": "=?UTF-8?B?6YWN5L+h5LiN6IO9OiDkvJrorbA=?=",
                "Content-Type": "text/plain; charset=utf-8",
            },
            "以下の宛先へのメール配信に失敗しました。\n\n"
            "宛先: taro@example.jp\n"
            "理由: 550 5.1.1 User unknown\n\n"
            "----- 元のメッセージ -----\n" + ORIGINAL,
        ),
        [("taro@example.jp", "failed")],
    ),
    Case(
        "a quoted local part stays whole",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "failure notice"},
            "Sorry, your message could not be delivered to the following address.\n\n"
            '<"john smith"@example.com>:\n'
            "550 5.1.1 no such user\n",
        ),
        [('"john smith"@example.com', "failed")],
    ),
    Case(
        "a quoted local part in a DSN's Final-Recipient stays whole",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "Delivery Status Notification (Failure)",
                "Content-Type": 'multipart/report; report-type=delivery-status; boundary="b1"',
            },
            "--b1\nContent-Type: text/plain\n\nDelivery failed.\n"
            "--b1\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: dns; mx.example.net\n\n"
            'Final-Recipient: rfc822; <"john smith"@example.com>\nAction: failed\n'
            "Status: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n--b1--\n",
        ),
        [('"john smith"@example.com', "failed")],
        "RFC3464",
    ),
    Case(
        "an X.400 Final-Recipient gives way to the Internet Original-Recipient",
        message(
            {
                "From": "postmaster@gateway.example.net",
                "To": "sender@example.com",
                "Subject": "Delivery Report (failure) for ann@example.org",
                "Content-Type": 'multipart/report; report-type=delivery-status; boundary="b1"',
            },
            "--b1\nContent-Type: text/plain\n\nYour message was not delivered.\n"
            "--b1\nContent-Type: message/delivery-status\n\n"
            "Reporting-MTA: x400; mta gateway.example.net\n\n"
            "Original-Recipient: rfc822; ann@example.org\n"
            "Final-Recipient: x400; /S=ann/OU=example/PRMD=EXAMPLE/ADMD= /C=GB/\n"
            "Action: failed\nStatus: 5.1.1\n--b1--\n",
        ),
        [("ann@example.org", "failed")],
        "RFC3464",
    ),
    Case(
        "trailing punctuation is not part of the address",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Undeliverable mail"},
            "Delivery failed to userx@example.com; the mailbox is full.\n",
        ),
        [("userx@example.com", "failed")],
    ),
    Case(
        "a host name does not become an address, a contact line is no recipient",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Undelivered Mail"},
            "Your message could not be delivered.\n\n"
            "host mx.example.org[192.0.2.25] said: 550 5.1.1 <dora@example.org>: unknown user\n"
            "(in reply to RCPT TO command)\n\n"
            "For help, please contact postmaster@mx.example.net\n",
        ),
        [("dora@example.org", "failed")],
    ),
    Case(
        "a warning that the server is still trying is a delay",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "Warning: message delayed",
            },
            "This is an automated message from the mail system.\n\n"
            "Your message to:\n\tcarl@example.org\n\n"
            "has not yet been delivered. The receiving server did not respond.\n"
            "We will continue to try for 4 more days; you do not need to resend it.\n",
        ),
        [("carl@example.org", "delayed")],
    ),
    Case(
        "a notice that gave up after transient failures is final",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Delivery failure"},
            "Your message to ann@example.org could not be delivered.\n"
            "The remote server kept answering: 451 4.3.0 try again later\n"
            "No further delivery attempts will be made.\n",
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "Exchange 2003 text: the To summary is not a recipient list, 'addr on date' is",
        message(
            {
                "From": "System Administrator <postmaster@corp.example>",
                "To": "sender@example.com",
                "Subject": "Undeliverable: Quarterly report",
            },
            "Your message\n\n"
            "  To:      ann@corp.example; carl@corp.example\n"
            "  Subject: Quarterly report\n"
            "  Sent:    Mon, 3 Mar 2003 10:02:00 +0100\n\n"
            "did not reach the following recipient(s):\n\n"
            "ann@corp.example on Mon, 3 Mar 2003 10:02:05 +0100\n"
            "    The e-mail account does not exist at the organization this message was\n"
            "    sent to.\n"
            "    <mx.corp.example #5.1.1>\n",
        ),
        [("ann@corp.example", "failed")],
    ),
    Case(
        "a display name with the address in brackets, one a line (Exchange's list)",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Undeliverable: Hello"},
            "Delivery has failed to these recipients or groups:\n\n"
            "Jane Doe (jane@example.org)\n"
            "The email address you entered couldn't be found.\n",
        ),
        [("jane@example.org", "failed")],
    ),
    Case(
        "HTML only: the address between tags",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "failure notice",
                "Content-Type": "text/html; charset=utf-8",
            },
            "<html><body><p>We were unable to deliver your message to the following "
            "addresses.</p><p>&lt;ann@example.org&gt;:<br>550 5.1.1 user unknown</p>"
            "</body></html>\n",
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "an auto-replied notice in German is a notice, not a vacation message (RFC 3834)",
        message(
            {
                "From": "Mail Delivery System <MAILER-DAEMON@mx.example.de>",
                "To": "sender@example.com",
                "Subject": "Zustellung fehlgeschlagen",
                "Auto-Submitted": "auto-replied",
            },
            "Diese Nachricht wurde automatisch erzeugt.\n\n"
            "Die Nachricht konnte nicht an folgende Adressen zugestellt werden:\n\n"
            "  erika@example.de\n"
            "    Postfach voll (552 5.2.2 mailbox full)\n",
        ),
        [("erika@example.de", "failed")],
    ),
    Case(
        "MIME part headers inside a single-part body are no returned message",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Undelivered Mail"},
            "This is a multi-part message in MIME format.\n\n--xyz\n"
            "Content-Type: text/plain; charset=us-ascii\n\n"
            "Your message could not be delivered to the following address:\n\n"
            "    ann@example.org: 550 5.1.1 mailbox unavailable\n\n"
            "--xyz\nContent-Type: message/rfc822\n\n" + ORIGINAL,
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "the sender's address standing alone under 'A message sent by' is not a recipient",
        message(
            {"From": DAEMON, "To": "list-bounces@example.com", "Subject": "Mail delivery failed"},
            "A message sent by\n\n  <poster@example.com>\n\n"
            "could not be delivered to one or more of its recipients. The following\n"
            "address(es) failed:\n\n  ann@example.org\n    retry timeout exceeded\n",
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "a notice sent to the address that failed (someone wrote to themselves)",
        message(
            {"From": DAEMON, "To": "ann@example.org", "Subject": "failure notice"},
            "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
            "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
            "<ann@example.org>:\nRemote host said: 552 5.2.2 mailbox full\n",
        ),
        [("ann@example.org", "failed")],
    ),
    Case(
        "a gateway's notice from an ordinary sender, known by its return-path recipient",
        message(
            {
                "From": "it-gateway@corp.example",
                "To": "news-bounces+sender=example.com@lists.example.com",
                "Subject": "RE: Spring newsletter",
            },
            "Your message could not be delivered to\nann@corp.example\n",
        ),
        [("ann@corp.example", "failed")],
    ),
    Case(
        "a local part listed alone by the mail system of its own domain is at that domain",
        message(
            {
                "From": '"Mail Delivery Subsystem" <MAILER-DAEMON@Provider.example>',
                "To": "list-bounces@lists.example.com",
                "Subject": "Mail Delivery Problem",
            },
            "Your mail to the following recipients could not be delivered because they are\n"
            "not accepting mail from list@lists.example.com:\n\tscreenname\n",
        ),
        [("screenname@provider.example", "failed")],
    ),
    Case(
        "two recipients, each with its own error (Sendmail-like list with reasons)",
        message(
            {"From": DAEMON, "To": "sender@example.com", "Subject": "Returned mail"},
            "The following addresses had delivery problems:\n\n"
            "ann@example.org... User unknown\n"
            "carl@example.org... Mailbox full\n",
        ),
        [("ann@example.org", "failed"), ("carl@example.org", "failed")],
    ),
]

HOST_LISTS_A_LOCAL_PART = message(
    {
        "From": "MAILER-DAEMON@mx3.provider.example",
        "To": "sender@example.com",
        "Subject": "Mail delivery failed",
    },
    "A message that you sent could not be delivered to one or more of its\n"
    "recipients. The following address(es) failed:\n\n  kijitora\n",
)


def test_a_local_part_listed_by_a_host_builds_no_address() -> None:
    # A failure notice, but "kijitora" is at no domain: never one built at a host name.
    report = parse_bounce(HOST_LISTS_A_LOCAL_PART)
    assert report.kind is BounceKind.FAILURE
    assert report.records == ()


NOT_BOUNCES = [
    (
        "a person writing that their mail could not be delivered",
        message(
            {
                "From": "Ann <ann@example.org>",
                "To": "carl@example.org",
                "Subject": "Bob's address?",
            },
            "Hi Carl, my mail to bob@example.com could not be delivered. Do you have his new\n"
            "address?\n",
        ),
    ),
    (
        "a person answering a bounce, which they quote",
        message(
            {
                "From": "Ann <ann@example.org>",
                "To": "sender@example.com",
                "Subject": "Re: Undeliverable: Quarterly report",
            },
            "Did you see this? The address is wrong.\n\n"
            "> Delivery has failed to these recipients or groups:\n"
            "> bob@example.com\n"
            "> The email address you entered couldn't be found.\n",
        ),
    ),
    (
        "a person passing a bounce on",
        message(
            {
                "From": "Ann <ann@example.org>",
                "To": "helpdesk@example.com",
                "Subject": "Fwd: Mail delivery failed: returning message to sender",
            },
            "FYI, see below.\n\n"
            "---------- Forwarded message ---------\n"
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
            "Subject: Mail delivery failed: returning message to sender\n\n"
            "A message that you sent could not be delivered. The following address failed:\n\n"
            "  bob@example.com\n",
        ),
    ),
    (
        "a newsletter",
        message(
            {
                "From": "Shop News <news@shop.example>",
                "To": "ann@example.org",
                "Subject": "Our spring sale starts today",
            },
            "Hello Ann,\n\nOur spring sale starts today. Questions? Write to help@shop.example.\n"
            "If you no longer want these mails, unsubscribe: unsubscribe@shop.example\n",
        ),
    ),
    (
        "a vacation auto-reply",
        message(
            {
                "From": "Carl <carl@example.org>",
                "To": "sender@example.com",
                "Subject": "Out of office: Quarterly report",
                "Auto-Submitted": "auto-replied",
            },
            "I am away until Monday and will not read my mail. For urgent matters write to\n"
            "dora@example.org.\n",
        ),
    ),
    (
        "a challenge to prove the sender is human",
        message(
            {
                "From": "Mail Guard <noreply@guard.example>",
                "To": "sender@example.com",
                "Subject": "Please verify your message to bob@example.com",
                "Auto-Submitted": "auto-generated",
            },
            "Your message to bob@example.com has not been delivered yet.\n"
            "bob@example.com uses a challenge-response system against spam. To have your\n"
            "message delivered, please confirm that you are a human sender:\n"
            "https://guard.example/confirm?id=42\n",
        ),
    ),
    (
        "a provider's quota warning to its own user",
        message(
            {
                "From": "postmaster@isp.example",
                "To": "user@isp.example",
                "Subject": "Your mailbox is almost full",
            },
            "Your mailbox user@isp.example is 95% full. When the mailbox is full, new mail\n"
            "will be returned to its senders.\n",
        ),
    ),
    (
        "a list's moderation notice",
        message(
            {
                "From": "foo-owner@lists.example.org",
                "To": "sender@example.com",
                "Subject": "Your message to Foo awaits moderator approval",
            },
            "Your mail to 'Foo' with the subject\n\n    Quarterly report\n\n"
            "Is being held until the list moderator can review it for approval:\n"
            "the message was not delivered to foo@lists.example.org yet.\n",
        ),
    ),
    (
        "a spam quarantine digest from the postmaster",
        message(
            {
                "From": "postmaster@example.org",
                "To": "ann@example.org",
                "Subject": "Spam Quarantine Summary",
            },
            "Spam Quarantine Summary: these messages were not delivered to your inbox.\n\n"
            "spammer@bulk.example    Cheap watches\n"
            "offers@promo.example    You have won\n",
        ),
    ),
    (
        "a report that the delivery succeeded",
        message(
            {
                "From": DAEMON,
                "To": "sender@example.com",
                "Subject": "Delivery Status Notification (Success)",
            },
            "This is an automatically generated Delivery Status Notification.\n\n"
            "Your message has been delivered to the following recipients:\n\n"
            "    ann@example.org\n",
        ),
    ),
    (
        "a bounce attached by a person to their own message",
        message(
            {
                "From": "Ann <ann@example.org>",
                "To": "helpdesk@example.com",
                "Subject": "why?",
                "Content-Type": 'multipart/mixed; boundary="b1"',
            },
            _multipart(
                "Why did this come back?",
                "From: MAILER-DAEMON@mx.example.net\nSubject: failure notice\n\n"
                "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                "<bob@example.com>:\n550 5.1.1 user unknown\n",
            ),
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_notice_gives_its_failed_recipients(case: Case) -> None:
    report = parse_bounce(case.data)
    got = [(record.recipient, record.action) for record in report.records]
    assert got == case.expected
    assert report.kind is BounceKind.FAILURE
    if case.decoded_by is not None:
        assert report.decoded_by == case.decoded_by


@pytest.mark.parametrize("data", [data for _, data in NOT_BOUNCES], ids=[n for n, _ in NOT_BOUNCES])
def test_mail_that_only_looks_like_a_notice_gives_no_failure(data: bytes) -> None:
    report = parse_bounce(data)
    assert report.kind is not BounceKind.FAILURE, report.records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<userx@example.com>;", "userx@example.com"),
        ("userx@example.com.", "userx@example.com"),
        ("'userx@example.uk',", "userx@example.uk"),
        ("rfc822; <Ann.Lee+tag@Example.ORG>", "Ann.Lee+tag@Example.ORG"),
        ('<"quoted local"@example.com>', '"quoted local"@example.com'),
        ("[SMTP:userx@example.com]", "userx@example.com"),
        ("mailto:userx@example.com?subject=hi", "userx@example.com"),
        ("user@[192.0.2.1]", "user@[192.0.2.1]"),
        ("发送到user@example.com失败", "user@example.com"),
        ("mx.example.com", None),
        ("postmaster", None),
        ("user@localhost", None),
        ("user@192.0.2.1", None),
        ("/S=zzzzz/OU=example/PRMD=UK.AC/ADMD= /C=GB/", None),
    ],
)
def test_an_address_is_found_clean_or_not_at_all(text: str, expected: str | None) -> None:
    assert clean(text) == expected


# Property: whatever the wording, layout and returned original, the records name the failed
# recipients of the report and never an address of the original.
_HEADINGS = [
    "Your message could not be delivered to the following recipients:",
    "Delivery has failed to these recipients or groups:",
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "Ihre Nachricht konnte nicht zugestellt werden.",
    "Votre message n'a pas pu être remis aux destinataires suivants :",
    "以下の宛先へのメール配信に失敗しました。",
    "邮件无法发送到您指定的地址中。",
]
_LAYOUTS = [
    "  {address}\n",
    "<{address}>:\nRemote host said: 550 5.1.1 user unknown\n",
    "Recipient: <{address}>\nReason: 550 5.1.1 no such user\n",
    "{address}... User unknown\n",
    "Jane Doe ({address})\n",
]
_MARKERS = [
    "--- Below this line is a copy of the message.",
    "------ This is a copy of the message, including all the headers. ------",
    "-----Original Message-----",
    "----- 元のメッセージ -----",
]
_local = st.from_regex(r"[a-z][a-z0-9._-]{0,10}[a-z0-9]", fullmatch=True).filter(
    lambda local: ".." not in local and ".-" not in local
)
_addresses = st.lists(
    st.builds(lambda local, domain: f"{local}@{domain}", _local, st.sampled_from(
        ["example.org", "mail.example.net", "example.co.jp"]
    )),
    min_size=1, max_size=3, unique_by=str.lower,
)  # fmt: skip


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    heading=st.sampled_from(_HEADINGS),
    layout=st.sampled_from(_LAYOUTS),
    marker=st.sampled_from(_MARKERS),
    failed=_addresses,
    others=_addresses,
)
def test_records_name_the_reports_recipients_never_the_originals(
    heading: str, layout: str, marker: str, failed: list[str], others: list[str]
) -> None:
    others = [other for other in others if other.lower() not in {f.lower() for f in failed}]
    report = "".join(layout.format(address=address) for address in failed)
    original = (
        f"From: Sender <sender@example.com>\nTo: {', '.join(others or ['x@example.com'])}\n"
        f"Subject: hello\n\n" + "".join(f"{other}\n" for other in others)
    )
    data = message(
        {"From": DAEMON, "To": "sender@example.com", "Subject": "Undeliverable mail"},
        f"{heading}\n\n{report}\n{marker}\n{original}",
    )
    got = [record.recipient for record in parse_bounce(data).records]
    assert got == failed


_HUGE_OR_ODD = {
    "a line of addresses": '"x " + "ann@example.org " * 60_000',
    "many lines": '"\\n".join(f"user{i}@example.org: 550 no such user" for i in range(20_000))',
    "a long sentence": '"Your message could not be delivered. " * 20_000 + "\\n ann@example.org"',
    "at signs": '"@" * 200_000',
    "quotes": "'\"' * 100_000 + '@example.org'",
}


@pytest.mark.parametrize("body", list(_HUGE_OR_ODD.values()), ids=list(_HUGE_OR_ODD))
def test_a_huge_or_odd_notice_is_read_in_bounded_time(body: str) -> None:
    """In a subprocess under a generous bound: each takes about a second or less. Every line
    is read: the 20,000 recipients of "many lines" give 20,000 records."""
    script = f"""
from bouncekit.bounces import parse_bounce
body = {body}
head = "From: {DAEMON}\\nSubject: failure notice\\n\\n"
print(len(parse_bounce((head + body).encode()).records))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    if body == _HUGE_OR_ODD["many lines"]:
        assert done.stdout.strip() == "20000"
