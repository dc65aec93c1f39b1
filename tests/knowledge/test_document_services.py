"""Uploading and deleting documents: the storage API, the type check, nothing left behind."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from convene.core.models import User
from convene.knowledge.models import Document, document_storage
from convene.knowledge.services.documents import document_delete, document_upload
from convene.sections.services import section_create
from tests import factories as f
from tests.knowledge import samples

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_names() -> list[str]:
    _dirs, files = (
        document_storage().listdir("documents")
        if document_storage().exists("documents")
        else ([], [])
    )
    return sorted(files)


def test_a_document_is_stored_under_a_random_name_with_its_real_type(staff: User) -> None:
    session = f.session()
    before = stored_names()
    document = document_upload(
        actor=staff,
        file=upload(samples.pdf(), "Compte rendu Liège.pdf"),
        filename="Compte rendu Liège.pdf",
        session=session,
    )
    assert document.content_type == "application/pdf"
    assert document.filename == "Compte rendu Liège.pdf"
    assert document.title == "Compte rendu Liège"
    assert document.size == len(samples.pdf())
    assert "Li" not in document.file.name and document.file.name.startswith("documents/")
    with document_storage().open(document.file.name) as handle:
        assert handle.read() == samples.pdf()
    assert len(stored_names()) == len(before) + 1


def test_a_refused_upload_stores_nothing(staff: User) -> None:
    section = section_create(actor=None, name="Crisis management", slug="crisis")
    before = stored_names()
    with pytest.raises(ValidationError) as caught:
        document_upload(
            actor=staff,
            file=upload(samples.html(), "minutes.pdf"),
            filename="minutes.pdf",
            section=section,
        )
    assert "file" in caught.value.message_dict
    assert stored_names() == before
    assert not Document.objects.exists()


def test_size_limit_comes_from_the_setting(staff: User, settings) -> None:
    settings.DOCUMENT_MAX_MB = 1
    section = section_create(actor=None, name="Crisis management", slug="crisis")
    big = samples.csv() * 40_000  # about 1.5 MB
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        document_upload(
            actor=staff, file=upload(big, "big.csv"), filename="big.csv", section=section
        )


def test_a_document_belongs_to_a_session_or_a_section_not_both(staff: User) -> None:
    section = section_create(actor=None, name="Crisis management", slug="crisis")
    for place in ({}, {"session": f.session(), "section": section}):
        with pytest.raises(ValidationError, match="session or to a section"):
            document_upload(
                actor=staff,
                file=ContentFile(samples.pdf(), name="a.pdf"),
                filename="a.pdf",
                **place,
            )


def test_a_path_in_the_name_is_dropped(staff: User) -> None:
    section = section_create(actor=None, name="Crisis management", slug="crisis")
    document = document_upload(
        actor=staff,
        file=upload(samples.csv(), "x.csv"),
        filename="..\\..\\etc/passwd.csv",
        section=section,
    )
    assert document.filename == "passwd.csv"


def test_deleting_removes_the_file_after_the_commit(
    staff: User, django_capture_on_commit_callbacks
) -> None:
    section = section_create(actor=None, name="Crisis management", slug="crisis")
    document = document_upload(
        actor=staff, file=upload(samples.png(), "map.png"), filename="map.png", section=section
    )
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        document_delete(actor=staff, document=document)
    assert not Document.objects.exists()
    assert not document_storage().exists(name)
