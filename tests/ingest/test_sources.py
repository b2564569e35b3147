"""Each source goes to the reader of its kind; the bounce-file reader takes any path last."""

from __future__ import annotations

from bouncekit.ingest.sources import reader_for, readers


def test_the_bounce_file_reader_is_asked_last_and_takes_any_path() -> None:
    assert readers()[-1].name == "bounce files"
    assert reader_for("/var/bounces").name == "bounce files"
    assert reader_for("relative/folder").name == "bounce files"


def test_every_reader_has_a_distinct_name() -> None:
    names = [reader.name for reader in readers()]
    assert len(names) == len(set(names))
