"""An upload's type is read from its content: the name must agree with it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from convene.knowledge.uploads import check_upload, detect_kind
from tests.knowledge import samples

MAX = 1_000_000


def check(data: bytes, filename: str, max_bytes: int = MAX) -> str:
    return check_upload(
        io.BytesIO(data), filename=filename, size=len(data), max_bytes=max_bytes
    ).content_type


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [
        (samples.pdf(), "minutes.pdf", "application/pdf"),
        (samples.png(), "map.PNG", "image/png"),
        (samples.jpeg(), "photo.jpg", "image/jpeg"),
        (samples.jpeg(), "photo.jpeg", "image/jpeg"),
        (
            samples.docx(),
            "report.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            samples.xlsx(),
            "figures.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            samples.pptx(),
            "slides.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (samples.odt(), "notes.odt", "application/vnd.oasis.opendocument.text"),
        (samples.csv(), "practices.csv", "text/plain"),
        ("Compte rendu — Liège\n".encode(), "notes.txt", "text/plain"),
    ],
)
def test_accepted_kinds(data: bytes, filename: str, content_type: str) -> None:
    assert check(data, filename) == content_type


def test_a_pdf_name_with_html_content_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check(samples.html(), "minutes.pdf")
    assert "not accepted" in caught.value.message_dict["file"][0]


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (samples.pdf(), "minutes.docx", "content is a PDF"),
        (samples.docx(), "report.pdf", "content is a Word document"),
        (samples.png(), "map.jpg", "content is a PNG image"),
        (samples.csv(), "practices.xlsx", "content is a plain text or CSV"),
        (samples.pdf(), "minutes", "“(nothing)”"),
    ],
)
def test_a_name_that_disagrees_with_the_content_is_refused(
    data: bytes, filename: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        check(data, filename)
    assert message in caught.value.message_dict["file"][0]


@pytest.mark.parametrize(
    "data",
    [
        samples.html(),
        samples.svg(),
        samples.plain_zip(),
        samples.docx(macros=True),
        b"\x00\x01\x02binary",
        b"\xff\xfe\xfa not utf-8",
        b"PK\x03\x04 a broken zip",
        b"GIF89a\x01\x00\x01\x00",
    ],
)
def test_other_kinds_are_refused(data: bytes) -> None:
    assert detect_kind(io.BytesIO(data)) is None
    with pytest.raises(ValidationError):
        check(data, "file.txt")


def test_size_limits() -> None:
    with pytest.raises(ValidationError, match="empty"):
        check(b"", "empty.txt")
    with pytest.raises(ValidationError, match="larger than 0.0001 MB"):
        check(b"x" * 101, "big.txt", max_bytes=100)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_a_kind_or_none(data: bytes) -> None:
    kind = detect_kind(io.BytesIO(data))
    assert kind is None or kind.code in {
        "pdf",
        "png",
        "jpeg",
        "text",
        "docx",
        "xlsx",
        "pptx",
        "odt",
    }
