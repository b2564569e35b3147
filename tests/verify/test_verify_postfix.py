"""The verifier against a real Postfix: local recipients, a catch-all, a policy block, greylisting.

The zones send every test domain to the Postfix peer on 127.0.0.1 (and the blocking listener on
127.0.0.2); the verifier must read each real reply the way the issue asks.
"""

from __future__ import annotations

from collections.abc import Callable

from bouncekit.replies.model import Verdict
from bouncekit.resolver import DnsResolver
from bouncekit.verify.model import VerifyOptions, VerifyReason
from bouncekit.verify.run import verify_sync
from tests.support.dns_server import ZoneServer
from tests.support.postfix import (
    BLOCKED,
    BLOCKING_HOST,
    CATCHALL_DOMAIN,
    DOMAIN,
    GREYLISTED,
    PostfixPeer,
)


def test_verifier_reads_real_postfix_replies(
    postfix_peer: PostfixPeer, dns_zone: Callable[..., ZoneServer]
) -> None:
    host, port = postfix_peer
    zone = f"""
{DOMAIN}.          300 IN MX 10 mx.{DOMAIN}.
mx.{DOMAIN}.       300 IN A  {host}
{CATCHALL_DOMAIN}. 300 IN MX 10 mx.{DOMAIN}.
refusing.test.     300 IN MX 10 mx.refusing.test.
mx.refusing.test.  300 IN A  {BLOCKING_HOST}
"""
    server = dns_zone(zone)
    options = VerifyOptions(
        smtp_port=port,
        allow_private=True,
        connect_timeout=2.0,
        command_timeout=5.0,
        greylist_retry_after=0.1,
        greylist_max_wait=0.3,
        helo="verifier.bouncekit.test",
    )
    inputs = [
        f"alice@{DOMAIN}",
        f"nosuchuser@{DOMAIN}",
        f"anyone@{CATCHALL_DOMAIN}",
        BLOCKED,
        GREYLISTED,
        "someone@refusing.test",
    ]
    results = {
        r.input: (r.verdict, r.reason)
        for r in verify_sync(inputs, options=options, resolver=DnsResolver(server.address))
    }
    assert results == {
        f"alice@{DOMAIN}": (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        f"nosuchuser@{DOMAIN}": (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
        f"anyone@{CATCHALL_DOMAIN}": (Verdict.RISKY, VerifyReason.CATCH_ALL),
        # "blocked using zen.spamhaus.org" is about the verifier, never the mailbox.
        BLOCKED: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
        GREYLISTED: (Verdict.UNKNOWN, VerifyReason.GREYLISTED),
        "someone@refusing.test": (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
    }
