"""Sisimai's pseudo status: for a failure that carries no status code, one made from its reason.

Every record then has a status, and results compare with Sisimai's
(``Sisimai::SMTP::Status::code``): ``5.0.911`` is a permanent ``userunknown`` told without a
code. Both the judging (:mod:`bouncekit.events.judge`) and the decoders that follow Sisimai's
(``bounces/formats/_lhost.py``) make it here.
"""

from __future__ import annotations

from bouncekit.replies.model import Reason

PSEUDO_STATUS: dict[Reason, str] = {
    Reason.BLOCKED: "971",
    Reason.CONTENTERROR: "960",
    Reason.EXCEEDLIMIT: "923",
    Reason.EXPIRED: "947",
    Reason.FILTERED: "910",
    Reason.HASMOVED: "916",
    Reason.HOSTUNKNOWN: "912",
    Reason.MAILBOXFULL: "922",
    Reason.MAILERERROR: "939",
    Reason.MESGTOOBIG: "934",
    Reason.NETWORKERROR: "944",
    Reason.NORELAYING: "909",
    Reason.NOTACCEPT: "932",
    Reason.ONHOLD: "901",
    Reason.POLICYVIOLATION: "972",
    Reason.REJECTED: "918",
    Reason.REQUIREPTR: "973",
    Reason.SECURITYERROR: "970",
    Reason.SPAMDETECTED: "980",
    Reason.SUSPEND: "921",
    Reason.SYSTEMERROR: "930",
    Reason.SYSTEMFULL: "931",
    Reason.SYNTAXERROR: "902",
    Reason.TOOMANYCONN: "945",
    Reason.USERUNKNOWN: "911",
    Reason.UNDEFINED: "900",
    Reason.VIRUSDETECTED: "971",
}
_UNLISTED = "900"  # a reason Sisimai has no number for: as undefined


def pseudo_code(reason: Reason, status_class: str) -> str:
    """``{class}.0.{number}``: ``status_class`` is "4" (temporary) or "5" (permanent)."""
    return f"{status_class}.0.{PSEUDO_STATUS.get(reason, _UNLISTED)}"
