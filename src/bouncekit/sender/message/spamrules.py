"""SpamAssassin's body rules about wording that legitimate marketing mail uses, as data.

The patterns and descriptions are SpamAssassin's (Apache SpamAssassin, Apache License 2.0,
https://spamassassin.apache.org/), copied from the rule files Debian installs in
/usr/share/spamassassin (spamassassin 4.0.1): ``body NAME /regex/flags`` and ``describe NAME
text``. Each pattern is the Perl regex between the delimiters, unchanged: every rule here is
valid Python as written, and rules that would need translating (``\\z``, ReplaceTags' ``<A>``
placeholders, eval: tests) were left out. Perl's ``/i`` is :data:`re.IGNORECASE`.

SpamAssassin runs body rules over the subject and the text parts, one paragraph at a time with
the lines of a paragraph joined; :func:`matching_rules` does the same, so ``^`` is the start of a
paragraph. tests/sender/test_spamrules.py checks every record against the installed files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Mail::SpamAssassin::Conf: a rule without a score line scores 1.0.
DEFAULT_SCORE = 1.0
# SpamAssassin's default required_score: mail at or above it is spam.
SPAM_THRESHOLD = 5.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SpamRule:
    """One SpamAssassin body rule, with marketing sentences it matches.

    ``score`` is the rule's score in score set 1 (network tests on, Bayes off or not yet
    trained: a new spamd) from 50_scores.cf or 73_sandbox_manual_scores.cf; ``None`` when
    SpamAssassin sets none, so it scores :data:`DEFAULT_SCORE`. ``body_rule`` names the ``__``
    sub-rule holding the regex when ``name`` is a meta rule that is exactly that sub-rule.
    """

    name: str
    pattern: str
    description: str
    examples: tuple[str, ...]
    source: str
    score: float | None
    flags: re.RegexFlag = re.IGNORECASE
    body_rule: str | None = None

    @property
    def points(self) -> float:
        return DEFAULT_SCORE if self.score is None else self.score


SPAM_RULES: tuple[SpamRule, ...] = (
    # -- 20_phrases.cf ----------------------------------------------------------------------
    SpamRule(
        name="GUARANTEED_100_PERCENT",
        pattern=r"100% GUARANTEED",
        description="One hundred percent guaranteed",
        examples=("Results are 100% guaranteed or your next box is on us.",),
        source="20_phrases.cf",
        score=2.699,
    ),
    SpamRule(
        name="DEAR_FRIEND",
        pattern=r"^\s*Dear Friend\b",
        description="Dear Friend? That's not very dear!",
        examples=("Dear friend, our spring collection has arrived.",),
        source="20_phrases.cf",
        score=2.604,
    ),
    SpamRule(
        name="DEAR_SOMETHING",
        pattern=(
            r"\bDear (?:IT\W|Internet|candidate|sirs?|madam|investor|travell?er|car shopper"
            r"|web)\b"
        ),
        description="Contains 'Dear (something)'",
        examples=(
            "Dear Traveller, summer fares to Lisbon are now on sale.",
            "Dear investor, here is our quarterly fund update.",
        ),
        source="20_phrases.cf",
        score=1.731,
    ),
    SpamRule(
        name="BILLION_DOLLARS",
        pattern=r"[BM]ILLION DOLLAR",
        description="Talks about lots of money",
        examples=("Learn the MILLION DOLLAR habits of our top sellers in this free webinar.",),
        source="20_phrases.cf",
        score=1.451,
        flags=re.NOFLAG,
    ),
    SpamRule(
        name="EXCUSE_4",
        pattern=r"To Be Removed,? Please",
        description="Claims you can be removed from the list",
        examples=("To be removed, please reply with UNSUBSCRIBE in the subject line.",),
        source="20_phrases.cf",
        score=1.687,
    ),
    SpamRule(
        name="EXCUSE_REMOVE",
        pattern=r"to be removed from.{0,20}(?:mailings|offers)",
        description="Talks about how to be removed from mailings",
        examples=("If you wish to be removed from our mailings, use the link below.",),
        source="20_phrases.cf",
        score=2.992,
    ),
    SpamRule(
        name="URG_BIZ",
        pattern=(
            r"urgent.{0,16}(?:assistance|business|buy|confidential|notice|proposal|reply"
            r"|request|response)"
        ),
        description="Contains urgent matter",
        examples=("Urgent notice: your member discount expires tonight.",),
        source="20_phrases.cf",
        score=0.941,
        body_rule="__URG_BIZ",
    ),
    SpamRule(
        name="MONEY_BACK",
        pattern=r"money back guarantee",
        description="Money back guarantee",
        examples=("Order today with our money back guarantee.",),
        source="20_phrases.cf",
        score=2.486,
    ),
    SpamRule(
        name="FREE_QUOTE_INSTANT",
        pattern=r"free.{0,12}(?:(?:instant|express|online|no.?obligation).{0,4})+.{0,32}\bquote",
        description="Free express or no-obligation quote",
        examples=(
            "Get your free, no-obligation quote in minutes.",
            "Request a free instant online quote for your new windows.",
        ),
        source="20_phrases.cf",
        score=2.699,
    ),
    SpamRule(
        name="BAD_CREDIT",
        pattern=(
            r"\b(?:(?:bad|poor|eliminate|repair|(?:re)?establish|damag).{0,10} (?:credit|debt)"
            r"|no credit (?:check|histor|need))"
        ),
        description="Eliminate Bad Credit",
        examples=(
            "Bad credit? No problem: our financing is open to everyone.",
            "Spread the cost over 12 months with no credit check.",
        ),
        source="20_phrases.cf",
        score=0.1,
    ),
    SpamRule(
        name="NO_MEDICAL",
        pattern=r"\bno medical exam",
        description="No Medical Exams",
        examples=("Life cover from $9 a month, with no medical exam required.",),
        source="20_phrases.cf",
        score=1.254,
    ),
    SpamRule(
        name="FIN_FREE",
        pattern=r"\bfinancial(?:ly)? (?:free|independen)",
        description="Freedom of a financial nature",
        examples=("Our course is your first step to becoming financially independent.",),
        source="20_phrases.cf",
        score=0.1,
    ),
    SpamRule(
        name="ONE_TIME",
        pattern=r"\bone\W+time (?:charge|investment|offer|promotion)",
        description="One Time Rip Off",
        examples=("This is a one-time offer for our newsletter readers only.",),
        source="20_phrases.cf",
        score=1.175,
    ),
    SpamRule(
        name="JOIN_MILLIONS",
        pattern=r"\bjoin (?:millions|thousands)\b",
        description="Join Millions of Americans",
        examples=("Join thousands of happy customers who switched this year.",),
        source="20_phrases.cf",
        score=0.1,
    ),
    SpamRule(
        name="MARKETING_PARTNERS",
        pattern=r"\b(?:marketing|network) partner|\bpartner (?:web)?site",
        description="Claims you registered with a partner",
        examples=(
            "You receive this email because you opted in with one of our marketing partners.",
            "Visit our partner site for more weekend deals.",
        ),
        source="20_phrases.cf",
        score=0.235,
    ),
    SpamRule(
        name="LOW_PRICE",
        # Only with a capital P ("Lowest Price"): (?-i:P) switches /i off for that letter.
        pattern=r"\blow.{0,4} (?-i:P)rice",
        description="Lowest Price",
        examples=("Lowest Price of the season on all garden furniture.", "Everyday Low Prices."),
        source="20_phrases.cf",
        score=0.1,
    ),
    SpamRule(
        name="UNCLAIMED_MONEY",
        pattern=(
            r"\bunclaimed\s(?:assets?|accounts?|mon(?:ey|ies)|balance|funds?|prizes?|rewards?"
            r"|payments?|deposits?)\b"
        ),
        description="People just leave money laying around",
        examples=("You have an unclaimed reward waiting in your loyalty account.",),
        source="20_phrases.cf",
        score=2.699,
    ),
    SpamRule(
        name="ACT_NOW_CAPS",
        pattern=r"\bA(?i:ct) N(?i:ow)\b",
        description="Talks about 'acting now' with capitals",
        examples=("Act Now to save 20% on your first box.", "ACT NOW: doors close at midnight."),
        source="20_phrases.cf",
        score=0.1,
        flags=re.NOFLAG,
    ),
    SpamRule(
        name="BANG_GUAR",
        pattern=r"\bguaranteed?\!",
        description="Something is emphatically guaranteed",
        examples=("Best prices in town, guaranteed!",),
        source="20_phrases.cf",
        score=1.0,
    ),
    SpamRule(
        name="INVESTMENT_ADVICE",
        pattern=r"\binvestment advice",
        description="Message mentions investment advice",
        examples=("Get expert investment advice from our team every Monday.",),
        source="20_phrases.cf",
        score=0.1,
    ),
    SpamRule(
        name="PRICES_ARE_AFFORDABLE",
        pattern=r"\baffordable .{0,10}prices\b",
        description="Message says that prices aren't too expensive",
        examples=("Premium quality furniture at affordable prices.",),
        source="20_phrases.cf",
        score=0.851,
    ),
    SpamRule(
        name="REMOVE_BEFORE_LINK",
        pattern=r"(?:no thanks|not interested|unsubscribe here).{0,5}http://",
        description="Removal phrase right before a link",
        examples=("Not interested? Unsubscribe here: http://news.example.com/u/123",),
        source="20_phrases.cf",
        score=0.1,
    ),
    # -- 20_drugs.cf ------------------------------------------------------------------------
    SpamRule(
        name="ONLINE_PHARMACY",
        pattern=r"\bonline pharmacy|\b(?:drugs|medications) online",
        description="Online Pharmacy",
        examples=("Refill your repeat prescriptions at our online pharmacy.",),
        source="20_drugs.cf",
        score=2.371,
    ),
    SpamRule(
        name="NO_PRESCRIPTION",
        pattern=(
            r"N[o0].{1,10}P(?:er|re)scr[i1]pt[i1][o0]n.{1,10}"
            r"(?:n[e3][e3]d[e3]d|requ[1i]re|n[e3]c[e3]ssary)"
        ),
        description="No prescription needed",
        examples=("No prescription needed for our new hay fever range.",),
        source="20_drugs.cf",
        score=1.102,
    ),
    # -- 72_active.cf -----------------------------------------------------------------------
    SpamRule(
        name="DEAR_WINNER",
        pattern=r"\bdear.{1,20}winner",
        description='Spam with generic salutation of "dear winner"',
        examples=("Dear lucky winner, your prize from our summer draw is ready.",),
        source="72_active.cf",
        score=3.099,
    ),
    SpamRule(
        name="NOT_SPAM",
        pattern=(
            r"\b(?:(?:this (?:e?-?mail|message)|we) (?:is not|are not|cannot be considered) Spam"
            r"|ESTE CORREO NO PUEDE SER CONSIDERADO (?:INTRUSIVO|spam)"
            r"|Diese Nachricht ist KEIN SPAM)"
        ),
        description="I'm not spam! Really! I'm not, I'm not, I'm not!",
        examples=("This email is not spam: you signed up on our website.",),
        source="72_active.cf",
        score=None,
    ),
    SpamRule(
        name="EXCUSE_24",
        pattern=(
            r"you(?:'ve|'re| have| are)? receiv(?:e|ed|ing) this "
            r"(?:advertisement|offer|special|recurring|paid).{0,16}\b(?:by either|because)"
        ),
        description="Claims you wanted this ad",
        examples=("You are receiving this offer because you subscribed to our newsletter.",),
        source="72_active.cf",
        score=None,
    ),
    SpamRule(
        name="TVD_APPROVED",
        pattern=r"you.{1,2}re .{0,20}approved",
        description="Body states that the recipient has been approved",
        examples=("Good news: you're pre-approved for our store card.",),
        source="72_active.cf",
        score=None,
    ),
    SpamRule(
        name="AD_PREFS",
        pattern=(
            r"(?:\b|_)(?:ad(?:vert[i1l]s[i1l]ng)?|promo(?:tion)?|marketing)[- _]"
            r"(?:pref(?:s|erences)|settings)(?:\b|_)"
        ),
        description="Advertising preferences",
        examples=("Update your marketing preferences at any time.",),
        source="72_active.cf",
        score=0.25,
    ),
    SpamRule(
        name="TVD_PH_SEC",
        pattern=r"\byour .{0,40}account .{0,40}security",
        description="Message includes a phrase commonly used in phishing mails",
        examples=("To keep your points safe, review your account security settings.",),
        source="72_active.cf",
        score=0.1,
    ),
)

_COMPILED = tuple((rule, re.compile(rule.pattern, rule.flags)) for rule in SPAM_RULES)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text`` as SpamAssassin's body rules see them: split at blank lines,
    the lines of each joined with single spaces."""
    joined = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return [paragraph for paragraph in joined if paragraph]


def matching_rules(texts: Iterable[str]) -> list[SpamRule]:
    """The rules that match any paragraph of ``texts``, each once, in table order."""
    found = [paragraph for text in texts for paragraph in paragraphs(text)]
    return [rule for rule, regex in _COMPILED if any(regex.search(p) for p in found)]
