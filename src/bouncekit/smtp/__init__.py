"""SMTP on the wire, written once for every client in bouncekit (the mailbox probe of
``verify``, ``check-smtp`` and the STARTTLS check of ``check-sender``):

- ``reply``: reading replies, a sans-IO assembler with an asyncio and a blocking driver;
- ``ehlo``: the EHLO reply as the server's capabilities;
- ``tls``: TLS client contexts, the facts of a handshake and its certificate, and what the
  certificate's names and dates say;
- ``route``: where a domain's mail goes (MX hosts, their addresses, which may be connected to);
- ``limits``: the bounds every client keeps.
"""

from __future__ import annotations

from bouncekit.smtp.ehlo import Capabilities, parse_ehlo
from bouncekit.smtp.limits import MAX_LINE_BYTES, MAX_REPLY_LINES, QUIT_TIMEOUT
from bouncekit.smtp.reply import (
    PeerInterrupted,
    Reply,
    ReplyAssembler,
    read_reply,
    read_reply_blocking,
)
from bouncekit.smtp.route import (
    MailHost,
    MailRoute,
    RouteOutcome,
    find_route,
    is_internal_address,
)
from bouncekit.smtp.tls import (
    EXPIRY_WARNING_DAYS,
    CertificateFacts,
    CertificateValidity,
    TlsFacts,
    certificate_covers,
    certificate_validity,
    client_context,
    describe_certificate,
    handshake_facts,
    is_ip_address,
    name_matches,
)

__all__ = [
    "EXPIRY_WARNING_DAYS",
    "MAX_LINE_BYTES",
    "MAX_REPLY_LINES",
    "QUIT_TIMEOUT",
    "Capabilities",
    "CertificateFacts",
    "CertificateValidity",
    "MailHost",
    "MailRoute",
    "PeerInterrupted",
    "Reply",
    "ReplyAssembler",
    "RouteOutcome",
    "TlsFacts",
    "certificate_covers",
    "certificate_validity",
    "client_context",
    "describe_certificate",
    "find_route",
    "handshake_facts",
    "is_internal_address",
    "is_ip_address",
    "name_matches",
    "parse_ehlo",
    "read_reply",
    "read_reply_blocking",
]
