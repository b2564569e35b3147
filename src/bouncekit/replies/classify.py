"""Judging a parsed reply: which rule matches, and what that means for the sender.

Order of authority (DESIGN.md): the receiving provider's own rules beat generic ones, and the
text beats the code where they disagree ("5.1.1 too many recipients this hour" is rate
limiting). Only when no phrase matches does the enhanced status code decide, then the basic
reply code. Weak generic phrases (priority below zero, such as a bare "rejected") lose to a
specific enhanced status code.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from bouncekit.domains import suggest_domain
from bouncekit.replies import codes
from bouncekit.replies.blocklists import BLOCKLISTS
from bouncekit.replies.concepts import CONCEPTS, find_concepts
from bouncekit.replies.model import (
    Action,
    Blocklist,
    Command,
    Diagnosis,
    Evidence,
    Owner,
    Provider,
    Reason,
    Retry,
    Rule,
    Verdict,
)
from bouncekit.replies.parse import ParsedReply, parse_reply
from bouncekit.replies.phrases import PhraseIndex, normalize, phrase_regex, split_phrase
from bouncekit.replies.reasons import HARD_REASONS, REASONS, ActionContext, reason_actions
from bouncekit.replies.rules import load
from bouncekit.replies.subjects import MARKERS, Subject, SubjectMarker

# Enhanced status details too broad to outrank a weak phrase: 5.7.1 is used for everything
# from relaying to spam to blocklists.
_UNSPECIFIC_DETAILS = frozenset({"0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "7.1"})


@dataclass(frozen=True, slots=True)
class _Trigger:
    rule: Rule
    order: int  # declaration order of the phrase among all rules' phrases: ties never depend on
    # the order a set of hits is walked in, which changes with each process's hash seed
    phrase: str
    pieces: tuple[str, ...]  # the pieces of the phrase that are in the index
    wildcard: bool  # the phrase has pieces that must come in order (_ordered checks them)
    weight: int  # literal characters in the phrase: longer is more specific
    # A rule of some strength about the sender or the message: beside it, words that read as
    # "no such address" do not condemn the address (_doubt).
    against_sender_side: bool


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Every rule, provider and blocklist, compiled for one-pass matching."""

    index: PhraseIndex
    triggers: dict[str, tuple[_Trigger, ...]]  # keyed by the phrase's longest piece
    providers: tuple[Provider, ...]
    provider_markers: dict[str, Provider]
    provider_rank: dict[str, int]  # declaration order by key: ties go to the first declared
    host_suffixes: dict[str, Provider]
    blocklist_markers: dict[str, Blocklist]
    rules: tuple[Rule, ...]
    by_id: dict[str, Rule]
    subject_markers: dict[str, SubjectMarker]
    subject_marker_set: frozenset[str]


@functools.cache
def _ordered(phrase: str) -> re.Pattern[str]:
    """A wildcard phrase's regex, compiled the first time its pieces are all found: compiling
    the hundred of them when the rule book is built cost every start-up about 6 ms."""
    # phrase_regex gives None only for a phrase of one piece, which is no wildcard phrase.
    return phrase_regex(phrase) or re.compile(re.escape(phrase))


_INDEXED = 4  # characters: a shorter piece of a wildcard phrase is not in the index


@functools.cache
def rulebook() -> RuleBook:
    """The compiled rules; built once per process on first use."""
    rules, providers = load()
    triggers: dict[str, list[_Trigger]] = {}
    literals: set[str] = set()
    order = 0
    for rule in rules:
        for phrase in rule.phrases:
            order += 1
            pieces = split_phrase(phrase)
            # Short pieces ("no", "<") stay out of the index, where they would be found in
            # almost every reply; the phrase's regex checks them once the others are found.
            key = max(pieces, key=len)
            indexed = tuple(piece for piece in pieces if piece == key or len(piece) >= _INDEXED)
            literals.update(indexed)
            sender_side = rule.priority >= 0 and _owner_of(rule) in _NOT_THE_ADDRESS
            triggers.setdefault(key, []).append(
                _Trigger(
                    rule,
                    order,
                    phrase,
                    indexed,
                    len(pieces) > 1,
                    sum(map(len, pieces)),
                    sender_side,
                )
            )
    provider_markers = {marker: p for p in providers for marker in p.markers}
    blocklist_markers = {marker: b for b in BLOCKLISTS for marker in b.markers}
    subject_markers = {marker.phrase: marker for marker in MARKERS}
    literals.update(provider_markers)
    literals.update(blocklist_markers)
    literals.update(subject_markers)
    literals.update(_SENDER_SIGNS)
    literals.update(_HEDGES)
    literals.update(_FOR_NOW)
    return RuleBook(
        index=PhraseIndex(literals),
        triggers={key: tuple(group) for key, group in triggers.items()},
        providers=providers,
        provider_markers=provider_markers,
        provider_rank={provider.key: rank for rank, provider in enumerate(providers)},
        host_suffixes={suffix: p for p in reversed(providers) for suffix in p.host_suffixes},
        blocklist_markers=blocklist_markers,
        rules=rules,
        by_id={rule.id: rule for rule in rules},
        subject_markers=subject_markers,
        subject_marker_set=frozenset(subject_markers),
    )


