"""Journey (issue #19): a member signs in by magic link, read from the outbox, and enters a
members-only section; a non-member is turned away from the same address. In English and in
French, with axe on every page."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from convene.core.mail import outbox_list
from convene.core.services import staff_create
from tests.network import build_network

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = {
    "en": {
        "language": None,
        "send": "Send me a sign-in link",
        "sign_in": "Sign in",
        "section": "Crisis management",
        "members_only": "For members only",
        "subsection": "Covid-19 lockdown 2020",
    },
    "fr": {
        "language": "Français",
        "send": "M’envoyer un lien de connexion",
        "sign_in": "Se connecter",
        "section": "Gestion de crise",
        "members_only": "Réservé aux membres",
        "subsection": "Confinement Covid-19 2020",
    },
}
SECTION = "/network/crisis-management/"
LINK = re.compile(r"https?://\S+/sign-in/[A-Za-z0-9_-]{20,}/\S*")


def sign_in_by_link(visit, email: str, text: dict, *, switch_language: bool) -> None:
    """From a members-only page: sent to sign in, ask for a link, open it from the outbox,
    press the button."""
    page = visit.page
    visit.goto(SECTION)
    if switch_language and text["language"]:
        page.get_by_role("button", name=text["language"]).click()
        page.wait_for_load_state()
    assert "/sign-in/" in page.url
    visit.check_accessibility()
    before = {m.name for m in outbox_list()}
    page.locator("#sign-in-email").fill(email)
    page.get_by_role("button", name=text["send"]).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    mails = [m for m in outbox_list() if m.name not in before]
    assert len(mails) == 1 and mails[0].to == email
    link = LINK.search(mails[0].text)
    assert link, mails[0].text
    page.goto(link.group(0))
    page.wait_for_load_state()
    visit.check_accessibility()
    page.locator("main").get_by_role("button", name=text["sign_in"]).click()
    page.wait_for_load_state()
    assert page.url.endswith(SECTION)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_member_signs_in_by_link_and_a_non_member_is_turned_away(visit, settings, language):
    cache.clear()
    settings.SITE_URL = visit.base_url  # links in mails point at the live server
    build_network()
    text = TEXT[language]
    page = visit.page

    sign_in_by_link(visit, "member@liege.example", text, switch_language=True)
    assert page.get_by_role("heading", level=1, name=re.compile(text["section"])).is_visible()
    assert page.get_by_role("link", name=text["subsection"]).is_visible()
    visit.check_accessibility()
    visit.goto("/network/")
    visit.goto("/account/")

    # Sign out, then the non-member follows the same address.
    page.locator('header form[action="/sign-out/"] button').click()
    page.wait_for_load_state()
    sign_in_by_link(visit, "outsider@ngo.example", text, switch_language=False)
    assert page.get_by_role("heading", level=1, name=text["members_only"]).is_visible()
    assert page.get_by_role("heading", level=1, name=re.compile(text["section"])).count() == 0
    visit.check_accessibility()


def test_staff_section_pages_pass_axe_in_english_and_french(visit):
    network = build_network()
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    page = visit.page
    visit.goto("/staff/login/")
    page.locator("#id_username").fill("staff@network.example")
    page.locator("#id_password").fill("a-long-pass-phrase")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    members = network.sections["members"]
    paths = [
        "/staff/network/sections/",
        "/staff/network/sections/new/",
        f"/staff/network/sections/{members.pk}/edit/",
        f"/staff/directory/people/{network.people['outsider'].pk}/",
        "/network/",
        f"/network/{members.slug}/",
    ]
    for path in paths:
        assert visit.goto(path).status == 200, path
    # A bad slug is a form error on the page, announced and still accessible.
    visit.goto("/staff/network/sections/new/")
    page.locator("#id_name_en").fill("Night-time economy")
    page.locator("#id_slug").fill("Not a slug!")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    for path in paths:
        assert visit.goto(path).status == 200, path
