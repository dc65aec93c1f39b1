"""Staff pages of the member-list import: upload, preview with row-numbered errors, decisions
on fuzzy matches that survive a reload, and the import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convene.directory.models import MemberImport, Organisation
from tests import factories as f

pytestmark = pytest.mark.django_db

GOOD = (
    b"Name,Kind,Country,Domains,Member from\n"
    b"Stadt Essen,local authority,DE,essen.example,2015-01-01\n"
    b"City of Li\xc3\xa8ge,local authority,BE,,\n"
)


def upload(client, data: bytes, name: str = "members.csv"):
    return client.post(
        reverse("directory_staff:member-imports"),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_pages_are_for_staff_only(client):
    response = client.get(reverse("directory_staff:member-imports"))
    assert response.status_code in (302, 403)


def test_upload_preview_decide_and_import(staff_client):
    liege = f.member_city()
    response = upload(staff_client, GOOD)
    assert response.status_code == 302
    staged = MemberImport.objects.get()
    url = reverse("directory_staff:member-import", args=[staged.pk])
    page = staff_client.get(url).content.decode()
    assert "Confirm these matches" in page
    assert "Line 3: City of Liège" in page
    assert not Organisation.objects.filter(name="Stadt Essen").exists()  # nothing written yet
    # The decision is stored: it survives a reload.
    staff_client.post(url, {"decision-3": str(liege.pk), "action": "save"})
    staged.refresh_from_db()
    assert staged.decisions == {"3": str(liege.pk)}
    page = staff_client.get(url).content.decode()
    assert "Updates Ville de Liège" in page
    response = staff_client.post(url, {"decision-3": str(liege.pk), "action": "commit"})
    assert response.status_code == 302
    assert Organisation.objects.filter(name="Stadt Essen").exists()
    assert liege.aliases.filter(name="City of Liège").exists()
    page = staff_client.get(url).content.decode()
    assert "Imported on" in page


def test_a_bad_row_is_shown_with_its_line_and_blocks_the_import(staff_client):
    upload(staff_client, GOOD + b"Nowhere Town,spaceship,BE,,\n")
    staged = MemberImport.objects.get()
    url = reverse("directory_staff:member-import", args=[staged.pk])
    page = staff_client.get(url).content.decode()
    assert "1 row has an error" in page
    assert "Line 4: Unknown kind" in page
    assert 'value="commit"' not in page
    response = staff_client.post(url, {"action": "commit"})
    assert response.status_code == 400
    assert not Organisation.objects.exists()


def test_a_file_that_is_not_a_table_is_a_form_error(staff_client):
    response = upload(staff_client, b"", name="empty.csv")
    assert response.status_code == 400
    assert not MemberImport.objects.exists()
    response = upload(staff_client, b"PK\x03\x04garbage", name="broken.xlsx")
    assert response.status_code == 400
    assert "damaged" in response.content.decode() or "ZIP" in response.content.decode()


def test_an_unknown_import_is_404(staff_client):
    assert staff_client.get(reverse("directory_staff:member-import", args=[999])).status_code == 404


def test_the_api_imports_a_member_list_and_refuses_a_bad_one(api_client, client):
    f.member_city()
    files = {"file": SimpleUploadedFile("m.csv", GOOD, content_type="text/csv")}
    assert client.post("/api/organisations/imports", files).status_code == 401
    files = {"file": SimpleUploadedFile("m.csv", GOOD, content_type="text/csv")}
    response = api_client.post("/api/organisations/imports", {**files, "dry_run": "true"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["counts"]["create"] == 1 and body["counts"]["review"] == 1
    assert body["review"][0]["line"] == 3
    assert not Organisation.objects.filter(name="Stadt Essen").exists()
    files = {"file": SimpleUploadedFile("m.csv", GOOD, content_type="text/csv")}
    assert api_client.post("/api/organisations/imports", files).status_code == 201
    assert Organisation.objects.filter(name="Stadt Essen").exists()
    bad = {"file": SimpleUploadedFile("m.csv", GOOD + b"X,spaceship,BE,,\n")}
    response = api_client.post("/api/organisations/imports", bad)
    assert response.status_code == 400
    assert "line 4" in response.json()["detail"]


def test_the_preview_speaks_french(staff_client):
    upload(staff_client, GOOD + b"Nowhere Town,spaceship,BE,,\n")
    staged = MemberImport.objects.get()
    url = reverse("directory_staff:member-import", args=[staged.pk])
    page = staff_client.get(url, headers={"Accept-Language": "fr"}).content.decode()
    assert "1 ligne comporte une erreur" in page
    assert "Ligne 4 : Type inconnu « spaceship »" in page
