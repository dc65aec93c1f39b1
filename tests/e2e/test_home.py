"""Journey: a visitor opens the home page, switches to French, and a staff member reads mail."""

import re

import pytest
from django.core.mail import send_mail

from convene.core.services import staff_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_switch_to_french_with_axe(visit):
    response = visit.goto("/")
    assert response.status == 200
    page = visit.page
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="What the network offers").is_visible()

    # Keyboard users reach the skip link first and it moves focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"

    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", name="Ce que propose le réseau").is_visible()
    visit.check_accessibility()

    visit.goto("/about/")
    assert page.get_by_role("heading", name="À propos de Convene").is_visible()


def test_staff_reads_the_outbox_with_axe(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    send_mail(
        "Confirm your registration", "Open http://127.0.0.1/confirm/abc", None, ["m@x.example"]
    )

    visit.goto("/staff/outbox/")  # redirected to sign in
    page = visit.page
    assert re.search(r"/staff/login/", page.url)
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/staff/outbox/$"))
    visit.check_accessibility()

    page.get_by_role("link", name="Confirm your registration").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("link", name="http://127.0.0.1/confirm/abc").is_visible()
