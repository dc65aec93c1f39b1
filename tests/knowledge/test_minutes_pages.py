"""Staff write, publish and compare minutes, and upload documents, without the admin; readers
see published minutes; the public session page links them."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from convene.core.models import User
from convene.knowledge.models import Document, Minutes, MinutesRevision, MinutesState
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from tests import factories as f
from tests.knowledge import samples

pytestmark = pytest.mark.django_db


def test_staff_write_save_and_publish_minutes(
    staff_client: Client, django_capture_on_commit_callbacks
) -> None:
    session = f.session(languages=["en", "fr"])
    url = f"/staff/minutes/sessions/{session.slug}/"
    page = staff_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'lang="fr"' in body and "Minutes in French (Markdown)" in body
    answer = staff_client.post(
        url, {"body_en": "# Decisions\n\nShelters", "body_fr": "", "access": "inherit"}
    )
    assert answer.status_code == 302
    minutes = Minutes.objects.get(session=session)
    assert minutes.state == MinutesState.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff_client.post(
            url,
            {
                "body_en": "# Decisions\n\nShelters and housing",
                "body_fr": "Abris",
                "access": "inherit",
                "publish": "1",
            },
        )
    assert answer.status_code == 302
    minutes.refresh_from_db()
    assert minutes.state == MinutesState.PUBLISHED
    assert MinutesRevision.objects.filter(minutes=minutes).count() == 2
    page = staff_client.get(url).content.decode()
    assert "Changes since revision 1" in page


def test_a_refused_save_is_a_form_error(staff_client: Client) -> None:
    session = f.session(languages=["en"])
    answer = staff_client.post(
        f"/staff/minutes/sessions/{session.slug}/", {"body_en": "x", "access": "nobody"}
    )
    assert answer.status_code == 400
    assert "error-summary" in answer.content.decode()
    assert not Minutes.objects.exists()


def test_staff_see_the_differences_between_two_revisions(staff_client: Client, staff: User) -> None:
    session = f.session(languages=["en"])
    minutes = minutes_save(actor=staff, session=session, body={"en": "Title\nOld line\nEnd"})
    minutes_save(actor=staff, session=session, body={"en": "Title\nNew <line>\nEnd"})
    page = staff_client.get(f"/staff/minutes/sessions/{session.slug}/revisions/?old=1&new=2")
    assert page.status_code == 200
    body = page.content.decode()
    assert re.search(
        r"<del><span class=\"visually-hidden\">Removed: </span>"
        r"<span lang=\"en\">Old line</span></del>",
        body,
    )
    assert "New &lt;line&gt;</span></ins>" in body  # typed text stays text
    assert "1 lines added, 1 removed." in body
    assert (
        staff_client.get(
            f"/staff/minutes/sessions/{session.slug}/revisions/?old=1&new=9"
        ).status_code
        == 404
    )
    assert (
        staff_client.get(f"/staff/minutes/sessions/{session.slug}/revisions/?old=x").status_code
        == 404
    )
    assert minutes.pk


def test_staff_upload_and_delete_a_session_document(staff_client: Client) -> None:
    session = f.session()
    url = f"/staff/minutes/sessions/{session.slug}/documents/"
    answer = staff_client.post(
        url,
        {
            "document-title": "",
            "document-access": "inherit",
            "document-file": SimpleUploadedFile("Plan d’action.pdf", samples.pdf()),
        },
    )
    assert answer.status_code == 302
    document = Document.objects.get()
    assert (document.title, document.session_id) == ("Plan d’action", session.pk)
    refused = staff_client.post(
        url,
        {
            "document-title": "Fake",
            "document-access": "inherit",
            "document-file": SimpleUploadedFile("fake.pdf", samples.html()),
        },
    )
    assert refused.status_code == 400
    assert "This type of file is not accepted" in refused.content.decode()
    assert Document.objects.count() == 1
    answer = staff_client.post(f"/staff/minutes/documents/{document.pk}/delete/")
    assert answer.status_code == 302
    assert not Document.objects.exists()


def test_staff_pages_are_for_staff_only(client: Client) -> None:
    session = f.session()
    assert client.get("/staff/minutes/").status_code == 302
    assert client.get(f"/staff/minutes/sessions/{session.slug}/").status_code == 302


def test_staff_index_lists_sessions_with_the_state_of_their_minutes(
    staff_client: Client, staff: User
) -> None:
    session = f.session(title="Shelters in Liège")
    minutes_save(actor=staff, session=session, body={"en": "x"})
    body = staff_client.get("/staff/minutes/").content.decode()
    assert "Shelters in Liège" in body and "Draft" in body


def test_the_public_session_page_links_published_minutes_only(client: Client, staff: User) -> None:
    session = f.session()
    minutes = minutes_save(actor=staff, session=session, body={"en": "x"})
    link = f"/network/sessions/{session.slug}/minutes/"
    assert link not in client.get(f"/sessions/{session.slug}/").content.decode()
    minutes_publish(actor=staff, minutes=minutes)
    assert link in client.get(f"/sessions/{session.slug}/").content.decode()