def _detect_provider(
    book: RuleBook, remote_host: str | None, hits: frozenset[str]
) -> Provider | None:
    if remote_host:
        # ".mx.google.com" is looked up as ".mx.google.com", ".google.com", ".com".
        labels = remote_host.lower().split(".")
        for start in range(len(labels)):
            provider = book.host_suffixes.get("." + ".".join(labels[start:]))
            if provider is not None:
                return provider
    found = [book.provider_markers[hit] for hit in hits if hit in book.provider_markers]
    if not found:
        return None
    # The provider named by the longest marker: "outlook.com" inside a Google reply loses to
    # "support.google.com/mail".
    # Equal lengths go to the provider declared first, whatever order the hits come in.
    return max(
        found,
        key=lambda p: (max(len(m) for m in p.markers if m in hits), -book.provider_rank[p.key]),
    )


def _status_allows(wanted: str, status: str) -> bool:
    # Exact codes ("5.7.2" must not admit 5.7.26), or a prefix written with its dot ("5.7.").
    return status == wanted or (wanted.endswith(".") and status.startswith(wanted))


def _code_allows(rule: Rule, replycode: str | None, status: str | None) -> bool:
    if rule.statuses and not (status and any(_status_allows(s, status) for s in rule.statuses)):
        return False
    return not rule.replycodes or bool(
        replycode and any(replycode.startswith(c) for c in rule.replycodes)
    )


def _best_trigger(
    book: RuleBook, hits: frozenset[str], text: str, reply: ParsedReply, provider: Provider | None
) -> tuple[_Trigger | None, _Trigger | None]:
    """The rule phrase that decides, and the strongest one about the sender's side, if any.

    Only phrases whose rule applies to this provider and these codes count.
    """
    best: _Trigger | None = None
    best_key: tuple[bool, int, int, int] | None = None
    sender_side: _Trigger | None = None
    sender_key: tuple[bool, int, int, int] | None = None
    for hit in hits:
        for trigger in book.triggers.get(hit, ()):
            rule = trigger.rule
            if rule.provider is not None and (provider is None or rule.provider != provider.key):
                continue
            if trigger.wildcard and not (
                hits.issuperset(trigger.pieces) and _ordered(trigger.phrase).search(text)
            ):
                continue
            if not _code_allows(rule, reply.replycode, reply.status):
                continue
            key = (rule.provider is not None, rule.priority, trigger.weight, -trigger.order)
            if trigger.against_sender_side and (sender_key is None or key > sender_key):
                sender_side, sender_key = trigger, key
            if best_key is None or key > best_key:
                best, best_key = trigger, key
    return best, sender_side


def _status_is_specific(status: str | None) -> bool:
    return status is not None and status.split(".", 1)[1] not in _UNSPECIFIC_DETAILS


