"""Topic proposals in a real browser, in English and in French, with axe on every page: a member
signs in by magic link from the proposals page and proposes a topic, another member supports it,
staff accept it and turn it into a session of the next series, and the public session page links
back to the proposal; a visitor who is not signed in sees who may take part, not the proposal."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from convene.core.mail import outbox_list
from convene.core.services import staff_create
from convene.knowledge.models import Proposal, ProposalStatus
from tests import factories as f
from tests.e2e.conftest import PageVisit
from tests.knowledge import proposal_helpers as h

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = {
    "en": {
        "propose": "Propose this topic",
        "thanks": "Thank you: your topic is proposed.",
        "support": "^Support",
        "supported": "You support this proposal.",
        "one_support": "1 support",
        "accepted": "Accepted",
        "save_answer": "Save the answer",
        "create_session": "Create the session",
        "proposed_by": "Proposed by members of the network.",
        "read": "Read the topic proposal",
        "title": "Topic proposals",
        "sign_in": "Sign in",
        "send": "Send me a sign-in link",
    },
    "fr": {
        "propose": "Proposer ce thème",
        "thanks": "Merci : votre thème est proposé.",
        "support": "^Soutenir",
        "supported": "Vous soutenez cette proposition.",
        "one_support": "1 soutien",
        "accepted": "Acceptée",
        "save_answer": "Enregistrer la réponse",
        "create_session": "Créer la séance",
        "proposed_by": "Proposé par des membres du réseau.",
        "read": "Lire la proposition de thème",
        "title": "Propositions de thèmes",
        "sign_in": "Se connecter",
        "send": "M’envoyer un lien de connexion",
    },
}


LINK = re.compile(r"https?://\S+/sign-in/[A-Za-z0-9_-]{20,}/\S*")


def _browser(browser: Any, live_server: Any, html_checker: Any, language: str):
    context = browser.new_context(locale="en-GB")
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, PageVisit(page, live_server.url, html_checker)


def _sign_in_by_link(visit: PageVisit, email: str, text: dict[str, str]) -> None:
    """From the proposals page: its sign-in link, a link by mail (read from the outbox), the
    sign-in button, and back to the proposals page."""
    page = visit.page
    response = visit.goto("/network/proposals/")
    assert response.status == 403
    page.locator("main").get_by_role("link", name=text["sign_in"]).click()
    page.wait_for_load_state()
    visit.check_accessibility()
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
    assert page.url.endswith("/network/proposals/")


def _signed_in(browser: Any, live_server: Any, html_checker: Any, user: Any, language: str):
    """A browser of its own for ``user``, already signed in (the session cookie of a sign-in
    made on the server side: the magic link itself is walked through once, above) and speaking
    ``language``."""
    client = Client()
    client.force_login(user)
    context, visit = _browser(browser, live_server, html_checker, language)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    return context, visit


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_proposal_becomes_a_session(browser, live_server, html_checker, settings, language):
    cache.clear()  # sign-in rate limits
    settings.SITE_URL = live_server.url  # links in mails point at the live server
    text = TEXT[language]
    round_obj = h.open_round()
    series = f.series(slug=f"autumn-{language}", title="Autumn webconferences")
    _proposer, proposer_person = h.member()
    supporter, _s = h.member()
    staff, _password = staff_create(actor=None, email="staff@network.example", password="pw-12345")
    visits: list[PageVisit] = []
    contexts = []
    try:
        # A member signs in by magic link from the proposals page, and proposes a topic.
        context, visit = _browser(browser, live_server, html_checker, language)
        contexts.append(context)
        visits.append(visit)
        page = visit.page
        _sign_in_by_link(visit, proposer_person.email, text)
        visit.check_accessibility()
        page.locator("#id_title").fill("Unaccompanied minors in the streets")
        page.locator("#id_rationale").fill("Bordeaux and Molenbeek run outreach teams.")
        page.locator("#id_language").select_option("en")
        page.get_by_role("button", name=text["propose"]).click()
        page.wait_for_load_state()
        assert page.get_by_text(text["thanks"]).is_visible()
        visit.check_accessibility()
        proposal = Proposal.objects.get(round=round_obj)

        # Another member supports it.
        context, visit = _signed_in(browser, live_server, html_checker, supporter, language)
        contexts.append(context)
        visits.append(visit)
        page = visit.page
        visit.goto("/network/proposals/")
        page.get_by_role("button", name=re.compile(text["support"])).click()
        page.wait_for_load_state()
        assert page.get_by_text(text["supported"]).is_visible()
        assert page.get_by_text(text["one_support"]).first.is_visible()
        visit.check_accessibility()
        visit.goto(f"/network/proposals/{proposal.pk}/")
        visit.goto("/network/proposals/rounds/")

        # Staff accept it and turn it into a session of the series.
        context, visit = _signed_in(browser, live_server, html_checker, staff, language)
        contexts.append(context)
        visits.append(visit)
        page = visit.page
        visit.goto("/staff/proposals/")
        visit.goto(f"/staff/proposals/rounds/{round_obj.pk}/")
        visit.goto(f"/staff/proposals/rounds/{round_obj.pk}/edit/")
        visit.goto(f"/staff/proposals/{proposal.pk}/")
        page.get_by_label(text["accepted"], exact=True).check()
        page.locator("#id_answer-answer_en").fill("It opens the autumn series.")
        page.get_by_role("button", name=text["save_answer"]).click()
        page.wait_for_load_state()
        visit.check_accessibility()
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.ACCEPTED
        page.locator("#id_session-series").select_option(str(series.pk))
        page.locator("#id_session-slug").fill(f"minors-{language}")
        page.locator("#id_session-starts_at").fill("2031-10-07T14:00")
        page.locator("#id_session-ends_at").fill("2031-10-07T15:30")
        page.locator("#id_session-publish").check()
        page.get_by_role("button", name=text["create_session"]).click()
        page.wait_for_load_state()
        visit.check_accessibility()
        proposal.refresh_from_db()
        assert proposal.session is not None and proposal.session.status == "published"

        # The public session page says members proposed it, and links back to the proposal.
        page = visits[0].page
        visits[0].goto(f"/sessions/{proposal.session.slug}/")
        assert page.get_by_text(text["proposed_by"]).is_visible()
        page.get_by_role("link", name=text["read"]).click()
        page.wait_for_load_state()
        visits[0].check_accessibility()
        assert page.url.endswith(f"/network/proposals/{proposal.pk}/")
        assert page.get_by_role("heading", level=1, name="Unaccompanied minors in the streets")

        # Someone who is not signed in follows the same link: a page says who may take part,
        # and nothing of the proposal shows.
        context, visit = _browser(browser, live_server, html_checker, language)
        contexts.append(context)
        visits.append(visit)
        response = visit.goto(f"/network/proposals/{proposal.pk}/")
        assert response.status == 403
        assert "Unaccompanied minors" not in visit.page.content()
        assert visit.page.get_by_role("heading", level=1, name=text["title"]).is_visible()
    finally:
        for context in contexts:
            context.close()
    for visit in visits:
        assert visit.foreign_requests == [], visit.foreign_requests
        assert visit.csp_violations == [], visit.csp_violations
