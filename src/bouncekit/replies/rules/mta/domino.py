"""IBM / HCL Domino (Lotus Notes) wording, as collected in Sisimai's Domino and Notes decoders
(lhost/via-domino.go, lhost/via-notes.go in sisimai/go-sisimai) and its sample bounces.

https://help.hcltechsw.com/domino/
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="domino.not-listed",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "not listed in domino directory",
            "not listed in public name & address book",
            "user not listed in public name",
            # Sisimai Blocked lists it (its older UserUnknown did): Domino's words for a name
            # its directory does not hold.
            "no matches to nameserver query",
            "entry not found in directory",
            "non répertorié dans l'annuaire domino",
            "no se encuentra en el directorio de domino",
            # Japanese Domino and Notes: "not found in the Domino Directory", "not in the
            # directory's list".
            "domino ディレクトリには見つかりません",
            "ディレクトリのリストにありません",
        ),
        examples=(
            "550 5.1.1 kijitora@example.jp not listed in Domino Directory",
            "550 User kijitora@example.jp not listed in public Name & Address Book",
            "ユーザー Neko (kijitora@example.co.jp) は Domino ディレクトリには見つかりません。",
            "ディレクトリのリストにありません",
        ),
        summary="Domino found no such person in its directory.",
        priority=3,
    ),
    Rule(
        id="domino.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=("maximum database size has been exceeded", "database has exceeded its quota"),
        examples=("552 5.2.2 Unable to deliver message: Maximum database size has been exceeded",),
        summary="The recipient's Notes mail database is over its quota.",
        priority=8,
    ),
    Rule(
        id="domino.router-loop",
        reason=Reason.NETWORKERROR,
        phrases=("maximum hop count exceeded", "message probably in a routing loop"),
        examples=("554 5.4.6 Maximum hop count exceeded. Message probably in a routing loop.",),
        summary="The message went around in a routing loop between Domino servers.",
        priority=8,
    ),
    Rule(
        id="domino.ambiguous-name",
        reason=Reason.SYSTEMERROR,
        # Sisimai's Domino decoder: the directory holds several entries for the name.
        phrases=("several matches found in domino directory",),
        examples=("Several matches found in Domino Directory",),
        summary="Domino's directory holds more than one entry for this address: a directory "
        "problem of the receiver.",
        priority=8,
    ),
    Rule(
        id="domino.cannot-route-to-user",
        reason=Reason.FILTERED,
        phrases=("cannot route mail to user",),
        examples=("Cannot route mail to user (user@example.org)",),
        summary="Domino's router refused to route mail to this user (Sisimai reads it as "
        "filtered).",
        priority=8,
    ),
    Rule(
        id="domino.no-route",
        reason=Reason.NETWORKERROR,
        phrases=("no route found to domain",),
        examples=(
            "No route found to domain example.org from server mail01/Example. Check Server, "
            "Connection and Domain documents in Domino Directory.",
        ),
        summary="The Domino router has no route to the recipient's domain.",
        priority=8,
    ),
    Rule(
        id="domino.relay-rejected",
        reason=Reason.NORELAYING,
        phrases=("relay rejected for policy reasons",),
        examples=("550 Relay rejected for policy reasons.",),
        summary="Domino's SMTP relay controls refused to relay for you.",
        priority=12,
    ),
    Rule(
        id="domino.connection-rejected",
        reason=Reason.BLOCKED,
        phrases=("connection rejected for policy reasons",),
        examples=("554 Connection rejected for policy reasons.",),
        summary="Domino's inbound connection controls (or its DNS blacklist filter) refused "
        "your sending host.",
        priority=12,
    ),
)