def _judge(reply: ParsedReply, trigger: _Trigger | None) -> tuple[Reason, Rule | None, Evidence]:
    status_entry = codes.enhanced_status(reply.status) if reply.status else None
    status_reason = codes.status_reason(reply.status) if reply.status else None
    if status_reason is Reason.UNDEFINED:
        status_reason = None  # a status that says nothing: let the reply code speak
    specific_status = status_reason is not None and _status_is_specific(reply.status)
    if trigger is None or trigger.rule.priority < 0:
        # Where no phrase matched, or a weak word only, read the reply's concepts; of them,
        # only one that names the failure plainly (beats_status) outranks the weak word.
        read = _read_concept(reply, status_reason if specific_status else None, trigger)
        if read is not None:
            return read
    if trigger is not None and not (trigger.rule.priority < 0 and specific_status):
        rule = trigger.rule
        source = "provider rule" if rule.provider else "rule"
        detail = f'The text matches "{trigger.phrase}" (rule {rule.id}).'
        if status_reason is not None and status_reason is not rule.reason and specific_status:
            detail += (
                f" The status code {reply.status} alone would suggest {status_reason}, "
                "but the text is more specific."
            )
        return rule.reason, rule, Evidence(source, rule.id, trigger.phrase, detail)
    # Any registered status says more than the basic code ("550 5.7.1 ..." is a policy refusal,
    # not a missing mailbox), except the catch-all X.0.0.
    if status_reason is not None and status_entry is not None and status_entry.detail != "0.0":
        detail = f"No phrase matched; status {reply.status} means {status_entry.title}."
        return status_reason, None, Evidence("status code", None, reply.status, detail)
    if status_entry is None and reply.status and reply.status[0] == "5":
        # A detail no registry lists ("5.7.999"): its subject still says where the problem
        # lies (X.7 security or policy, X.1 the address, X.3 the receiving system). A 4.x.y
        # is left to the reply code: providers defer with unregistered 4.7.x codes for load
        # and throttling ("451 4.7.500 Server busy").
        klass, subject = reply.status[0], reply.status.split(".")[1]
        fallback = codes.status_reason(f"{klass}.{subject}.0")
        if fallback not in (None, Reason.UNDEFINED):
            title = codes.enhanced_status(f"{klass}.{subject}.0")
            detail = (
                f"No phrase matched and status {reply.status} is not registered; its class "
                f"{klass}.{subject}.x means {title.title if title else 'nothing more'}."
            )
            return fallback, None, Evidence("status class", None, reply.status, detail)
    code_entry = codes.reply_code(reply.replycode) if reply.replycode else None
    if code_entry is not None and code_entry.reason is not None:
        detail = f"No phrase matched; reply code {reply.replycode}: {code_entry.meaning}"
        return code_entry.reason, None, Evidence("reply code", None, reply.replycode, detail)
    if status_reason is not None and status_entry is not None:
        detail = f"No phrase matched; status {reply.status} means {status_entry.title}."
        return status_reason, None, Evidence("status code", None, reply.status, detail)
    return Reason.UNDEFINED, None, Evidence("none", None, None, "No rule or code matched.")


@functools.cache
def _plain_cause_cues() -> re.Pattern[str]:
    """The subjects of the concepts that outrank a weak word, as whole words: a reply with
    none of them need not be read for concepts (the common case, and the cost of this path).
    Whole words: "ip" is a subject, and is in every "recipient"."""
    subjects = {
        subject for concept in CONCEPTS if concept.beats_status for subject in concept.subjects
    }
    alternatives = "|".join(
        re.escape(subject) for subject in sorted(subjects, key=len, reverse=True)
    )
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _may_beat_a_weak_word(text: str) -> bool:
    return _plain_cause_cues().search(text) is not None


def _read_concept(
    reply: ParsedReply, specific_status_reason: Reason | None, weak: _Trigger | None = None
) -> tuple[Reason, Rule | None, Evidence] | None:
    """What the reply states as a subject and a predicate (concepts.py), where no phrase matched.

    A specific status code that says otherwise wins over words read this loosely.
    """
    if weak is not None and not _may_beat_a_weak_word(reply.text):
        return None  # the common case: a weak word and none of the plain causes' subjects
    every = find_concepts(reply.text)
    if not every:
        return None
    found = every[0]
    if weak is not None and not found.concept.beats_status:
        return None
    rule = found.concept.rule
    if found.sender_qualifier is not None:
        subject = Subject.SENDING_HOST if found.about_sender_host else Subject.SENDER_ADDRESS
        reason, concept_rule = _SENDER_SIDE_REASONS[subject], None
        detail = (
            f'No phrase matched; the reply says "{found.phrase}" of the {subject} '
            f'("{found.sender_qualifier}"), not of the recipient.'
        )
    else:
        reason, concept_rule = rule.reason, rule
        detail = f'No phrase matched; the reply says "{found.phrase}" ({rule.id}).'
        others = [other for other in every[1:] if not other.concept.about_recipient]
        if found.concept.about_recipient and others:
            # "Unknown address error ... (SPAM_SUSPECT:IP_CONTROL)": the address is not
            # judged where the reply also speaks of the sender or the message (_doubt).
            detail += (
                f' It also says "{others[0].phrase}" ({others[0].concept.rule.id}): the '
                "address is not judged."
            )
            concept_rule = dataclasses.replace(rule, verdict=Verdict.UNKNOWN)
        elif (
            REASONS[reason].verdict is Verdict.INVALID
            and specific_status_reason is not reason
            and not found.says_gone
        ):
            # Words paired by proximity are a looser reading than a rule's phrase: a thing
            # called "invalid" or "bad", with no status code that says it is gone, is risky.
            detail += " Neither its words nor a status code say it is gone: it is risky."
            concept_rule = dataclasses.replace(rule, verdict=Verdict.RISKY)
    if (
        specific_status_reason is not None
        and specific_status_reason is not reason
        and not found.concept.beats_status
    ):
        return None
    return reason, concept_rule, Evidence("concept", rule.id, found.phrase, detail)


