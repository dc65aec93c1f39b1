"""Journey: staff write, publish and compare minutes and attach a document; a member reads the
minutes and downloads the document, while a non-member is turned away from the same addresses.
In English and in French, with axe on every page at 390 and 1280 px.

The member and the non-member sign in by magic link, as in ``test_member_sign_in_journey.py``
(from the address they were turned away from, and back to it); staff through a session cookie
made by Django's test client (their password sign-in is tested in its own journey).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from convene.core.mail import outbox_list
from convene.knowledge.models import Document, Minutes, MinutesState
from convene.programme.models import Series
from tests import factories as f
from tests.e2e.conftest import PageVisit
from tests.knowledge import samples
from tests.network import build_network

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = {
    "en": {
        "minutes_nav": "Minutes",
        "save": "Save",
        "publish": "Save and publish",
        "published": "Minutes saved and published.",
        "upload": "Upload the document",
        "added": "Document added.",
        "changes": "Changes since revision 1",
        "members_only": "For members only",
        "send": "Send me a sign-in link",
        "sign_in": "Sign in",
        "read": "Read the minutes",
        "title": "Minutes of Shelters for victims of domestic violence",
        "session": "Shelters for victims of domestic violence",
    },
    "fr": {
        "minutes_nav": "Comptes rendus",
        "save": "Enregistrer",
        "publish": "Enregistrer et publier",
        "published": "Compte rendu enregistré et publié.",
        "upload": "Déposer le document",
        "added": "Document ajouté.",
        "changes": "Modifications depuis la version 1",
        "members_only": "Réservé aux membres",
        "send": "M’envoyer un lien de connexion",
        "sign_in": "Se connecter",
        "read": "Lire le compte rendu",
        "title": "Compte rendu de Hébergement des victimes de violences conjugales",
        "session": "Hébergement des victimes de violences conjugales",
    },
}

MINUTES_EN = """# Decisions

Bordeaux and Liège will share their **shelter** plans.

| City | Practice |
|---|---|
| Barcelona | Emergency housing |
| Essen | Shelter network |

