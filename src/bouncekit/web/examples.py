"""Real rejections the explain page offers as one-click examples."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Example:
    key: str  # used in the link: /explain?example=KEY
    label: str
    text: str


EXAMPLES: tuple[Example, ...] = (
    Example(
        "gmail-nosuchuser",
        "Gmail: no such user",
        "550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
        "550-5.1.1 double-checking the recipient's email address for typos or\n"
        "550-5.1.1 unnecessary spaces. For more information, go to\n"
        "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser"
        " d9443c01a7336-2a1c2b3d4e5si123456ad.123 - gsmtp",
    ),
    Example(
        "spamhaus",
        "Spamhaus block",
        "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using"
        " zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
    ),
    Example(
        "yahoo-tss04",
        "Yahoo TSS04 deferral",
        "421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected"
        " volume or user complaints - 4.16.55.1;"
        " see https://postmaster.yahooinc.com/error-codes",
    ),
    Example(
        "outlook-s3150",
        "Outlook S3150",
        "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact"
        " your Internet service provider since part of their network is on our block list"
        " (S3150). You can also refer your provider to"
        " http://mail.live.com/mail/troubleshooting.aspx#errors."
        " [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2024-05-14T09:12:45.123Z 08DC7380]",
    ),
    Example(
        "too-big",
        "Message too big",
        "552 5.3.4 Message size exceeds fixed maximum message size",
    ),
)

EXAMPLES_BY_KEY = {example.key: example for example in EXAMPLES}