# Reasons that condemn the recipient's address or mailbox: they stand only when the reply is
# about the recipient.
_RECIPIENT_REASONS = frozenset(
    {
        Reason.USERUNKNOWN,
        Reason.HOSTUNKNOWN,
        Reason.SUSPEND,
        Reason.HASMOVED,
        Reason.NOTACCEPT,
        Reason.MAILBOXFULL,
        Reason.FILTERED,
    }
)
_STAGE_SUBJECTS = {
    Command.MAIL: Subject.SENDER_ADDRESS,
    Command.CONNECT: Subject.SENDING_HOST,
    Command.HELO: Subject.SENDING_HOST,
    Command.EHLO: Subject.SENDING_HOST,
}
# RFC 3463: X.1.7 "Bad sender's mailbox address syntax", X.1.8 "Bad sender's system address".
_SENDER_STATUSES = frozenset({".1.7", ".1.8"})
# What a recipient's reason becomes when the reply is about the sender's side.
_SENDER_SIDE_REASONS = {
    Subject.SENDER_ADDRESS: Reason.REJECTED,
    Subject.SENDING_HOST: Reason.BLOCKED,
}


def _subject(
    book: RuleBook,
    hits: frozenset[str],
    text: str,
    reply: ParsedReply,
    recipient: str | None,
    sender: str | None,
) -> tuple[Subject, str] | None:
    """Whose address the reply refuses, and what says so (subjects.py)."""
    named = hits & book.subject_marker_set
    if named:
        # At one place, the longer marker ("sender address rejected" over "sender address").
        first = min(named, key=lambda marker: (text.find(marker), -len(marker), marker))
        return book.subject_markers[first].subject, f'the reply says "{first}"'
    if reply.status and reply.status[1:] in _SENDER_STATUSES:
        return Subject.SENDER_ADDRESS, f"its status {reply.status} is about the sender's address"
    if reply.command in _STAGE_SUBJECTS:
        return _STAGE_SUBJECTS[reply.command], f"it was given at {reply.command.value}"
    # The substring test first: reading every address of the reply costs more.
    if sender and sender.lower() in reply.context.lower():
        addresses = {address.lower() for address in reply.addresses}
        if sender.lower() in addresses and (recipient or "").lower() not in addresses:
            return Subject.SENDER_ADDRESS, f"it names the envelope sender {sender}"
    return None


def reply_subject(
    reply: ParsedReply, recipient: str | None = None, sender: str | None = None
) -> Subject | None:
    """Whose address the reply refuses, where it says (subjects.py); None where it does not."""
    text, hits, _, _ = _analyse(reply.text, reply.context, reply.remote_host)
    found = _subject(rulebook(), hits, text, reply, recipient, sender)
    return found[0] if found else None


def _about_sender_side(
    book: RuleBook,
    hits: frozenset[str],
    text: str,
    reply: ParsedReply,
    recipient: str | None,
    sender: str | None,
    found: tuple[Reason, Rule | None, Evidence],
) -> tuple[Reason, Rule | None, Evidence]:
    """A recipient's reason said of the sender's address or host is the sender's problem."""
    _, _, evidence = found
    subject = _subject(book, hits, text, reply, recipient, sender)
    if subject is None or subject[0] is Subject.RECIPIENT:
        return found
    side = _SENDER_SIDE_REASONS[subject[0]]
    detail = (
        f"{evidence.detail} The reply is about the {subject[0]}, not the recipient: {subject[1]}."
    )
    return side, None, Evidence("subject", evidence.rule_id, evidence.matched, detail)


