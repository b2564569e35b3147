"""SpamAssassin's verdict, asked of a running spamd."""

from __future__ import annotations

from bouncekit.sender.model import Area, Finding, Status, finding
from bouncekit.sender.spamd import SpamdError, ask_spamd


def spamd_findings(data: bytes, address: str, timeout: float = 30.0) -> list[Finding]:
    result = ask_spamd(data, address, timeout=timeout)
    if isinstance(result, SpamdError):
        return [
            finding(
                Area.SPAMASSASSIN,
                "score",
                Status.UNKNOWN,
                f"Could not get SpamAssassin's verdict: {result.detail}",
                fix="Check that spamd runs and listens there (spamd --listen=HOST:PORT "
                "--allowed-ips=YOUR-IP).",
            )
        ]
    scored = sorted(result.rules, key=lambda hit: -(hit.points or 0.0))
    hits = ", ".join(
        f"{hit.name} ({hit.points:+g})" if hit.points is not None else hit.name
        for hit in scored
        if hit.points is None or hit.points != 0
    )
    summary = f"SpamAssassin score {result.score:g} of threshold {result.threshold:g}" + (
        f"; rules hit: {hits}." if hits else "; no rules hit."
    )
    if result.is_spam:
        status = Status.FAIL
    elif result.score >= result.threshold / 2:
        status = Status.WARN
    else:
        status = Status.PASS
    if status is Status.PASS:
        return [finding(Area.SPAMASSASSIN, "score", status, summary)]
    top = [hit for hit in scored if (hit.points or 0) > 0][:3]
    fix = "Fix the rules with the most points first" + (
        ": "
        + "; ".join(f"{hit.name}: {hit.description or 'see the SpamAssassin rule'}" for hit in top)
        if top
        else ""
    )
    return [
        finding(
            Area.SPAMASSASSIN,
            "score",
            status,
            summary,
            "Receivers that run SpamAssassin (hosting providers, cPanel and Plesk servers, "
            "many company gateways) junk or reject mail at or over the threshold (5.0 by "
            "default): '550 5.7.1 Message rejected as spam' or an X-Spam-Flag: YES header.",
            fix + ".",
        )
    ]
