"""The report for a funder on a phone and on a laptop: no sideways scrolling at 390 px, the
staff navigation on one row at 1280 px, chart labels whole, and "your time" on a 24-hour
clock; axe on every page."""

import re

import pytest

from convene.core.services import staff_create
from tests.reports.conftest import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    visit.goto("/staff/login/")
    page = visit.page
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def wide(page) -> list[str]:
    """The innermost elements that reach past the window's right edge."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .filter(e => ![...e.children].some(
              c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
          .slice(0, 8)
          .map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""
    )


def test_the_report_fits_a_phone_and_the_staff_navigation_one_row(visit, settings):
    settings.NETWORK_NAME = "European Forum for Urban Security"
    build_world()
    sign_in(visit)
    page = visit.page
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for language in ("en", "fr"):
            page.context.add_cookies(
                [{"name": "django_language", "value": language, "url": visit.base_url}]
            )
            visit.goto("/staff/reports/?series=lockdown")
            assert page.locator(".network-name").inner_text() == settings.NETWORK_NAME
            assert overflow(page) <= 0, f"{width}px ({language}) scrolls sideways: {wide(page)}"
            visit.goto("/staff/reports/rows/?series=lockdown&figure=registrants")
            assert overflow(page) <= 0, f"rows at {width}px ({language}): {wide(page)}"
            if width == 1280:
                tops = page.locator(".staff-nav > li").evaluate_all(
                    "items => items.map(item => item.getBoundingClientRect().top)"
                )
                assert len(tops) >= 8 and len(set(tops)) == 1, tops
    # Every chart label is drawn whole inside the chart (none starts left of its SVG).
    page.set_viewport_size({"width": 1280, "height": 900})
    visit.goto("/staff/reports/?series=lockdown")
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg.bar-chart')].flatMap(svg => {
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('.bar-label')]
              .filter(t => t.getBoundingClientRect().left < box.left - 0.5)
              .map(t => t.textContent);
        })"""
    )
    assert outside == []
    assert "…" not in page.locator("svg.bar-chart").all_inner_texts()


def test_your_time_is_on_a_24_hour_clock(browser, live_server):
    from django.urls import reverse

    from tests.factories import session

    session(timezone="Europe/Paris")
    context = browser.new_context(locale="en-US", timezone_id="America/New_York")
    page = context.new_page()
    page.goto(live_server.url + reverse("programme:programme"))
    viewer = page.locator(".viewer-time").first
    viewer.wait_for(state="visible")
    text = viewer.inner_text()
    context.close()
    assert "America/New_York" in text
    assert re.search(r"\b\d\d:\d\d\b", text) and not re.search(r"\b(AM|PM|am|pm)\b", text)