_NOT_THE_ADDRESS = frozenset({Owner.SENDER, Owner.MESSAGE})


def _owner_of(rule: Rule) -> Owner:
    return rule.owner or REASONS[rule.reason].owner


def _doubt(
    rule: Rule | None,
    evidence: Evidence,
    reply: ParsedReply,
    sender_side: _Trigger | None,
    blocklists: tuple[Blocklist, ...],
    hits: frozenset[str],
) -> str | None:
    """Why a reply that reads as "no such address" must not condemn the address, if it must not.

    The worst mistake is to call a good address invalid because of a block aimed at the
    sender: where the reply also speaks of the sender's side, the verdict is unknown.
    """
    if blocklists:
        return f"It also names {blocklists[0].name}, a list of senders: the address is not judged."
    if evidence.source == "reply code":
        return (
            "Only the reply code says so, and servers give it for policy refusals too: the "
            "address is not judged."
        )
    if evidence.source == "status class":
        return "Only the class of an unregistered status says so: the address is not judged."
    signs = hits & _SENDER_SIGNS
    if signs:
        return f'It also speaks of "{min(signs)}", the sending side: the address is not judged.'
    if rule is not None and rule.provider is None and reply.status:
        status_reason = codes.status_reason(reply.status)
        if status_reason in REASONS and REASONS[status_reason].owner in _NOT_THE_ADDRESS:
            return (
                f"Its status {reply.status} is a refusal of the sender or the message, not "
                "of the address: the address is not judged."
            )
    if sender_side is not None:
        rule_reason = sender_side.rule.reason
        return f'It also says "{sender_side.phrase}" ({rule_reason}): the address is not judged.'
    return None


# A reply that names another cause as an alternative ("550 Mailbox not found or access
# denied", QQ Mail; RFC 5321's "mailbox not found, no access, or command rejected for policy
# reasons") does not say the address is gone: likely, not certain.
_HEDGES = frozenset(
    {
        "or access denied",
        "or access is denied",
        "or no access",
        "or permission denied",
        "or rejected for policy reasons",
        "or command rejected",
        "or blocked",
        "or not allowed",
        # Gmail's own non-delivery notice: "the address couldn't be found, or is unable to
        # receive mail".
        "or is unable to receive",
        "or unable to receive",
        "or cannot receive",
    }
)
# A reply that calls the state temporary ("This account has been temporarily suspended") does
# not say the address is gone for good.
_FOR_NOW = frozenset({"temporarily", "temporary", "for the time being"})


# A log line or notice that says the message is still queued: Postfix's "status=deferred",
# Exim's "== ... defer (110)", "delivery temporarily suspended".
_STILL_RETRIED = re.compile(
    r"status=deferred|\bdefer \(-?\d+\)|delivery temporarily suspended", re.IGNORECASE
)
# Words that put the sending side in a reply ("User unknown (sending host on blocklist)",
# "mailbox disabled due to abuse from your server"): with one of them, no reply condemns the
# address, whatever else it says (_doubt). They are literals of the phrase index: the reply's
# hits say at once whether one is there.
_SENDER_SIGNS = frozenset(
    {
        "spam",
        "blacklist",
        "black list",
        "blocklist",
        "block list",
        "denylist",
        "deny list",
        "abuse",
        "rbl",
        "dnsbl",
        "reputation",
        "spf",
        "dkim",
        "dmarc",
        "your ip",
        "your server",
        "your host",
        "your mail server",
        "sending host",
        "sending ip",
        "sending server",
        "client host",
    }
)


_DEFERRAL = Action(
    "This is a temporary deferral (4xx): your server keeps the message and retries on its own. "
    "Retry with exponential backoff, never at once in a loop."
)


def _is_temporary(reply: ParsedReply) -> bool:
    code = reply.replycode or (reply.status[0] if reply.status else "")
    return code.startswith("4")


def _dedupe(actions: list[Action]) -> tuple[Action, ...]:
    """Each step once: a second step to the same page (a provider's delisting portal named by
    both its rule and its block list) repeats the first."""
    seen: set[str] = set()
    unique: list[Action] = []
    for action in actions:
        url = action.url
        if action.text in seen or (url is not None and url in seen):
            continue
        seen.add(action.text)
        if url is not None:
            seen.add(url)
        unique.append(action)
    return tuple(unique)