<script>alert("not run")</script>
"""


def _signed_in(browser: Any, live_server: Any, user: Any, language: str, checker: Any) -> PageVisit:
    """A new browser signed in as ``user`` (None: nobody), speaking ``language``."""
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    return PageVisit(page, live_server.url, checker)


def _sign_in_by_link(visit: PageVisit, path: str, email: str, text: dict[str, str]) -> None:
    """Turned away from ``path`` to the sign-in page: ask for a link, open it from the outbox,
    press the button, and land back on ``path``."""
    page = visit.page
    visit.goto(path)
    assert "/sign-in/" in page.url
    before = {m.name for m in outbox_list()}
    page.locator("#sign-in-email").fill(email)
    page.get_by_role("button", name=text["send"]).click()
    page.wait_for_load_state()
    mails = [m for m in outbox_list() if m.name not in before]
    assert len(mails) == 1 and mails[0].to == email
    link = LINK.search(mails[0].text)
    assert link, mails[0].text
    page.goto(link.group(0))
    page.wait_for_load_state()
    page.locator("main").get_by_role("button", name=text["sign_in"]).click()
    page.wait_for_load_state()
    assert page.url.endswith(path)


LINK = re.compile(r"https?://\S+/sign-in/[A-Za-z0-9_-]{20,}/\S*")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_minutes_for_members_and_not_for_others(
    browser: Any, live_server: Any, html_checker: Any, tmp_path: Path, language: str
) -> None:
    text = TEXT[language]
    cache.clear()  # the sign-in rate limits
    settings.SITE_URL = live_server.url  # links in mails point at the live server
    network = build_network()
    series = f.series()
    Series.objects.filter(pk=series.pk).update(section=network.sections["members"])
    session = f.session(
        Series.objects.get(pk=series.pk),
        days=-3,
        title={
            "en": "Shelters for victims of domestic violence",
            "fr": "Hébergement des victimes de violences conjugales",
        },
    )
    pages: list[PageVisit] = []
    try:
        # Staff write the minutes, then publish them with a second revision, and attach a file.
        staff = _signed_in(browser, live_server, network.users["staff"], language, html_checker)
        pages.append(staff)
        page = staff.page
        staff.goto("/staff/minutes/")
        page.get_by_role("link", name=text["session"]).click()
        page.wait_for_load_state()
        staff.check_accessibility()
        page.locator("#id_body_en").fill(MINUTES_EN)
        page.get_by_role("button", name=text["save"], exact=True).click()
        page.wait_for_load_state()
        page.locator("#id_body_fr").fill(
            "# Décisions\n\nBordeaux et Liège partageront leurs plans."
        )
        page.get_by_role("button", name=text["publish"]).click()
        page.wait_for_load_state()
        assert page.get_by_text(text["published"]).is_visible()
        staff.check_accessibility()
        document_file = tmp_path / "Plan d’action Liège.pdf"
        document_file.write_bytes(samples.pdf())
        page.locator("#id_document-file").set_input_files(str(document_file))
        page.get_by_role("button", name=text["upload"]).click()
        page.wait_for_load_state()
        assert page.get_by_text(text["added"]).is_visible()
        # A file whose name says PDF but whose content is a web page is refused, as a form error.
        fake = tmp_path / "minutes.pdf"
        fake.write_bytes(samples.html())
        page.locator("#id_document-file").set_input_files(str(fake))
        page.get_by_role("button", name=text["upload"]).click()
        page.wait_for_load_state()
        assert page.locator("#id_document-file-error").is_visible()
        staff.check_accessibility()
        page.get_by_role("link", name=text["changes"]).click()
        page.wait_for_load_state()
        assert page.locator("ins").first.is_visible()
        staff.check_accessibility()
        minutes = Minutes.objects.get(session=session)
        assert minutes.state == MinutesState.PUBLISHED
        document = Document.objects.get()
        minutes_url = f"/network/sessions/{session.slug}/minutes/"
        document_url = f"/network/documents/{document.pk}/"

        # A member, turned away to sign in, signs in by link and comes back to the minutes;
        # the script typed into the Markdown is shown as text, never run. The public session
        # page links the minutes, and the member downloads the document.
        member = _signed_in(browser, live_server, None, language, html_checker)
        pages.append(member)
        page = member.page
        _sign_in_by_link(member, minutes_url, "member@liege.example", text)
        member.check_accessibility()
        assert page.get_by_role("heading", level=1, name=text["title"]).is_visible()
        if language == "en":
            assert page.get_by_role("heading", level=2, name="Decisions").is_visible()
            assert page.get_by_role("cell", name="Shelter network").is_visible()
            assert page.get_by_text('<script>alert("not run")</script>').is_visible()
        else:
            assert page.get_by_role("heading", level=2, name="Décisions").is_visible()
        member.goto(f"/sessions/{session.slug}/")
        page.get_by_role("link", name=text["read"]).click()
        page.wait_for_load_state()
        assert page.url.endswith(minutes_url)
        with page.expect_download() as caught:
            page.get_by_role("link", name="Plan d’action Liège").click()
        download = caught.value
        assert download.suggested_filename == "Plan d’action Liège.pdf"
        assert Path(download.path()).read_bytes() == samples.pdf()
        member.goto("/network/minutes/")
        assert page.get_by_role("link", name=text["session"]).is_visible()

        # A registered non-member signs in the same way and is turned away from both addresses;
        # someone not signed in is sent to sign in.
        outsider = _signed_in(browser, live_server, None, language, html_checker)
        pages.append(outsider)
        _sign_in_by_link(outsider, minutes_url, "outsider@ngo.example", text)
        for path in (minutes_url, document_url):
            response = outsider.goto(path)
            assert response.status == 403
            assert outsider.page.get_by_role(
                "heading", level=1, name=text["members_only"]
            ).is_visible()
            assert "Bordeaux" not in outsider.page.content()
        outsider.goto("/network/minutes/")
        assert outsider.page.get_by_role("link", name=text["session"]).count() == 0
        anonymous = _signed_in(browser, live_server, None, language, html_checker)
        pages.append(anonymous)
        anonymous.goto(document_url)
        assert "/sign-in/" in anonymous.page.url
    finally:
        for visit in pages:
            visit.page.context.close()
    for visit in pages:
        assert visit.foreign_requests == [], visit.foreign_requests
        assert visit.csp_violations == [], visit.csp_violations
