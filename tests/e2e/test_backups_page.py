"""The staff page of backups: start one, see it listed, in English and French, with axe."""

import pytest

from convene.core.services import staff_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_start_a_backup_and_see_it_listed(visit, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.PRIVACY_ERASURE_JOURNAL = tmp_path / "erasures.jsonl"
    staff_create(actor=None, email="staff@network.example", password="a-long-pass-phrase")
    page = visit.page
    visit.goto("/staff/login/")
    page.get_by_label("Email").fill("staff@network.example")
    page.get_by_label("Password").fill("a-long-pass-phrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert visit.goto("/staff/privacy/").status == 200
    page.get_by_role("link", name="Backups").click()
    page.wait_for_load_state()
    assert page.get_by_text("No backup was made in this folder yet.").is_visible()
    page.get_by_role("button", name="Start a backup").click()
    page.wait_for_load_state()
    visit.check_accessibility()
    assert page.get_by_role("status").get_by_text("The backup has started").is_visible()
    [folder] = list((tmp_path / "backups").iterdir())
    assert page.get_by_role("cell", name=folder.name).is_visible()
    page.get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert visit.goto("/staff/privacy/backups/").status == 200
    assert page.get_by_role("button", name="Lancer une sauvegarde").is_visible()