def _blocklist_actions(blocklists: tuple[Blocklist, ...], ip: str | None) -> list[Action]:
    steps = []
    for blocklist in blocklists:
        what = (ip or "your sending IP") if blocklist.lists == "ip" else "your domain"
        command = None
        if blocklist.zone and blocklist.lists == "ip" and ip and ip.count(".") == 3:
            command = f"dig +short {'.'.join(reversed(ip.split('.')))}.{blocklist.zone}"
        note = ""
        if command and "spamhaus" in command:
            # Spamhaus answers queries relayed by public resolvers with 127.255.255.254.
            note = " Ask your own resolver, not a public one, or the answer is an error code."
        steps.append(
            Action(
                f"Look up {what} on {blocklist.name} ({blocklist.meaning}) and follow its "
                f"delisting process once the cause is fixed.{note}",
                command=command,
                url=blocklist.delist_url,
            )
        )
    return steps


def _named_blocklists(book: RuleBook, hits: frozenset[str], text: str) -> tuple[Blocklist, ...]:
    """The lists a reply names, in the order it names them, the most specific of a family only.

    "Listed in Spamhaus SBL" also contains "spamhaus": SBL is reported, not plain Spamhaus; ZEN
    (the union of Spamhaus's IP lists) gives way to the one list it names.
    """
    named = [hit for hit in hits if hit in book.blocklist_markers]
    if not named:
        return ()
    named.sort(key=lambda marker: (text.find(marker), -len(marker), marker))
    found = list(dict.fromkeys(book.blocklist_markers[hit] for hit in named))
    keys = {blocklist.key for blocklist in found}

    def superseded(blocklist: Blocklist) -> bool:
        family = blocklist.key.split("-")[0]
        specific = {k for k in keys if k.startswith(family + "-") and k != blocklist.key}
        if blocklist.key == family:
            return bool(specific)
        return blocklist.key.endswith("-zen") and bool(specific - {family + "-dqs"})

    return tuple(blocklist for blocklist in found if not superseded(blocklist))


# Where an expiry notice quotes the last reply of the remote server ("Message expired for
# domain example.com. Remote host said: 454 4.7.1 ...: Relay access denied").
_LAST_REPLY = re.compile(r"(?:remote host said|host \S+ said|last error(?: was)?|said)\s*:", re.I)
_NOT_A_CAUSE = frozenset({Reason.EXPIRED, Reason.UNDEFINED, Reason.ONHOLD})


def _quoted_cause(
    reply: ParsedReply, recipient: str | None, sender: str | None
) -> Judgement | None:
    """The remote server's last reply an expiry notice quotes, judged, where it states a cause.

    The cause beats its consequence: a message that expired because the remote server kept
    answering "Relay access denied" failed for that reason. The quoted reply is the text after
    the last "said:", or the reply itself where the expiry words are only in its context.
    """
    said = list(_LAST_REPLY.finditer(reply.text))
    quoted = said[-1] if said else None
    if quoted is not None:
        inner = parse_reply(reply.text[quoted.end() :])
    elif reply.context.strip() != reply.text.strip():
        inner = parse_reply(reply.text)
    else:
        return None
    if inner is None or not inner.replycode:
        return None
    judged = judge_reply(inner, recipient, sender=sender)
    if judged.reason in _NOT_A_CAUSE or judged.evidence.source not in _STATED:
        return None
    detail = (
        "The message expired; the remote server's last reply gives the cause. "
        f"{judged.evidence.detail}"
    )
    evidence = Evidence(
        judged.evidence.source, judged.evidence.rule_id, judged.evidence.matched, detail
    )
    return dataclasses.replace(judged, evidence=evidence)


_STATED = frozenset({"rule", "provider rule", "concept", "blocklist"})


def _blocklist_explains(
    rule: Rule | None, blocklists: tuple[Blocklist, ...], reason: Reason
) -> bool:
    """Whether a named blocklist, not the matched words, is the explanation.

    It is when nothing else matched, when only a weak phrase did, and when an IP list is named
    beside generic content words ("Spam message rejected: 192.0.2.1 listed at bl.spamcop.net"
    is a listing of the sending IP, not a judgement of the content).
    """
    if reason in (Reason.BLOCKED, Reason.BADREPUTATION):
        return False
    if rule is None:
        return True
    if rule.provider is not None:
        return False
    ip_listed = any(blocklist.lists == "ip" for blocklist in blocklists)
    return rule.priority < 0 or (ip_listed and REASONS[rule.reason].owner is Owner.MESSAGE)


