"""Reading uploaded tables: any bytes give a table or our own one-line error, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convene.core.tables import TableError, country_code_of, header_key, parse_day, read_table


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_are_a_table_or_a_table_error(data: bytes) -> None:
    try:
        table = read_table(data)
    except TableError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(len(cells) == len(table.headers) for _line, cells in table.rows)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=500))
def test_arbitrary_bytes_in_a_zip_are_a_table_error(tail: bytes) -> None:
    with pytest.raises(TableError):
        read_table(b"PK\x03\x04" + tail)


def test_lines_are_the_lines_people_see():
    table = read_table(b'Name;Email\n\nAnna;a@x.example\n"B\nC";b@x.example\nD;d@x.example\n')
    assert [line for line, _cells in table.rows] == [3, 4, 6]


def test_headers_dates_and_countries():
    assert header_key("Member from") == header_key("member_from") == header_key("MEMBER-FROM")
    assert parse_day("31/03/2021") == dt.date(2021, 3, 31)
    assert parse_day("2021", end_of_year=True) == dt.date(2021, 12, 31)
    assert country_code_of("Belgique") == country_code_of("belgium") == "BE"
    assert country_code_of("Deutschland") == "DE"
    assert country_code_of("Atlantis") == ""
    with pytest.raises(ValueError):
        parse_day("31/31/2021")
