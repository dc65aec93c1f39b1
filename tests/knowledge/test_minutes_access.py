"""Tricky cases of access to minutes and documents, each in its own test, and the query counts
of the lists."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.core.access import Access
from convene.knowledge.models import Document, Minutes
from convene.knowledge.services.documents import document_upload
from convene.knowledge.services.minutes import minutes_publish, minutes_save
from convene.programme.models import Series, Session
from convene.sections.models import Section
from tests import factories as f
from tests.knowledge import samples
from tests.network import Network

pytestmark = pytest.mark.django_db


def _session_in(section: Section | None, **kw: object) -> Session:
    series = f.series()
    Series.objects.filter(pk=series.pk).update(section=section)
    return f.session(Series.objects.get(pk=series.pk), **kw)


def _published(section: Section | None, **kw: object) -> Minutes:
    minutes = minutes_save(actor=None, session=_session_in(section, **kw), body={"en": "# Secret"})
    return minutes_publish(actor=None, minutes=minutes)


def _section_document(section: Section, data: bytes = b"", name: str = "plan.pdf") -> Document:
    return document_upload(
        actor=None,
        file=SimpleUploadedFile(name, data or samples.pdf()),
        filename=name,
        section=section,
    )


@pytest.mark.parametrize("role", ["anonymous", "outsider", "unverified", "former"])
def test_a_document_in_a_members_section_reached_by_a_guessed_url(
    network: Network, role: str
) -> None:
    document = _section_document(network.sections["members"])
    client = network.client(role)
    page = client.get(f"/network/documents/{document.pk}/")
    assert samples.pdf() not in page.content and "plan.pdf" not in page.content.decode()
    if role == "anonymous":  # sent to sign in, coming back to the same address afterwards
        assert page.status_code == 302
        assert page["Location"] == f"/sign-in/?next=/network/documents/{document.pk}/"
    else:
        assert page.status_code == 403
        assert page["Content-Type"].startswith("text/html")
        assert "For members only" in page.content.decode()
    assert client.get(f"/api/documents/{document.pk}").status_code == 404
    # The next ids are refused the same way as ids that exist nowhere.
    assert client.get(f"/api/documents/{document.pk + 1}").status_code == 404
    assert client.get(f"/network/documents/{document.pk + 1}/").status_code == 404


def test_the_same_guessed_url_serves_a_member_and_the_extra_list(network: Network) -> None:
    document = _section_document(network.sections["inheriting"])
    for role in ("member", "extra", "staff"):
        answer = network.client(role).get(f"/network/documents/{document.pk}/")
        assert answer.status_code == 200, role
        assert b"".join(answer.streaming_content) == samples.pdf()  # type: ignore[attr-defined]


def test_a_staff_only_document_is_404_even_to_members(network: Network) -> None:
    document = _section_document(network.sections["staff"])
    assert network.client("member").get(f"/network/documents/{document.pk}/").status_code == 404
    strict = document_upload(
        actor=None,
        file=SimpleUploadedFile("a.pdf", samples.pdf()),
        filename="a.pdf",
        section=network.sections["public"],
        access=Access.STAFF,
    )
    assert network.client("member").get(f"/network/documents/{strict.pk}/").status_code == 404
    assert network.client("anonymous").get(f"/api/documents/{strict.pk}").status_code == 404


def test_minutes_of_an_inheriting_section_under_a_members_section(network: Network) -> None:
    minutes = _published(network.sections["inheriting"])
    url = f"/network/sessions/{minutes.session.slug}/minutes/"
    assert network.client("member").get(url).status_code == 200
    refused = network.client("outsider").get(url)
    assert refused.status_code == 403
    assert "For members only" in refused.content.decode()
    assert "# Secret" not in refused.content.decode() and "Secret" not in refused.content.decode()


def test_minutes_outside_any_section_are_public_and_of_a_draft_session_hidden(
    network: Network,
) -> None:
    open_minutes = _published(None)
    assert (
        network.client("anonymous")
        .get(f"/network/sessions/{open_minutes.session.slug}/minutes/")
        .status_code
        == 200
    )
    hidden = _published(network.sections["public"], status="draft")
    url = f"/network/sessions/{hidden.session.slug}/minutes/"
    assert network.client("member").get(url).status_code == 404
    assert network.client("staff").get(url).status_code == 200


def test_the_api_gives_markdown_and_sanitised_html_in_the_asked_language(network: Network) -> None:
    session = _session_in(network.sections["public"], languages=["en", "fr"])
    minutes = minutes_save(
        actor=None,
        session=session,
        body={"en": "# Decisions\n<script>x</script>", "fr": "# Décisions"},
    )
    minutes_publish(actor=None, minutes=minutes)
    client = network.client("anonymous")
    english = client.get(f"/api/sessions/{session.slug}/minutes").json()
    assert english["language"] == "en" and english["languages"] == ["en", "fr"]
    assert english["markdown"] == "# Decisions\n<script>x</script>"
    assert english["html"] == "<h2>Decisions</h2>\n<p>&lt;script&gt;x&lt;/script&gt;</p>\n"
    french = client.get(f"/api/sessions/{session.slug}/minutes?lang=fr").json()
    assert french["html"] == "<h2>Décisions</h2>\n"
    by_header = client.get(f"/api/sessions/{session.slug}/minutes", HTTP_ACCEPT_LANGUAGE="fr")
    assert by_header.json()["language"] == "fr"
    assert client.get("/api/sessions/nothing-here/minutes").json() == {"detail": "Not found."}


def test_the_minutes_page_shows_the_viewers_language_and_links_the_others(network: Network) -> None:
    session = _session_in(network.sections["public"], languages=["en", "fr"])
    minutes = minutes_save(actor=None, session=session, body={"en": "Hello", "fr": "Bonjour"})
    minutes_publish(actor=None, minutes=minutes)
    client = network.client("anonymous")
    page = client.get(f"/network/sessions/{session.slug}/minutes/?lang=fr").content.decode()
    assert '<div class="prose minutes" lang="fr"><p>Bonjour</p>' in page
    assert 'href="?lang=en"' in page


def _count(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "url", ["/network/minutes/", "/api/minutes", "/api/sessions/{slug}/documents"]
)
@pytest.mark.parametrize("role", ["member", "extra", "staff"])
def test_list_query_counts_do_not_grow(network: Network, url: str, role: str) -> None:
    """The lists filter in the database: adding visible and hidden rows adds no query."""
    client = network.client(role)
    minutes = _published(network.sections["members"])
    slug = minutes.session.slug
    document_upload(
        actor=None,
        file=SimpleUploadedFile("a.pdf", samples.pdf()),
        filename="a.pdf",
        session=minutes.session,
    )
    few = _count(client, url.format(slug=slug))
    for n in range(4):
        for section in ("members", "inheriting", "public", "staff"):
            more = _published(network.sections[section])
            document_upload(
                actor=None,
                file=SimpleUploadedFile(f"{n}.pdf", samples.pdf()),
                filename=f"{n}.pdf",
                session=minutes.session if section == "members" else more.session,
            )
    assert _count(client, url.format(slug=slug)) == few


def test_section_documents_in_the_api_follow_the_section(network: Network) -> None:
    document = _section_document(network.sections["members"])
    member = network.client("member").get("/api/sections/crisis-management/documents")
    assert [d["id"] for d in member.json()["items"]] == [document.pk]
    assert member.json()["items"][0]["section"] == "crisis-management"
    outsider = network.client("outsider").get("/api/sections/crisis-management/documents")
    assert outsider.status_code == 404
    assert network.client("outsider").get("/api/sections/urban-security/documents").json() == {
        "items": [],
        "count": 0,
    }


def test_a_document_whose_file_is_gone_is_404_not_500(network: Network) -> None:
    from convene.knowledge.models import document_storage

    document = _section_document(network.sections["public"])
    document_storage().delete(document.file.name)
    assert network.client("anonymous").get(f"/network/documents/{document.pk}/").status_code == 404


def test_the_section_page_lists_its_minutes_and_documents_for_those_who_may_see_them(
    network: Network,
) -> None:
    minutes = _published(network.sections["members"])
    document = _section_document(network.sections["members"])
    strict = document_upload(
        actor=None,
        file=SimpleUploadedFile("board.pdf", samples.pdf()),
        filename="board.pdf",
        section=network.sections["members"],
        access=Access.STAFF,
    )
    page = network.client("member").get("/network/crisis-management/").content.decode()
    assert f"/network/sessions/{minutes.session.slug}/minutes/" in page
    assert f"/network/documents/{document.pk}/" in page
    assert f"/network/documents/{strict.pk}/" not in page
    staff = network.client("staff").get("/network/crisis-management/").content.decode()
    assert f"/network/documents/{strict.pk}/" in staff
