"""Proxmox Mail Gateway's policy daemon (pmgpolicy): its greylisting deferral and its SPF
refusal, which Postfix sends after ``<rcpt>: Recipient address rejected:``.

https://git.proxmox.com/?p=pmg-api.git (src/bin/pmgpolicy)
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Retry, Rule

from .common import CAUSE

RULES: tuple[Rule, ...] = (
    Rule(
        # greylist_value: $defer_res, answered as defer_if_permit.
        id="proxmox.greylisting",
        reason=Reason.BLOCKED,
        phrases=("rejected: service is unavailable (try later)",),
        examples=(
            "450 4.7.1 <user@example.org>: Recipient address rejected: Service is unavailable "
            "(try later)",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.LATER,
        summary="Proxmox Mail Gateway greylisted the message: a well-behaved server retries "
        "and gets through.",
        priority=CAUSE,
    ),
    Rule(
        # greylist_value: "reject ${auth_expl}" on an SPF fail; Mail::SPF's explanation.
        id="proxmox.spf",
        reason=Reason.AUTHFAILURE,
        phrases=("rejected by spf: * is not a designated mailserver", "rejected by spf record"),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: Rejected by SPF: "
            "192.0.2.1 is not a designated mailserver for bounce@example.com (context mfrom, on "
            "mx.example.org)",
            "554 5.7.1 <user@example.org>: Recipient address rejected: Rejected by SPF record",
        ),
        summary="Proxmox Mail Gateway's SPF check failed: your sending IP is not authorised by "
        "the SPF record of the envelope sender's domain.",
        priority=CAUSE,
    ),
)
