"""Revisions compared line by line."""

from __future__ import annotations

from convene.knowledge.diff import diff_lines, diff_revisions


def test_a_changed_line_is_removed_then_added_with_its_numbers() -> None:
    lines = diff_lines("Title\nOld decision\nEnd", "Title\nNew decision\nEnd\nAdded")
    assert [(line.kind, line.text, line.old_number, line.new_number) for line in lines] == [
        ("same", "Title", 1, 1),
        ("removed", "Old decision", 2, None),
        ("added", "New decision", None, 2),
        ("same", "End", 3, 3),
        ("added", "Added", None, 4),
    ]


def test_each_language_is_compared_on_its_own_english_first() -> None:
    diffs = diff_revisions({"fr": "Bonjour", "en": "Hello"}, {"en": "Hello", "de": "Hallo"})
    assert [d.language for d in diffs] == ["en", "de", "fr"]
    english, german, french = diffs
    assert not english.changed
    assert german.counts == (1, 0)
    assert french.counts == (0, 1)


def test_identical_revisions_have_no_change() -> None:
    assert not any(d.changed for d in diff_revisions({"en": "a\nb"}, {"en": "a\nb"}))
