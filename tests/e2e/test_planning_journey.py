"""Staff sign in, land on the dashboard, plan a series of three sessions, publish it and find it
on the public programme: in English, then in French, with axe on every page and no horizontal
scroll at 390 px nor at 1280 px."""

from __future__ import annotations

from typing import Any

import pytest

from convene.core.services import staff_create
from convene.directory.models import Person
from convene.programme.models import Series
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)

TEXT = {
    "en": {
        "planning": "Planning",
        "new_series": "New series",
        "create": "Create the series",
        "add_session": "Add a session",
        "add": "Add the session",
        "publish": "Publish all drafts",
        "published": "3 sessions published.",
        "dashboard": "Dashboard",
    },
    "fr": {
        "planning": "Planification",
        "new_series": "Nouveau cycle",
        "create": "Créer le cycle",
        "add_session": "Ajouter une séance",
        "add": "Ajouter la séance",
        "publish": "Publier tous les brouillons",
        "published": "3 séances publiées.",
        "dashboard": "Tableau de bord",
    },
}

SESSIONS = [
    ("night-1", "Night-time economy", "Économie de la nuit", "2031-03-10T14:00", "nightlife"),
    ("night-2", "Drugs in public spaces", "Drogues dans l’espace public", "2031-03-17T14:00", ""),
    ("night-3", "Policing the night", "Police de nuit", "2031-03-24T14:00", "policing"),
]


def _fits(visit: Any, path: str) -> None:
    """axe-clean and no horizontal scroll at both widths."""
    page = visit.page
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        visit.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        culprits = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth
                  && e.parentElement.getBoundingClientRect().right
                     <= document.documentElement.clientWidth)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px: {culprits}"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.parametrize("language", ["en", "fr"])
def test_staff_plan_publish_and_find_a_series(visit, language: str):
    text = TEXT[language]
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    Person.objects.create(name="Ana Costa", email="ana@lisboa.example")
    # Another browser test may have flushed the topics the migrations seed.
    f.seed_topics()
    page = visit.page
    page.set_viewport_size({"width": 1280, "height": 900})

    visit.goto("/staff/login/")
    if language == "fr":
        page.get_by_role("button", name="Français").click()
        page.wait_for_load_state()
    page.locator("#id_username").fill("staff@network.example")
    page.locator("#id_password").fill("a-long-pass-phrase")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    # Staff land on their dashboard.
    assert page.url.endswith("/staff/")
    assert page.get_by_role("heading", level=1, name=text["dashboard"]).is_visible()
    visit.check_accessibility()
    # The staff navigation stays on one row at 1280 px.
    tops = page.eval_on_selector_all(
        ".staff-nav li", "items => new Set(items.map(i => i.getBoundingClientRect().top)).size"
    )
    assert tops == 1

    page.locator(".staff-nav").get_by_role("link", name=text["planning"]).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("link", name=text["new_series"]).first.click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.locator("#id_slug").fill(f"nights-{language}")
    page.locator("#id_title_en").fill("Cities at night")
    page.locator("#id_title_fr").fill("Les villes la nuit")
    page.locator("#id_title_de").fill("Städte bei Nacht")
    page.locator("#id_description_en").fill("Three sessions on the night-time city.")
    page.locator("#id_audience_policy").select_option("members_first")
    page.locator("#id_timezone").select_option("Europe/Lisbon")
    page.locator("#id_languages_0").check()
    page.get_by_role("button", name=text["create"]).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    series = Series.objects.get(slug=f"nights-{language}")
    assert series.timezone == "Europe/Lisbon"

    for slug, title, title_fr, starts, topic in SESSIONS:
        page.get_by_role("link", name=text["add_session"]).click()
        page.wait_for_load_state()
        visit.check_accessibility()
        page.locator("#id_slug").fill(f"{slug}-{language}")
        page.locator("#id_title_en").fill(title)
        page.locator("#id_title_fr").fill(title_fr)
        page.locator("#id_starts_at").fill(starts)
        page.locator("#id_ends_at").fill(starts.replace("T14", "T15"))
        page.locator("#id_capacity").fill("80")
        if topic:
            page.locator("input[name=topics]").nth(0).check()
        page.locator("#id_speakers-0-person").select_option(label="Ana Costa (ana@lisboa.example)")
        page.locator("#id_speakers-0-role").fill("Speaker")
        page.get_by_role("button", name=text["add"]).click()
        page.wait_for_load_state()
    assert series.sessions.count() == 3
    assert {s.status for s in series.sessions.all()} == {"draft"}
    assert series.sessions.first().timezone == "Europe/Lisbon"

    page.get_by_role("button", name=text["publish"]).click()
    page.wait_for_load_state()
    assert page.get_by_text(text["published"]).is_visible()
    visit.check_accessibility()

    # Every page added, at 390 px and 1280 px.
    session = series.sessions.first()
    for path in [
        "/staff/",
        "/staff/programme/",
        "/staff/programme/series/new/",
        f"/staff/programme/series/{series.slug}/",
        f"/staff/programme/series/{series.slug}/edit/",
        f"/staff/programme/series/{series.slug}/sessions/new/",
        f"/staff/programme/sessions/{session.slug}/edit/",
    ]:
        _fits(visit, path)

    # The public programme shows the series in the viewer's language.
    visit.goto("/programme/")
    for _slug, title, title_fr, _starts, _topic in SESSIONS:
        shown = title_fr if language == "fr" else title
        assert page.get_by_role("link", name=shown).first.is_visible(), shown
    visit.goto(f"/series/{series.slug}/")
    heading = "Les villes la nuit" if language == "fr" else "Cities at night"
    assert page.get_by_role("heading", level=1, name=heading).is_visible()
