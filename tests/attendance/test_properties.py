"""Property tests: any bytes, and any mutation of a real export, give records or our error."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convene.attendance.merge import merge_records
from convene.attendance.parsers import AttendanceParseError, ParseResult, parse_bytes

from .builders import TEAMS_LANGUAGES, teams_report
from .conftest import SAMPLE_FILES, SAMPLES

FORMATS = [
    "auto", "zoom", "zoom-webinar", "teams", "teams-events", "webex", "bbb", "meet", "jitsi",
]  # fmt: skip


def _real_files() -> list[bytes]:
    names = sorted({*SAMPLE_FILES, *(path.name for path in SAMPLES.glob("*.csv"))})
    files = [(SAMPLES / name).read_bytes() for name in names]
    files.append(teams_report(TEAMS_LANGUAGES["de"]).encode("utf-16"))
    return files


REAL = _real_files()


def parse_or_our_error(data: bytes, fmt: str = "auto") -> ParseResult | None:
    try:
        result = parse_bytes(data, format=fmt, tz="Europe/Brussels", session_date=date(2020, 5, 5))
    except AttendanceParseError as exc:
        assert str(exc)
        return None
    merged = merge_records(result.records)
    for attendee in merged.attendees:
        assert attendee.minutes >= 0
    for error in result.errors:
        assert error.line >= 1
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048), st.sampled_from(FORMATS))
def test_arbitrary_bytes(data: bytes, fmt: str) -> None:
    parse_or_our_error(data, fmt)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(',;\t"\n\r:/ -.0123456789APMaz@()é')), max_size=600))
def test_arbitrary_csv_like_text(text: str) -> None:
    parse_or_our_error(text.encode("utf-8"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_after_zip_magic(data: bytes) -> None:
    """Anything that opens like a ZIP archive goes to the workbook reader, which must only
    ever raise our error."""
    parse_or_our_error(b"PK\x03\x04" + data)


def _real_workbook() -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (SAMPLES / "zoom_meeting_participants.csv").read_text().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, sources: list[bytes] = REAL) -> bytes:
    data = bytearray(draw(st.sampled_from(sources)))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["flip", "delete", "insert", "truncate", "duplicate"]))
        if not data:
            break
        position = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[position] = draw(st.integers(0, 255))
        elif kind == "delete":
            del data[position : position + draw(st.integers(1, 40))]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=12))
        elif kind == "truncate":
            del data[position:]
        else:
            data[position:position] = data[position : position + draw(st.integers(1, 200))]
    return bytes(data)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_real_files(data: bytes) -> None:
    parse_or_our_error(data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated([_real_workbook()]))
def test_mutated_workbook(data: bytes) -> None:
    parse_or_our_error(data)


@st.composite
def damaged_part(draw: st.DrawFn) -> bytes:
    """A valid ZIP whose parts (the workbook's XML) are mutated, so openpyxl reads them."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(_real_workbook())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = draw(st.sampled_from(sorted(parts)))
    parts[name] = draw(mutated([parts[name]]))
    if draw(st.booleans()):
        del parts[draw(st.sampled_from(sorted(parts)))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return out.getvalue()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_part())
def test_workbook_with_damaged_parts(data: bytes) -> None:
    parse_or_our_error(data)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_every_truncation_point_of_a_sample(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    step = max(1, len(data) // 60)
    for cut in range(0, len(data), step):
        parse_or_our_error(data[:cut])


_JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
_JSON = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
_OCCUPANT = st.fixed_dictionaries(
    {},
    optional={
        "name": _JSON_SCALARS,
        "email": _JSON_SCALARS,
        "id": _JSON,
        "joined_at": st.integers() | st.integers(-(10**400), 10**400) | st.floats(),
        "left_at": st.integers() | st.integers(-(10**400), 10**400) | _JSON_SCALARS,
        "role": _JSON_SCALARS,
    },
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_OCCUPANT | _JSON, max_size=6), _JSON)
def test_jitsi_payloads_of_any_shape(occupants: list[object], extra: object) -> None:
    import json

    payload = {"event_name": "muc-room-destroyed", "all_occupants": occupants, "x": extra}
    parse_or_our_error(json.dumps(payload).encode(), "jitsi")
    parse_or_our_error(json.dumps(payload).encode())
