"""Finding rule phrases in a reply: word starts, and the scripts written without spaces."""

from __future__ import annotations

from bouncekit.replies.phrases import PhraseIndex, normalize


def test_a_word_phrase_counts_only_where_a_word_starts() -> None:
    index = PhraseIndex(["spam", "user unknown"])
    assert index.find(normalize("550 Rejected by antispam")) == set()
    assert index.find(normalize("550 5.7.1 Spam detected")) == {"spam"}
    assert index.find(normalize("550 5.1.1 User Unknown")) == {"user unknown"}


def test_chinese_and_japanese_phrases_count_inside_a_sentence() -> None:
    # No spaces separate words in these scripts: "the user does not exist" follows the
    # notice's own words directly.
    index = PhraseIndex(["该用户不存在", "宛先不明"])
    assert index.find(normalize("退信原因:该用户不存在")) == {"该用户不存在"}
    assert index.find(normalize("メールは宛先不明のため配信できませんでした")) == {"宛先不明"}
