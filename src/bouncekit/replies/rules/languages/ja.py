"""Japanese wording: the failure notices of Japanese carriers and ISPs.

Sources: Sisimai's sample bounces (BSD-2-Clause) from au one net (KDDI),
EZweb (au), NTT docomo's mopera and Vodafone (now SoftBank) Japan:
shared/corpus/sisimai/kddi/lhost-kddi-01.eml, shared/corpus/sisimai/ezweb/lhost-ezweb-02.eml and
lhost-ezweb-05.eml, shared/corpus/sisimai-extra/maildir/err/make-test-11.eml and make-test-31.eml.
Domino's Japanese "not found in the Domino Directory" lives in mta/domino.py.

Japanese has no spaces, and a literal that starts with a letter counts only where a word starts:
kana and kanji are letters to that test, so each phrase begins where the sentence does (after a
space, a line break or punctuation), never inside a run of Japanese text.
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="ja.address-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("送信先メールアドレスが見つかりませんでした", "宛先がみつかりませんでした"),
        examples=(
            # shared/corpus/sisimai/ezweb/lhost-ezweb-02.eml (EZweb)
            "送信先メールアドレスが見つかりませんでした。",
            # shared/corpus/sisimai-extra/maildir/err/make-test-31.eml (NTT docomo, mopera)
            "宛先がみつかりませんでした。",
        ),
        summary="The carrier says this address does not exist.",
        priority=USER,
    ),
    Rule(
        id="ja.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=("送信先のメールボックスが一杯", "送信先のサーバーメールボックスが一杯"),
        examples=(
            # shared/corpus/sisimai/kddi/lhost-kddi-01.eml (au one net)
            "送信先のメールボックスが一杯のため、送信できませんでした。",
            # shared/corpus/sisimai-extra/maildir/err/make-test-11.eml (Vodafone Japan)
            "送信先のサーバーメールボックスが一杯で お届けできませんでした。",
        ),
        summary="The recipient's mailbox is full.",
        priority=MAILBOX,
    ),
    Rule(
        id="ja.retries-failed",
        reason=Reason.EXPIRED,
        phrases=("再送信を試みましたが送信先メールサーバの事由により送信できませんでした",),
        examples=(
            # shared/corpus/sisimai/ezweb/lhost-ezweb-05.eml (EZweb)
            "再送信を試みましたが送信先メールサーバの事由により送信できませんでした。",
        ),
        summary="The carrier kept retrying but the receiving server never took the message.",
        priority=MAILBOX - 2,
    ),
)
