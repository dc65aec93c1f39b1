"""A document is handed over only through the view that checks access, as an attachment no
browser runs: the headers, the name in RFC 6266 form, and the file read back whole."""

from __future__ import annotations

from email.message import EmailMessage
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from convene.core.access import Access
from convene.core.models import User
from convene.knowledge.downloads import content_disposition
from convene.knowledge.services.documents import document_upload
from convene.sections.services import section_create
from tests.knowledge import samples

pytestmark = pytest.mark.django_db


def _extended_filename(header: str) -> str:
    """The ``filename*`` parameter decoded by the standard library's RFC 2231 reader (RFC 8187
    is its profile for HTTP); the browser journey checks the name Chromium gives the file."""
    star = header.split("; ", 2)[2]
    message = EmailMessage()
    message["Content-Disposition"] = f"attachment; {star}"
    return str(message.get_filename())


@pytest.mark.parametrize(
    ("name", "fallback"),
    [
        ("minutes.pdf", 'attachment; filename="minutes.pdf"'),
        ("Compte rendu Liège.pdf", 'attachment; filename="Compte rendu Liege.pdf"'),
        ('a"b;c\r\n.txt', 'attachment; filename="a_b_c__.txt"'),
        ("Протокол.docx", 'attachment; filename="Protokol.docx"'),
    ],
)
def test_content_disposition_has_an_ascii_name_and_the_real_one(name: str, fallback: str) -> None:
    header = content_disposition(name)
    assert header.startswith(fallback)
    assert header.isascii() and "\r" not in header and "\n" not in header
    if name != fallback.split('"')[1]:
        star = header.split("filename*=UTF-8''", 1)[1]
        assert unquote(star) == name
        assert _extended_filename(header) == name


def test_the_download_headers(client: Client, staff: User) -> None:
    section = section_create(actor=None, name="Open", slug="open", access=Access.PUBLIC)
    document = document_upload(
        actor=staff,
        file=SimpleUploadedFile("x", samples.csv()),
        filename="Pratiques à Liège.csv",
        section=section,
    )
    answer = client.get(f"/network/documents/{document.pk}/")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == samples.csv()  # type: ignore[attr-defined]
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert answer["Content-Disposition"] == (
        'attachment; filename="Pratiques a Liege.csv"; '
        "filename*=UTF-8''Pratiques%20%C3%A0%20Li%C3%A8ge.csv"
    )
    assert answer["Cache-Control"] == "private, no-store"


def test_an_unknown_document_is_404(client: Client) -> None:
    assert client.get("/network/documents/999999/").status_code == 404
