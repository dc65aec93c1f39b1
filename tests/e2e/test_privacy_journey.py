"""Journey: from "my registrations" to the privacy page, withdraw the directory listing,
download the data, erase it (confirmed twice); staff run a retention dry run. Axe on every
page."""

import zipfile

import pytest

from convene.core.services import staff_create
from convene.directory.models import Person
from convene.registrations.links import manage_token
from convene.registrations.services import registration_request_confirm, registration_request_create
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_person_downloads_withdraws_and_erases(visit, tmp_path):
    session = f.session(title="Public spaces after the lockdown")
    request = registration_request_create(
        series=session.series,
        sessions=[session],
        registrant=f.registrant(
            name="Zoé Lambert", email="zoe.lambert@liege.example", directory_opt_in=True
        ),
    )
    registration_request_confirm(request=request)
    person = Person.objects.get(email="zoe.lambert@liege.example")
    token = manage_token(person)
    page = visit.page

    visit.goto(f"/me/{token}/")
    page.get_by_role("button", name="Show my registrations").click()
    page.wait_for_load_state()
    page.get_by_role(
        "link", name="Download your data, change your consents, or erase your data"
    ).click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("button", name="Withdraw: Listing in the participant directory").click()
    page.wait_for_load_state()
    assert page.get_by_role("button", name="Agree: Listing in the participant directory").count()
    visit.check_accessibility()

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download my data").click()
    path = tmp_path / "my-data.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        assert "registrations.csv" in archive.namelist()

    page.get_by_role("link", name="Erase my data…").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    page.get_by_role("button", name="Erase my data for good").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tick the box to confirm the erasure.").count()
    page.get_by_label("I understand that erasure cannot be undone.").check()
    page.get_by_role("button", name="Erase my data for good").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Your data is erased").count()
    visit.check_accessibility()
    assert not Person.objects.filter(email="zoe.lambert@liege.example").exists()


def test_staff_run_a_retention_dry_run(visit):
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    page = visit.page
    visit.goto("/staff/login/")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    visit.goto("/staff/privacy/")
    visit.check_accessibility()
    page.get_by_role("button", name="Dry run: show what retention would do").click()
    page.wait_for_load_state()
    assert page.get_by_text("People to anonymise").count()
    visit.check_accessibility()
