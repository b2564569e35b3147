"""The sender's own submission or relay server, step by step: ``check-smtp``.

What a mail client or a sending application goes through, each step a
:class:`~bouncekit.sender.model.Finding`:

1. connect (a refused or filtered port is named, with 587/465/2525 as the way round a blocked 25);
2. the greeting (RFC 5321 4.3.1), then EHLO and its extensions (HELO if EHLO is refused);
3. TLS: implicit on 465 or with ``TlsMode.TLS`` (RFC 8314 3.3), or STARTTLS (RFC 3207) when the
   server offers it or with ``TlsMode.STARTTLS``; the protocol version and the certificate: its
   names against the host name (RFC 6125 6.4), its dates, and whether the chain is trusted;
4. AUTH (RFC 4954): the mechanisms offered (and whether before TLS), and logging in with PLAIN
   (RFC 4616) or LOGIN, never over an unencrypted connection;
5. MAIL FROM and RCPT TO when asked, never DATA: nothing is sent. Then QUIT.

Every refusal is explained by the same engine as ``bouncekit explain``
(:func:`~bouncekit.replies.classify.diagnose`), with what it means for a submission server.

Judging is pure (:func:`banner_finding`, :func:`handshake_findings`, :func:`auth_finding`,
:func:`envelope_finding` ...); the sockets live in :func:`check_smtp_async`. Replies, EHLO
capabilities, TLS contexts and certificate facts come from :mod:`bouncekit.smtp`, shared with
``verify`` and ``check-sender``.
A server that hangs, resets or says nothing is a finding, not an exception.

The modules: ``model`` (ports, modes, the report), ``target`` (what to connect to), ``judge``
(each reply as a finding, with the why and fix tables), ``tls`` (the handshake and the
certificate as findings), ``connection`` (reading and writing SMTP over asyncio) and ``driver``
(the steps in order).
"""

from __future__ import annotations

from bouncekit.sender.smtpcheck.driver import check_smtp, check_smtp_async
from bouncekit.sender.smtpcheck.judge import SMALL_SIZE_LIMIT as SMALL_SIZE_LIMIT
from bouncekit.sender.smtpcheck.judge import auth_finding, banner_finding, envelope_finding
from bouncekit.sender.smtpcheck.judge import auth_offer_findings as auth_offer_findings
from bouncekit.sender.smtpcheck.judge import connect_failure_finding as connect_failure_finding
from bouncekit.sender.smtpcheck.judge import ehlo_findings as ehlo_findings
from bouncekit.sender.smtpcheck.judge import explain_reply as explain_reply
from bouncekit.sender.smtpcheck.judge import starttls_offer_finding as starttls_offer_finding
from bouncekit.sender.smtpcheck.judge import starttls_refused_finding as starttls_refused_finding
from bouncekit.sender.smtpcheck.model import ALTERNATIVE_PORTS as ALTERNATIVE_PORTS
from bouncekit.sender.smtpcheck.model import DEFAULT_TIMEOUT, SmtpReport, TlsMode
from bouncekit.sender.smtpcheck.model import IMPLICIT_TLS_PORT as IMPLICIT_TLS_PORT
from bouncekit.sender.smtpcheck.model import RELAY_PORT as RELAY_PORT
from bouncekit.sender.smtpcheck.model import SUBMISSION_PORT as SUBMISSION_PORT
from bouncekit.sender.smtpcheck.target import parse_target
from bouncekit.sender.smtpcheck.tls import handshake_findings
from bouncekit.sender.smtpcheck.tls import tls_failed_finding as tls_failed_finding

# The names imported "as" themselves stay importable from here, where they were before the
# split (the CLI takes the ports); __all__ is the documented API.
__all__ = [
    "DEFAULT_TIMEOUT",
    "SmtpReport",
    "TlsMode",
    "auth_finding",
    "banner_finding",
    "check_smtp",
    "check_smtp_async",
    "envelope_finding",
    "handshake_findings",
    "parse_target",
]