@functools.lru_cache(maxsize=16)  # a bounce judges one reply up to three ways in a row
def _analyse(
    reply_text: str, context: str, remote_host: str | None
) -> tuple[str, frozenset[str], Provider | None, tuple[Blocklist, ...]]:
    """The phrases found in a reply, and the provider and blocklists they name."""
    book = rulebook()
    # Phrases are matched on the reply with its "550-5.7.1" continuation prefixes removed (a
    # phrase may span a wrapped line) and on the context around it (host names, markers).
    text = normalize(reply_text)
    around = normalize(context)
    # Where the context holds the reply as it is, one scan of it finds everything.
    text = around if text in around else f"{text} | {around}"
    hits = frozenset(book.index.find(text))
    provider = _detect_provider(book, remote_host, hits)
    return text, hits, provider, _named_blocklists(book, hits, text)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What a reply means, decided but not yet put into words.

    The bounce parser needs only the decision (reason, owner, hard, verdict) for each of
    thousands of records; ``diagnosis()`` writes the headline, summary and actions when a
    reader asks for them.
    """

    reply: ParsedReply
    recipient: str | None
    reason: Reason
    owner: Owner
    hard: bool
    retry: Retry
    verdict: Verdict | None
    rule: Rule | None
    evidence: Evidence
    provider: Provider | None
    blocklists: tuple[Blocklist, ...]

    def diagnosis(self) -> Diagnosis:
        """The whole explanation: headline, summary, status meaning and what to do."""
        return _describe(self)


def judge_reply(
    reply: ParsedReply,
    recipient: str | None = None,
    *,
    known_reason: tuple[Reason, str] | None = None,
    sender: str | None = None,
) -> Judgement:
    """Decide what one parsed reply means; :func:`diagnose` also puts it into words.

    ``known_reason`` is a reason and a sentence of evidence from a source that knows better
    than the text (a bounce format's own error codes, an ESP's bounce type). ``sender`` is the
    envelope sender where it is known: a reply that names it, and not the recipient, is about
    the sender's address.
    """
    text, hits, provider, blocklists = _analyse(reply.text, reply.context, reply.remote_host)
    sender_side: _Trigger | None = None
    if known_reason is not None:
        reason, rule = known_reason[0], None
        evidence = Evidence("format", None, None, known_reason[1])
    else:
        book = rulebook()
        best, sender_side = _best_trigger(book, hits, text, reply, provider)
        found = _judge(reply, best)
        reason, rule, evidence = found
        if reason is Reason.EXPIRED:
            cause = _quoted_cause(reply, recipient, sender)
            if cause is not None:
                return cause
        if reason in _RECIPIENT_REASONS:
            reason, rule, evidence = _about_sender_side(
                book, hits, text, reply, recipient, sender, found
            )
    if blocklists and known_reason is None and _blocklist_explains(rule, blocklists, reason):
        reason, rule = Reason.BLOCKED, None
        evidence = Evidence(
            "blocklist", None, blocklists[0].key, f"The reply names {blocklists[0].name}."
        )
    if reason is Reason.EXPIRED and known_reason is None and _STILL_RETRIED.search(reply.context):
        # "status=deferred (connect to ...: Connection timed out)": the log says the message is
        # still queued, so nothing has expired; the failure is the connection.
        reason, rule = Reason.NETWORKERROR, None
        evidence = Evidence(
            evidence.source,
            evidence.rule_id,
            evidence.matched,
            f"{evidence.detail} The log says the message is still being retried: a network "
            "failure for now, not an expiry.",
        )
    info = REASONS[reason]
    owner = rule.owner if rule and rule.owner else info.owner
    verdict: Verdict | None = info.verdict
    if rule is not None and rule.verdict is not None:
        verdict = rule.verdict
    if rule is not None and rule.no_verdict:
        verdict = None
    if verdict is Verdict.INVALID and known_reason is None:
        doubt = _doubt(rule, evidence, reply, sender_side, blocklists, hits)
        if doubt:
            verdict = Verdict.UNKNOWN
            detail = f"{evidence.detail} {doubt}"
            evidence = Evidence(evidence.source, evidence.rule_id, evidence.matched, detail)
    if verdict is Verdict.INVALID and hits & _HEDGES:
        verdict = Verdict.RISKY
        detail = f"{evidence.detail} It offers another cause beside a missing address."
        evidence = Evidence(evidence.source, evidence.rule_id, evidence.matched, detail)
    temporary = _is_temporary(reply)
    if verdict is Verdict.INVALID and hits & _FOR_NOW and not temporary:
        # (a 4xx is judged below: nothing it says is final)
        verdict = Verdict.RISKY
        detail = f"{evidence.detail} It calls the state temporary, not final."
        evidence = Evidence(evidence.source, evidence.rule_id, evidence.matched, detail)
    retry = rule.retry if rule and rule.retry else info.retry
    # Sisimai's hard bounce: the address or domain is gone, even if the server said so with a
    # 4xx; only "accepts no mail" depends on the code being permanent.
    hard = reason in HARD_REASONS and not (temporary and reason is Reason.NOTACCEPT)
    if temporary and retry is Retry.NEVER and reason not in (Reason.FEEDBACK, Reason.VACATION):
        # A 4xx is the server saying "not now": nothing is final yet.
        retry = Retry.LATER
        if verdict is Verdict.INVALID:
            verdict = Verdict.UNKNOWN
        if reason is Reason.NOTACCEPT and not (rule and rule.owner):
            owner = Owner.RECEIVER  # "not accepting mail now" is their system, for now
    return Judgement(
        reply=reply,
        # The address a reply names is its recipient's, unless the reply is about the sender.
        recipient=recipient
        or (reply.addresses[0] if reply.addresses and evidence.source != "subject" else None),
        reason=reason,
        owner=owner,
        hard=hard,
        retry=retry,
        verdict=verdict,
        rule=rule,
        evidence=evidence,
        provider=provider,
        blocklists=blocklists,
    )


def diagnose(
    reply: ParsedReply,
    recipient: str | None = None,
    *,
    known_reason: tuple[Reason, str] | None = None,
) -> Diagnosis:
    """Classify one parsed reply into a :class:`Diagnosis`: :func:`judge_reply`, in words."""
    return _describe(judge_reply(reply, recipient, known_reason=known_reason))


def _describe(judgement: Judgement) -> Diagnosis:
    reply, rule, provider = judgement.reply, judgement.rule, judgement.provider
    reason, blocklists, recipient = judgement.reason, judgement.blocklists, judgement.recipient
    info = REASONS[reason]
    domain = recipient.rpartition("@")[2].lower() if recipient else None
    action_context = ActionContext(
        recipient_domain=domain,
        sender_ip=reply.sender_ip,
        suggestion=suggest_domain(domain) if domain else None,
        blocklist_named=bool(blocklists),
        rule_steps=bool(
            rule
            and rule.actions
            and (rule.provider or (rule.owner and rule.owner is not info.owner))
        ),
        address_gone=judgement.verdict is Verdict.INVALID and not _is_temporary(reply),
    )
    actions = []
    if _is_temporary(reply) and judgement.retry is Retry.LATER:
        actions.append(_DEFERRAL)
    actions.extend(rule.actions if rule else ())
    if judgement.owner in (Owner.SENDER, Owner.MESSAGE):  # delisting is the sender's to do
        actions.extend(_blocklist_actions(blocklists, reply.sender_ip))
    actions.extend(reason_actions(reason, action_context))
    docs = (rule.docs_url if rule else None) or (provider.docs_url if provider else None)
    if docs:
        publisher = provider.name if provider else "the receiver"
        actions.append(Action(f"Read {publisher}'s documentation of this reply.", url=docs))

    status_meaning = codes.describe_status(reply.status) if reply.status else None
    clause = rule.headline if rule and rule.headline else info.headline
    if judgement.verdict is Verdict.RISKY and info.unsure_headline is not None:
        clause = info.unsure_headline
    headline = clause[0].upper() + clause[1:] + "."
    if provider is not None:
        headline = f"{provider.name}: {clause}."
    return Diagnosis(
        reason=reason,
        owner=judgement.owner,
        hard=judgement.hard,
        retry=judgement.retry,
        verdict=judgement.verdict,
        headline=headline,
        summary=(rule.summary if rule and rule.summary else info.description),
        replycode=reply.replycode,
        status=reply.status,
        status_meaning=status_meaning,
        command=reply.command,
        text=reply.text,
        recipient=recipient,
        remote_host=reply.remote_host,
        remote_ip=reply.remote_ip,
        sender_ip=reply.sender_ip,
        provider=provider,
        blocklists=blocklists,
        urls=reply.urls,
        addresses=reply.addresses,
        evidence=judgement.evidence,
        actions=_dedupe(actions),
    )
