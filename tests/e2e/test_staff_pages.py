"""Every staff page, in English then in French, with axe on each."""

import pytest

from convene.core.services import staff_create
from convene.registrations.join_tokens import join_secret
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_pages_pass_axe_in_english_and_french(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    series = f.series(title="Lockdown webconferences")
    session = f.session(series, title="Crisis management", capacity=1)
    for email in ("a@city.example", "b@city.example"):
        request = registration_request_create(
            series=series, sessions=[session], registrant=f.registrant(email=email)
        )
        registration_request_confirm(request=request)

    page = visit.page
    visit.goto("/staff/series/")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    paths = [
        "/staff/series/",
        f"/staff/series/{series.slug}/registrations/",
        f"/staff/sessions/{session.slug}/registrations/",
        f"/staff/sessions/{session.slug}/registrations/?status=waitlisted",
        "/staff/attendance/",
        f"/staff/attendance/sessions/{session.slug}/",
        "/staff/attendance/unmatched/",
        "/staff/attendance/mappings/",
        "/staff/attendance/organiser-domains/",
        "/staff/directory/review/",
        "/staff/outbox/",
    ]
    for path in paths:
        assert visit.goto(path).status == 200, path
    visit.goto(paths[3])
    assert page.get_by_role("button", name="Move off the waitlist").is_visible()

    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    for path in paths:
        assert visit.goto(path).status == 200, path
    visit.goto(paths[3])
    assert page.get_by_role("button", name="Sortir de la liste d’attente").is_visible()


def test_public_pages_pass_axe_in_french(visit):
    from convene.registrations.links import manage_token

    series = f.series(title="Cycle confinement")
    session = f.session(series, title="Gestion de crise")
    request = registration_request_create(
        series=series, sessions=[session], registrant=f.registrant(email="m@ville.example")
    )
    registration_request_confirm(request=request)
    registration = request.registrations.get()
    page = visit.page
    visit.goto("/")
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    for path in [
        "/programme/",
        f"/series/{series.slug}/",
        f"/sessions/{session.slug}/",
        f"/series/{series.slug}/register/",
        "/me/",
        f"/me/{manage_token(registration.person)}/",
        f"/j/{join_secret(registration.join_salt)}",
        "/privacy/",
        "/about/",
        "/staff/login/",
    ]:
        assert visit.goto(path).status == 200, path
        assert page.locator("html").get_attribute("lang") == "fr", path
    # The registration form's errors, in French, are accessible too.
    visit.goto(f"/series/{series.slug}/register/")
    page.get_by_role("button", name="S’inscrire").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("alert").get_by_text("Veuillez corriger").is_visible()
