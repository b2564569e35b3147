"""check-message: a test message's headers, authentication and content, as findings.

:func:`check_message` reads one message (the bytes of an .eml file) and checks what receivers
check: the header fields RFC 5322 requires, every DKIM signature (verified with dkimpy, its key
asked through bouncekit's resolver), SPF for the Return-Path domain and the sending IP, DMARC
alignment of the From domain, one-click unsubscribe (RFC 8058), size, the text and HTML parts,
links (shorteners, domains on the domain blocklists), attachments that receivers refuse, and
wording that SpamAssassin's body rules score; with a spamd address, SpamAssassin's verdict too.

Everything but DKIM key lookups, SPF, DMARC, link blocklists and spamd is pure: it reads bytes.

One module per area: ``parsing`` (the parts of the message), ``headers``, ``signatures`` (DKIM),
``authentication`` (SPF and DMARC alignment), ``unsubscribe``, ``content`` (size and wording),
``links``, ``attachments``, ``spamrules`` (SpamAssassin's wording rules, as data) and
``spamassassin`` (spamd); ``model`` holds the report.
"""

from __future__ import annotations

from collections.abc import Sequence

from bouncekit.resolver import Resolver
from bouncekit.sender.dnsbl import Dnsbl
from bouncekit.sender.message.attachments import ARCHIVE_EXTENSIONS as ARCHIVE_EXTENSIONS
from bouncekit.sender.message.attachments import DANGEROUS_EXTENSIONS
from bouncekit.sender.message.attachments import MACRO_EXTENSIONS as MACRO_EXTENSIONS
from bouncekit.sender.message.attachments import attachment_findings as attachment_findings
from bouncekit.sender.message.authentication import _spf
from bouncekit.sender.message.authentication import alignment_findings as alignment_findings
from bouncekit.sender.message.content import GMAIL_CLIP_BYTES as GMAIL_CLIP_BYTES
from bouncekit.sender.message.content import MB as MB
from bouncekit.sender.message.content import SIZE_LIMITS
from bouncekit.sender.message.content import content_findings as content_findings
from bouncekit.sender.message.content import size_findings as size_findings
from bouncekit.sender.message.headers import header_findings as header_findings
from bouncekit.sender.message.links import DOMAIN_LISTS, URL_SHORTENERS
from bouncekit.sender.message.links import link_findings as link_findings
from bouncekit.sender.message.model import MessageReport
from bouncekit.sender.message.parsing import Attachment as Attachment
from bouncekit.sender.message.parsing import ParsedMessage as ParsedMessage
from bouncekit.sender.message.parsing import _parse
from bouncekit.sender.message.signatures import Signature as Signature
from bouncekit.sender.message.signatures import signature_findings as signature_findings
from bouncekit.sender.message.signatures import verify_dkim as verify_dkim
from bouncekit.sender.message.spamassassin import spamd_findings as spamd_findings
from bouncekit.sender.message.spamrules import SPAM_RULES, SpamRule
from bouncekit.sender.message.unsubscribe import unsubscribe_findings as unsubscribe_findings

# The names imported "as" themselves stay importable from here, where they were before the
# split; __all__ is the documented API.
__all__ = [
    "DANGEROUS_EXTENSIONS",
    "DOMAIN_LISTS",
    "SIZE_LIMITS",
    "SPAM_RULES",
    "URL_SHORTENERS",
    "MessageReport",
    "SpamRule",
    "check_message",
]


def check_message(
    data: bytes,
    *,
    ip: str | None = None,
    resolver: Resolver,
    spamd: str | None = None,
    domain_lists: Sequence[Dnsbl] = DOMAIN_LISTS,
    timeout: float = 30.0,
) -> MessageReport:
    """Check one message; ``ip`` is the sending server's address (for SPF), ``spamd`` a
    ``HOST:PORT`` of a SpamAssassin daemon to ask."""
    parsed = _parse(data)
    findings = header_findings(parsed.message)
    signatures = verify_dkim(data, resolver=resolver, timeout=timeout)
    findings += signature_findings(signatures)
    spf_result, spf_domain, spf_found = _spf(parsed.message, ip, resolver)
    findings += spf_found
    findings += alignment_findings(parsed.from_domain, spf_result, spf_domain, signatures, resolver)
    findings += unsubscribe_findings(parsed.message, signatures)
    findings += size_findings(len(data), parsed)
    findings += content_findings(parsed)
    findings += link_findings(parsed, resolver=resolver, domain_lists=domain_lists)
    findings += attachment_findings(parsed.attachments)
    if spamd:
        findings += spamd_findings(data, spamd, timeout)
    return MessageReport(tuple(findings))
