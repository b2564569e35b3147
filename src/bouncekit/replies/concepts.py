"""Reading a reply no rule's phrase matches: a thing and what is wrong with it, in one clause.

Rules name phrases ("user unknown", "no such mailbox"). Servers word the same facts in more
ways than any list holds: "User is unknown", "recipient is not exist", "the email account that
you tried to reach does no exists", "recipient mailbox unallocated". A person reads each as a
subject (the user, the mailbox, the domain, SPF) and a predicate (unknown, does not exist,
disabled, full, failed) in the same clause, in either order ("unknown user", "user unknown"),
with nothing between them but small words ("is", "that you tried to reach") or the address
itself. This module reads replies the same way, in English, German, French, Spanish, Italian
and Portuguese, as the last reading of the text before the status and reply codes decide
(classify.py; a concept that names a cause plainly, ``beats_status``, also outranks a weak
word and a status code: the receiver's failed lookup, the sender's refused address).

Three guards keep it from condemning the wrong address:

* only "small words" may stand between subject and predicate, so "host mx.example.net said:
  550 invalid recipient" does not read as "host ... invalid";
* a subject qualified as the sender's ("sender address", "your account", "client host",
  "the domain of the sender") is about the sender, whatever the predicate says;
* only a predicate that says the thing does not exist (``_SAYS_GONE_WORDS``) condemns an
  address; "invalid" or "bad" alone makes it risky (classify.py).

The scan is one pass over the words of the reply; each concept is data with real examples
(tests/replies/test_concepts.py runs them all).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bouncekit.replies.model import Owner, Reason, Rule, Verdict

# At most this many small words between a subject and its predicate.
_GAP = 6

# Words that may stand between a subject and its predicate without changing what the
# predicate is said of: copulas, articles, auxiliaries, the pieces of a relative clause about
# the reader ("that you tried to reach"), and adverbs.
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "does",
        "do",
        "did",
        "appears",
        "appear",
        "seems",
        "seem",
        "to",
        "you",
        "we",
        "i",
        "it",
        "its",
        "here",
        "there",
        "now",
        "currently",
        "presently",
        "already",
        "either",
        "permanently",
        "temporarily",
        "apparently",
        "simply",
        "just",
        "actually",
        "also",
        "tried",
        "trying",
        "try",
        "attempted",
        "attempting",
        "wanted",
        "want",
        "reach",
        "reached",
        "reaching",
        "contact",
        "contacted",
        "contacting",
        "write",
        "wrote",
        "writing",
        "send",
        "sent",
        "sending",
        "mail",
        "email",
        "message",
        "e",
        "specified",
        "given",
        "requested",
        "listed",
        "named",
        "entered",
        "provided",
        "used",
        "in",
        "at",
        "on",
        "for",
        "of",
        "as",
        "by",
        "with",
        "local",
        "remote",
        "our",
        "this",
        "your",
        "or",
        # German, French, Spanish, Italian and Portuguese articles, copulas and auxiliaries
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ist",
        "wurde",
        "le",
        "la",
        "les",
        "l",
        "est",
        "été",
        "du",
        "de",
        "el",
        "los",
        "las",
        "es",
        "está",
        "esta",
        "ha",
        "sido",
        "il",
        "lo",
        "è",
        "stato",
        "stata",
        "o",
        "os",
        "as",
        "é",
        "foi",
        "do",
        "da",
    ]
)

# Words that make the subject the sender's (within three words before it, or between it and
# its predicate).
_SENDER_QUALIFIERS = frozenset(
    [
        "sender",
        "senders",
        "originator",
        "envelope",
        "return",
        "client",
        "helo",
        "ehlo",
        "your",
        "yours",
        "sending",
        "source",
        "mailfrom",
    ]
)
_HOST_QUALIFIERS = frozenset({"client", "helo", "ehlo", "sending", "source"})
# A word right before "address" or "host" that makes it no mailbox: "IP address".
_NOT_A_MAILBOX = frozenset({"ip", "ipv4", "ipv6", "mac", "web", "server", "network", "remote"})
# A lookup of DNS records fails on the network, not in the receiver's directory.
_NOT_AFTER = {
    "lookup": frozenset(
        {"dns", "rdns", "mx", "cname", "name", "ptr", "reverse", "dmarc", "spf", "dkim", "host"}
    )
}

# A word right after a match that makes it about something else: "bad address syntax" is a
# syntax error, "virus scanner timeout" the receiver's failure.
_CANCELLING = frozenset(
    {"syntax", "format", "argument", "scanner", "scanners", "scan", "scanning", "engine"}
)

_CONTRACTIONS = {
    "doesn't": "does not",
    "doesnt": "does not",
    "don't": "do not",
    "isn't": "is not",
    "isnt": "is not",
    "wasn't": "was not",
    "aren't": "are not",
    "can't": "can not",
    "cannot": "can not",
    "couldn't": "could not",
    "won't": "will not",
    "hasn't": "has not",
    "haven't": "have not",
    "didn't": "did not",
}
_WORD_EDGES = "\"'`<>()[]{},:;!?*“”‘’«»"
_CLAUSE_ENDS = ".;!?"
_CLAUSE_BREAKS = frozenset({"-", "--", "|", "/", "—", "–"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_SPLIT_INSIDE = re.compile(r"(?<=[a-z])[-_/](?=[a-z])")
# Punctuation inside a token that ends a word there; the mark is kept for _words to read
# ("not:exist" is two words, "exist.next" a clause end and a word).
_INNER_PUNCTUATION = re.compile(r"([:;,()\[\]{}<>\"=|!?])(?=\S)")


@dataclass(frozen=True, slots=True)
class Concept:
    """A subject and the predicates that, said of it, give a reason.

    ``rule`` carries what any rule carries (id, reason, examples, summary, owner, verdict);
    its ``phrases`` are empty: the concept is matched by ``subjects`` and ``predicates``, each
    a word or a run of words. With no subjects, a predicate alone decides ("virus").
    """

    rule: Rule
    subjects: tuple[str, ...]
    predicates: tuple[str, ...]
    # Whether the concept is about the recipient's address (then a sender qualifier turns it
    # into a refusal of the sender), or about the sender or the message already.
    about_recipient: bool = True
    # Whether the words name the failure so plainly that they beat a specific status code
    # ("550 5.1.1 Recipient lookup failed: LDAP timeout" is the receiver's lookup failing, not
    # a missing mailbox, whatever its 5.1.1 says).
    beats_status: bool = False


@dataclass(frozen=True, slots=True)
class ConceptMatch:
    concept: Concept
    subject: str  # the words matched, as normalized
    predicate: str
    sender_qualifier: str | None  # the word that makes it the sender's, if one does

    @property
    def says_gone(self) -> bool:
        """Whether the predicate says in so many words that the thing does not exist ("no
        such", "unknown", "does not exist"), not only that it is wrong ("invalid", "bad")."""
        return self.predicate in _SAYS_GONE

    @property
    def phrase(self) -> str:
        if not self.subject:
            return self.predicate
        return f"{self.subject} … {self.predicate}"

    @property
    def about_sender_host(self) -> bool:
        return self.sender_qualifier in _HOST_QUALIFIERS or self.subject in _HOST_SUBJECTS


# Singular only: "too many invalid recipients" counts the sender's mistakes.
_USER_THINGS = (
    "user",
    "recipient",
    "mailbox",
    "mail box",
    "address",
    "email address",
    "mail address",
    "recipient address",
    "destination address",
    "addressee",
    "account",
    "email account",
    "mail account",
    "user account",
    "local part",
    "mail user",
    "alias",
    "rcpt",
    "username",
    "user name",
    "mailbox name",
    # de, fr, es, it, pt
    "benutzer",
    "adressat",
    "empfänger",
    "empfaenger",
    "postfach",
    "adresse",
    "konto",
    "utilisateur",
    "destinataire",
    "boîte",
    "boite",
    "boîte aux lettres",
    "boite aux lettres",
    "compte",
    "usuario",
    "usuário",
    "destinatario",
    "destinatário",
    "buzón",
    "buzon",
    "dirección",
    "direccion",
    "cuenta",
    "utente",
    "casella",
    "casella postale",
    "indirizzo",
    "caixa postal",
    "caixa de correio",
    "endereço",
    "endereco",
    "conta",
)
# Predicates that say the thing does not exist.
_SAYS_GONE_WORDS = (
    "unknown",
    "not known",
    "not found",
    "can not be found",
    "could not be found",
    "no such",
    "does not exist",
    "do not exist",
    "does no exist",
    "does no exists",
    "does not exists",
    "not exist",
    "not exists",
    "no longer exists",
    "no longer exist",
    "nonexistent",
    "non existent",
    "nonexistant",
    "non existant",
    "inexistent",
    "non existing",
    "not existing",
    "unallocated",
    "not in directory",
    # de, fr, es, it, pt
    "unbekannt",
    "existiert nicht",
    "nicht gefunden",
    "inconnu",
    "inconnue",
    "inexistant",
    "inexistante",
    "n existe pas",
    "introuvable",
    "desconocido",
    "desconocida",
    "no existe",
    "inexistente",
    "sconosciuto",
    "sconosciuta",
    "inesistente",
    "non esiste",
    "desconhecido",
    "desconhecida",
    "não existe",
    "nao existe",
)
# Predicates that say it is wrong ("invalid", "bad", "deleted"), which servers also say of
# addresses they refuse for other reasons.
_SAYS_WRONG_WORDS = (
    "invalid",
    "not valid",
    "no longer valid",
    "not a valid",
    "bad",
    "not allocated",
    "unrecognized",
    "unrecognised",
    "not recognized",
    "not recognised",
    "unregistered",
    "not registered",
    "not listed",
    "not present",
    "deleted",
    "illegal",
    "unable to find",
    "can not find",
    "could not find",
    # de, fr, es, it, pt
    "ungültig",
    "ungueltig",
    "invalide",
    "inválido",
    "inválida",
)
_GONE = (*_SAYS_GONE_WORDS, *_SAYS_WRONG_WORDS)
_SAYS_GONE = frozenset(_SAYS_GONE_WORDS)
_DISABLED = (
    "disabled",
    "deactivated",
    "de activated",
    "inactive",
    "not active",
    "no longer active",
    "suspended",
    "locked",
    "frozen",
    "closed",
    "terminated",
    "cancelled",
    "canceled",
    "discontinued",
    "dormant",
    "banned",
    # de, fr, es, it, pt
    "deaktiviert",
    "gesperrt",
    "désactivé",
    "désactivée",
    "desactive",
    "desactivee",
    "desactivado",
    "desactivada",
    "disattivato",
    "disattivata",
    "desativado",
    "desativada",
)
_FULL = (
    "full",
    "over quota",
    "over its quota",
    "over the quota",
    "overquota",
    "quota exceeded",
    "exceeded",
    "exceeds",
    "out of space",
    "out of storage",
    "no space",
    "no space left",
    "insufficient space",
    "insufficient storage",
    "not enough space",
    "space not enough",
    "over storage",
    "over its storage limit",
    "over the storage limit",
    "over storage limit",
    # de, fr, es, it, pt
    "voll",
    "pleine",
    "lleno",
    "piena",
    "cheia",
)
_DOMAIN_THINGS = ("domain", "domain name", "mail domain", "recipient domain", "host", "hostname")
_HOST_SUBJECTS = frozenset({"host", "hostname"})
_DOMAIN_GONE = (
    "unknown",
    "not found",
    "no such",
    "does not exist",
    "does not exists",
    "not exist",
    "nonexistent",
    "non existent",
    "can not be resolved",
    "could not be resolved",
    "not resolvable",
    "unresolvable",
    "does not resolve",
    "not resolve",
    "no mx",
    "no mx record",
    "no mx records",
    "no mail exchanger",
    "no valid mx",
)


_LISTED = (
    "blacklisted",
    "blocklisted",
    "black listed",
    "block listed",
    "denylisted",
    "dnsbl",
    "rbl",
    "dns blacklist",
    "dns blocklist",
    "blocked using",
    # Coremail: "550 Sender address in blacklist", "User in blacklist"
    "in blacklist",
    "in the blacklist",
    "on blacklist",
    "on the blacklist",
    "in black list",
    "in blocklist",
    "on blocklist",
)


def _rule(
    id: str,
    reason: Reason,
    examples: tuple[str, ...],
    summary: str,
    *,
    owner: Owner | None = None,
    verdict: Verdict | None = None,
    no_verdict: bool = False,
) -> Rule:
    return Rule(
        id=f"concept.{id}",
        reason=reason,
        phrases=(),
        examples=examples,
        summary=summary,
        owner=owner,
        verdict=verdict,
        no_verdict=no_verdict,
    )


# The examples are real replies: the MTAs' own wording from tests/replies/data/mta_tables (each
# row names the source file it was read from) and replies as senders pasted them from the
# development part of bench/data/replies/wild.jsonl (each row names its page).
CONCEPTS: tuple[Concept, ...] = (
    Concept(
        _rule(
            "recipient-gone",
            Reason.USERUNKNOWN,
            (
                "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address "
                "lookup",
                "550 5.1.3 STOREDRV.Submit; invalid recipient address",
                "550 5.1.1 ... User is unknown",
                "550 5.1.1 Account not found",
                "551 5.1.1 recipient is not exist",
                "550 RC:LD The email account that you tried to reach does no exists.",
                "smtp;550 5.1.1 <example@comcast.net> recipient mailbox unallocated",
                # Other languages (tests/replies/data/language_replies.jsonl names each source)
                "550 Usuario desconocido",
                "Indirizzo inesistente",
                "Adressat unbekannt oder Mailbox deaktiviert",
            ),
            "The receiving server says this mailbox does not exist.",
        ),
        _USER_THINGS,
        _GONE,
    ),
    Concept(
        _rule(
            "recipient-disabled",
            Reason.SUSPEND,
            (
                "550 Account is not active.",
                "550 5.2.1 Mailbox disabled, not accepting messages",
                "554 delivery error: Sorry your message to [email] cannot be delivered. This "
                "account has been disabled or discontinued",
                "550 5.2.1 ... User is inactive",
            ),
            "The receiving server says this mailbox exists but is disabled or inactive.",
        ),
        _USER_THINGS,
        _DISABLED,
    ),
    Concept(
        _rule(
            "mailbox-full",
            Reason.MAILBOXFULL,
            (
                "maildrop: maildir over quota.",
                "<user@example.org>: cannot update mailbox /var/mail/user for user user. error "
                "writing message: Disk quota exceeded",
                "mailbox is full (MTA-imposed quota exceeded while writing to /var/mail/user)",
            ),
            "The receiving server says the recipient's mailbox is over its quota.",
        ),
        # Not a bare "quota": sending, submission and queue quotas are exceeded too.
        (
            "mailbox",
            "mail box",
            "maildir",
            "inbox",
            "storage",
            "disk quota",
            "storage quota",
            "mailbox quota",
            "user quota",
            "email quota",
            "mail quota",
            "disk space",
            "postfach",
            "boîte",
            "boite",
            "boîte aux lettres",
            "boite aux lettres",
            "buzón",
            "buzon",
            "casella",
            "casella postale",
            "caixa postal",
            "caixa de correio",
        ),
        _FULL,
    ),
    Concept(
        _rule(
            "domain-gone",
            Reason.HOSTUNKNOWN,
            (
                "554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",
                "550 5.1.2 <user@example.invalid>: Recipient address rejected: Domain not found",
                "550 5.1.2 <user@example.invalid>... Host unknown (Name server: example.invalid: "
                "host not found)",
            ),
            "The recipient's domain does not exist or cannot be resolved.",
        ),
        _DOMAIN_THINGS,
        _DOMAIN_GONE,
    ),
    Concept(
        # The envelope sender itself refused: never the recipient's address.
        _rule(
            "sender-refused",
            Reason.REJECTED,
            (
                "550 5.1.7 Unknown sender address",
                "553 5.1.8 <bounce@example.invalid>... Domain of sender address "
                "bounce@example.invalid does not exist",
            ),
            "The receiving server refused your envelope sender (MAIL FROM): the address, its "
            "domain or its account.",
            owner=Owner.SENDER,
        ),
        (
            "sender",
            "sender address",
            "sender domain",
            "originator",
            "envelope sender",
            "envelope from",
            "from address",
            "return path",
            "mail from",
        ),
        (
            *_GONE,
            *_DISABLED,
            "rejected",
            "refused",
            "denied",
            "not allowed",
            "not permitted",
            # "Fake sender" (Coremail's list of its replies, icoremail.vip): a forged sender.
            "fake",
            "forged",
            "spoofed",
            "bogus",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # The sending IP itself refused, without a list named: the sender's IP, not the
        # recipient's address.
        _rule(
            "sender-ip-refused",
            Reason.BLOCKED,
            (
                # Coremail's list of its replies (icoremail.vip support, cate_id=84).
                "Requested mail action not taken: Invalid IP",
                "IP is rejected",
                "550 5.7.1 Your IP address has been blocked",
            ),
            "The receiving server refuses connections or mail from your sending IP address.",
            owner=Owner.SENDER,
        ),
        (
            "ip",
            "ip address",
            "sending ip",
            "sender ip",
            "source ip",
            "client ip",
            "connecting ip",
            "remote ip",
        ),
        (
            "rejected",
            "refused",
            "blocked",
            "banned",
            "denied",
            "not allowed",
            "not permitted",
            "invalid",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # A refused HELO/EHLO name: the sending host's identity (blocked, as Sisimai says).
        _rule(
            "helo-refused",
            Reason.BLOCKED,
            (
                "550 HELO host name invalid",
                "550 HELO host must be a FQDN or address literal (RFC 5321 2.3.5)",
                "550 Invalid address format in HELO",
            ),
            "The receiving server refused the name your server gave in HELO/EHLO: it must be "
            "a fully-qualified name that resolves to your sending IP.",
            owner=Owner.SENDER,
        ),
        (
            "helo",
            "ehlo",
            "helo name",
            "helo host",
            "helo host name",
            "helo hostname",
            "helo domain",
        ),
        (
            *_GONE,
            "denied",
            "rejected",
            "not allowed",
            "must be",
            "should be",
            "does not match",
            "mismatch",
            "is dynamic",
            "invalid address format in",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # The receiving system could not look the recipient up (its directory, LDAP server or
        # database failed): nothing is known about the address.
        _rule(
            "receiver-lookup-failed",
            Reason.SYSTEMERROR,
            (
                # Postfix: smtpd_check.c (a table lookup failed), local/alias.c
                "451 4.3.0 <user@example.org>: Temporary lookup failure",
                "451 4.3.0 Error: alias database unavailable",
            ),
            "The receiving server could not look the recipient up (its directory, LDAP "
            "server or database failed); the address is not in question.",
            owner=Owner.RECEIVER,
            no_verdict=True,
        ),
        (
            "lookup",
            "address lookup",
            "recipient lookup",
            "user lookup",
            "ldap",
            "ldap server",
            "ldap lookup",
            "directory lookup",
            "directory server",
            "database",
            "alias database",
            "user database",
        ),
        (
            "failed",
            "failure",
            "timeout",
            "timed out",
            "temporarily unavailable",
            "unavailable",
            "down",
            "not responding",
            "unreachable",
            "error",
            "returned invalid",
            "returned an error",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # The recipient's server or mailbox forwards, and the forward is refused or loops:
        # their configuration; the mailbox itself may be fine.
        _rule(
            "forwarding-refused",
            Reason.POLICYVIOLATION,
            (
                "550 5.7.520 Access denied, Your organization does not allow external "
                "forwarding. Please contact your administrator for further assistance. "
                "AS(7555)",
            ),
            "The recipient's mail is forwarded elsewhere, and that forward was refused: "
            "their configuration, not your message or the address.",
            owner=Owner.RECEIVER,
            no_verdict=True,
        ),
        (
            "forwarding",
            "external forwarding",
            "auto forwarding",
            "automatic forwarding",
            "forwarding to external addresses",
            "forwarding to external recipients",
            "forwarding to an external address",
        ),
        (
            "not allowed",
            "does not allow",
            "disabled",
            "denied",
            "refused",
            "prohibited",
            "not permitted",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # The recipient's forward is broken on their side (its target cannot be read).
        _rule(
            "forwarding-broken",
            Reason.SYSTEMERROR,
            (
                "smtp;551 5.7.1 Unable to correctly read the forwarding recipient (where to "
                "forward the email to) (#id-5.9.5)",
            ),
            "The recipient's mail is forwarded, and the receiving system could not use the "
            "forward: their configuration, not the address or your message.",
            owner=Owner.RECEIVER,
            no_verdict=True,
        ),
        ("forwarding recipient", "forwarding address", "forward address", "forwarding target"),
        (
            "unable to read",
            "unable to correctly read",
            "could not read",
            "can not read",
            "failed",
            "error",
        ),
        about_recipient=False,
        beats_status=True,
    ),
    Concept(
        # Postfix's "Host not found, try again" is DNS's TRY_AGAIN: a lookup that failed for
        # now, not a domain that does not exist.
        _rule(
            "dns-lookup-deferred",
            Reason.NETWORKERROR,
            (
                "450 4.4.4 <user@example.org>: Recipient address rejected: Unable to look up mail "
                "exchanger information: Host not found, try again",
            ),
            "A DNS lookup failed for now; the server tries again.",
        ),
        _DOMAIN_THINGS,
        ("not found try again",),
    ),
    Concept(
        _rule(
            "authentication-failed",
            Reason.AUTHFAILURE,
            (
                "550 Message from example.com failed sender's DMARC policy, REJECT",
                "550 sender <bounce@example.com> SPF SoftFail",
                "550 5.7.1 DMARC check failed",
            ),
            "The receiving server refused the message because its SPF, DKIM or DMARC check failed.",
        ),
        ("spf", "dkim", "dmarc", "sender policy framework", "domainkeys", "dkim signature"),
        (
            "fail",
            "failed",
            "fails",
            "failure",
            "did not pass",
            "does not pass",
            "not pass",
            "invalid",
            "not valid",
            "missing",
            "softfail",
            "soft fail",
            "hardfail",
            "permerror",
            "temperror",
            "policy",
            "reject",
            "rejected",
            "not aligned",
            "misaligned",
            "unaligned",
            "check",
            "verification",
        ),
        about_recipient=False,
    ),
    Concept(
        _rule(
            "reverse-dns",
            Reason.REQUIREPTR,
            (
                "550 client [192.0.2.1] rejected; no rDNS",
                "550 5.7.25 No PTR record found",
                "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.1]",
            ),
            "The receiving server requires reverse DNS (a PTR record) for your sending IP "
            "that matches its forward DNS.",
        ),
        (
            "reverse dns",
            "rdns",
            "ptr",
            "ptr record",
            "reverse lookup",
            "reverse dns lookup",
            "reverse hostname",
            "reverse mapping",
            "hostname",
            "host name",
        ),
        (
            "missing",
            "not found",
            "failed",
            "failure",
            "does not match",
            "mismatch",
            "no",
            "none",
            "does not exist",
            "not exist",
            "not set",
            "not configured",
            "required",
            "can not find",
            "could not find",
        ),
        about_recipient=False,
    ),
    Concept(
        _rule(
            "relaying-denied",
            Reason.NORELAYING,
            (
                "513 Relaying denied.",
                "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain",
                "550 You are not allowed to relay",
            ),
            "The receiving server will not relay: it does not accept mail for this domain.",
        ),
        ("relay", "relaying", "relay access"),
        (
            "denied",
            "not permitted",
            "not allowed",
            "prohibited",
            "refused",
            "disallowed",
            "not authorized",
            "not authorised",
            "forbidden",
            "unable to",
            "we do not",
        ),
        about_recipient=False,
    ),
    Concept(
        _rule(
            "message-too-big",
            Reason.MESGTOOBIG,
            (
                "552 5.3.4 Message size exceeds fixed maximum message size",
                "552 Message size exceeds fixed maximum message size. Size: 30720 KB, Max size: "
                "20480 KB",
            ),
            "The message is larger than the receiving server accepts.",
        ),
        ("message", "message size", "message length", "attachment", "mail size"),
        (
            "too large",
            "too big",
            "exceeds the maximum",
            "exceeds maximum",
            "exceeds fixed maximum",
            "exceeds the size limit",
            "exceeds size limit",
            "exceeds administrative limit",
            "larger than",
        ),
        about_recipient=False,
    ),
    Concept(
        _rule(
            "virus",
            Reason.VIRUSDETECTED,
            (
                "554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature",
                "550 This message contains malware (Eicar-Signature)",
                "554 Message contains virus (#5.7.1)",
            ),
            "The receiving server found a virus or malware in the message.",
        ),
        (),
        ("virus", "viruses", "malware", "infected", "trojan", "ransomware"),
        about_recipient=False,
    ),
    Concept(
        # A listed domain is the sender's address refused (Sisimai's "rejected"); a listed
        # host or IP, below, is a block.
        _rule(
            "sender-domain-listed",
            Reason.REJECTED,
            ("553-Sorry, your domain has been blacklisted",),
            "Your sending domain is on a blocklist the receiver uses.",
            owner=Owner.SENDER,
        ),
        ("domain", "sender domain", "domain name"),
        _LISTED,
        about_recipient=False,
    ),
    Concept(
        _rule(
            "sender-listed",
            Reason.BLOCKED,
            (
                "554 example.net blacklisted in dbl.spamhaus.org",
                "554 5.7.0 Client identity is listed in the used DNSBL",
                "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
                "bl.spamcop.net",
            ),
            "Your sending IP or domain is on a blocklist the receiver uses.",
        ),
        (),
        _LISTED,
        about_recipient=False,
    ),
    Concept(
        _rule(
            "spam",
            Reason.SPAMDETECTED,
            (
                "550 This message was classified as SPAM",
                "550 This message scored 15.2 spam points.",
                "571 5.7.1 message classified as spam (Nachricht als Spam eingestuft)",
            ),
            "The receiving server's filter judged the message to be spam.",
        ),
        ("spam", "junk mail", "bulk mail", "unsolicited"),
        (
            "detected",
            "suspected",
            "identified",
            "classified",
            "considered",
            "looks like",
            "appears to be",
            "marked",
            "flagged",
            "score",
            "scored",
            "content",
            "filter",
            "probability",
            "likely",
            "suspect",
        ),
        about_recipient=False,
    ),
)


@dataclass(frozen=True, slots=True)
class _Entry:
    words: tuple[str, ...]
    concept: int  # index into CONCEPTS
    is_subject: bool


@functools.cache
def _entries() -> dict[str, tuple[_Entry, ...]]:
    """Every subject and predicate, keyed by its first word, longest first."""
    by_first: dict[str, list[_Entry]] = {}
    for index, concept in enumerate(CONCEPTS):
        for phrases, is_subject in ((concept.subjects, True), (concept.predicates, False)):
            for phrase in phrases:
                words = tuple(phrase.split())
                by_first.setdefault(words[0], []).append(_Entry(words, index, is_subject))
    return {
        first: tuple(sorted(group, key=lambda entry: -len(entry.words)))
        for first, group in by_first.items()
    }


def _words(text: str) -> list[str]:
    """The reply's words, lowercased, with clause ends as empty strings.

    Addresses and host names stay one word each; hyphenated words are split ("non-existent"),
    "e-mail" is one word, and contractions are spelled out ("doesn't" -> "does not").
    """
    words: list[str] = []
    pieces: list[str] = []
    for raw in text.lower().translate(_APOSTROPHES).split():
        # "(SPAM_SUSPECT:IP_CONTROL)": punctuation inside a token separates words, except in
        # an address or a link, which stay whole.
        if "@" in raw or "://" in raw:
            pieces.append(raw)
        else:
            pieces.extend(_INNER_PUNCTUATION.sub(r"\1 ", raw).split())
    for raw in pieces:
        if raw in _CLAUSE_BREAKS:
            words.append("")
            continue
        word = raw.strip(_WORD_EDGES).removesuffix("'s")
        ends_clause = word.endswith(tuple(_CLAUSE_ENDS))
        word = word.rstrip(_CLAUSE_ENDS).strip(_WORD_EDGES)
        if word:
            if "@" not in word and "." not in word:
                word = _SPLIT_INSIDE.sub(" ", word.replace("e-mail", "email"))
            for piece in _CONTRACTIONS.get(word, word).split():
                words.extend(_elided(piece))
        if ends_clause:
            words.append("")
    return words


# French and Italian elide an article or a negation into the next word: "l'adresse",
# "n'existe", "dell'utente".
_ELISIONS = frozenset({"l", "d", "n", "qu", "s", "c", "j", "m", "t", "un", "dell", "nell", "all"})


def _elided(word: str) -> list[str]:
    head, apostrophe, rest = word.partition("'")
    if apostrophe and rest and head in _ELISIONS:
        return [head, rest]
    return [word]


def _is_filler(word: str) -> bool:
    # The address or host a reply quotes, a number or a code between subject and predicate;
    # a sender qualifier too ("the domain of the sender is unknown"): _qualifier reads it.
    return (
        word in _FILLER
        or word in _SENDER_QUALIFIERS
        or "@" in word
        or "." in word
        or word[:1].isdigit()
    )


def _qualifier(words: list[str], subject_start: int, end: int) -> str | None:
    """A word that makes the subject the sender's: up to three words before it in its clause,
    or any word from the subject to the end of the predicate ("the domain of the sender")."""
    for index in range(subject_start - 1, max(-1, subject_start - 4), -1):
        if not words[index]:
            break
        if words[index] in _SENDER_QUALIFIERS:
            return words[index]
    for index in range(subject_start, end):
        if words[index] in _SENDER_QUALIFIERS:
            return words[index]
    return None


def _cancelled(words: list[str], end: int) -> bool:
    return end < len(words) and words[end] in _CANCELLING


def _matches_at(words: list[str], index: int) -> list[_Entry]:
    """Every subject and predicate that starts at this word; a subject after "ip" is none."""
    found = []
    for entry in _entries().get(words[index], ()):
        if tuple(words[index : index + len(entry.words)]) != entry.words:
            continue
        if (
            entry.is_subject
            and index
            and words[index - 1] in _NOT_AFTER.get(entry.words[0], _NOT_A_MAILBOX)
        ):
            continue
        found.append(entry)
    return found


def find_concept(text: str) -> ConceptMatch | None:
    """The first concept the reply states; None if it states none."""
    found = find_concepts(text)
    return found[0] if found else None


def find_concepts(text: str) -> list[ConceptMatch]:
    """Every concept the reply states, each once, in the order it states them; one pass.

    Within a clause, the last subject and the last predicate of each concept are kept until a
    word that is not small comes between; a subject and a predicate of one concept kept
    together are a match.
    """
    words = _words(text)
    subjects: dict[int, tuple[int, int, str]] = {}  # concept -> (start, end, words)
    predicates: dict[int, tuple[int, int, str]] = {}
    found: dict[int, ConceptMatch] = {}
    index = 0
    while index < len(words):
        word = words[index]
        if not word:
            subjects.clear()
            predicates.clear()
            index += 1
            continue
        entries = _matches_at(words, index)
        if not entries:
            if not _is_filler(word):
                subjects.clear()
                predicates.clear()
            index += 1
            continue
        # A word that belongs to other concepts is no small word for this one.
        involved = {entry.concept for entry in entries}
        for kept in (subjects, predicates):
            for other in [concept for concept in kept if concept not in involved]:
                del kept[other]
        for entry in entries:
            if entry.concept in found:
                continue
            match = _pair(words, entry, index, subjects, predicates)
            if match is not None:
                found[entry.concept] = match
        index += len(entries[0].words)
    return list(found.values())


def _pair(
    words: list[str],
    entry: _Entry,
    index: int,
    subjects: dict[int, tuple[int, int, str]],
    predicates: dict[int, tuple[int, int, str]],
) -> ConceptMatch | None:
    """The match the entry at ``index`` completes, if it completes one; else it is kept."""
    concept = CONCEPTS[entry.concept]
    span = (index, index + len(entry.words), " ".join(entry.words))
    if not concept.subjects:
        return None if _cancelled(words, span[1]) else ConceptMatch(concept, "", span[2], None)
    partner = (predicates if entry.is_subject else subjects).get(entry.concept)
    if partner is None:
        (subjects if entry.is_subject else predicates)[entry.concept] = span
        return None
    subject, predicate = (span, partner) if entry.is_subject else (partner, span)
    end = max(subject[1], predicate[1])
    if _cancelled(words, end):
        return None
    qualifier = _qualifier(words, subject[0], end)
    if qualifier is None or not concept.about_recipient:
        return ConceptMatch(concept, subject[2], predicate[2], None)
    if concept.rule.reason is not Reason.MAILBOXFULL:
        # "sender address invalid", "your account is disabled": the sender's.
        return ConceptMatch(concept, subject[2], predicate[2], qualifier)
    return None  # "sending quota exceeded" is no full mailbox: read on
