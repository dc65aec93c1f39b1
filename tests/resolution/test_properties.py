"""Property tests: arbitrary text and bytes never raise anything but our own error."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convene.resolution.cli import main
from convene.resolution.csvio import read_directory, read_input
from convene.resolution.engine import Resolver
from convene.resolution.gazetteer import Gazetteer
from convene.resolution.normalise import fold, segments, umlaut_fold
from convene.resolution.translit import romanise
from convene.resolution.types import STATUSES, Organisation, Registrant, ResolutionError

_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(text=st.text(), email=st.text(), country=st.text(max_size=40))
def test_any_text_resolves(eval_resolver: Resolver, text: str, email: str, country: str) -> None:
    result = eval_resolver.resolve(Registrant("r", text, email, country))
    assert result.status in STATUSES
    assert (result.org_id is not None) == (result.status == "matched")
    assert 0.0 <= result.confidence <= 1.0 and result.explanation


@_SETTINGS
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_fold_is_idempotent_ascii(text: str) -> None:
    once = fold(text)
    assert once.isascii() and fold(once) == once
    assert all(seg.isascii() for seg in segments(text))


@_SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_as_files_raise_only_our_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    for reader in (read_directory, read_input):
        try:
            reader(path)
        except ResolutionError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)


@_SETTINGS
@given(
    header=st.sampled_from(
        [
            b"row_id,organisation,email,country\n",
            b"row_id,organisation,email,country,x\n",
            b"",
        ]
    ),
    body=st.binary(max_size=300),
)
def test_the_command_exits_0_or_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: bytes, body: bytes
) -> None:
    directory = tmp_path / "d.csv"
    directory.write_text(
        "id,name,kind,country,member,aliases,domains\n"
        "essen,Stadt Essen,local_authority,DE,yes,,essen.de\n",
        encoding="utf-8",
    )
    rows = tmp_path / "i.csv"
    rows.write_bytes(header + body)
    code = main(["--directory", str(directory), str(rows), "--output", str(tmp_path / "o.csv")])
    err = capsys.readouterr().err
    assert code in (0, 2)
    if code == 2:
        assert err.count("\n") == 1 and "Traceback" not in err
    else:
        assert err == ""


_names = st.text(min_size=0, max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    orgs=st.lists(
        st.tuples(_names, st.lists(_names, max_size=3), st.lists(_names, max_size=2)),
        min_size=0,
        max_size=8,
    ),
    probe=st.text(max_size=60),
)
def test_any_directory_builds_and_never_matches_an_unknown_id(
    gazetteer: Gazetteer, orgs: list[tuple[str, list[str], list[str]]], probe: str
) -> None:
    directory = [
        Organisation(f"o{i}", name or "x", "ngo", "FR", False, tuple(aliases), tuple(domains))
        for i, (name, aliases, domains) in enumerate(orgs)
    ]
    resolver = Resolver(directory, gazetteer)
    ids = {o.id for o in directory}
    for org in directory:
        result = resolver.resolve(Registrant("r", org.name))
        assert result.status in STATUSES
        assert result.org_id is None or result.org_id in ids
    assert resolver.resolve(Registrant("r", probe)).status in STATUSES


_SCRIPTS = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0370, max_codepoint=0x04FF),
        st.characters(min_codepoint=0x1F00, max_codepoint=0x1FFF),
        st.sampled_from(" -'’.ÄÖÜäöüßé"),
        st.characters(codec="ascii"),
    ),
    max_size=80,
)


@_SETTINGS
@given(text=st.one_of(_SCRIPTS, st.text(max_size=80)))
def test_romanise_and_fold_are_idempotent_on_greek_and_cyrillic(text: str) -> None:
    once = romanise(text)
    assert not any("\u0370" <= ch <= "\u04ff" for ch in once)
    assert romanise(once) == once
    folded = fold(text)
    assert folded.isascii() and fold(folded) == folded
    # Folding a romanised text gives what folding the text gives: one rule, not two.
    assert fold(once) == folded


@_SETTINGS
@given(text=st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_umlaut_fold_is_idempotent(text: str) -> None:
    once = umlaut_fold(fold(text))
    assert umlaut_fold(once) == once


@_SETTINGS
@given(text=_SCRIPTS, email=st.text(max_size=40), country=st.sampled_from(["", "GR", "BG"]))
def test_any_greek_or_cyrillic_text_resolves_with_a_name_or_review(
    eval_resolver: Resolver, text: str, email: str, country: str
) -> None:
    result = eval_resolver.resolve(Registrant("r", text, email, country))
    assert result.status in STATUSES
    if result.status == "new" and result.name is not None:
        assert result.name.strip() and len(result.name) <= len(text) + 40
