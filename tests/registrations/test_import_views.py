"""Staff pages of the registration import: upload for a series, the mapping detected and
changed in the preview (kept across a reload), and the import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convene.registrations.models import Registration, RegistrationImport
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_series():
    series = f.series(slug="lockdown-2020", title="Lockdown 2020")
    f.session(series, slug="policing", starts_at=dt.datetime(2020, 4, 14, 12, tzinfo=dt.UTC))
    return series


CIVI = (
    b"Participant,Contact email,Employer,Event\n"
    b"Karim El Idrissi,k@molenbeek.example,Commune de Molenbeek,policing\n"
)


def test_upload_map_and_import(staff_client, past_series):
    index = reverse("registrations_staff:registration-imports", args=[past_series.slug])
    assert staff_client.get(index).status_code == 200
    response = staff_client.post(
        index, {"file": SimpleUploadedFile("civi.csv", CIVI, content_type="text/csv")}
    )
    assert response.status_code == 302
    staged = RegistrationImport.objects.get()
    url = reverse("registrations_staff:registration-import", args=[staged.pk])
    page = staff_client.get(url).content.decode()
    assert "Choose the column that holds the email address." in page
    mapping = {
        "name": "Participant",
        "email": "Contact email",
        "organisation": "Employer",
        "sessions": "Event",
    }
    staff_client.post(url, {**mapping, "action": "map"})
    staged.refresh_from_db()
    assert staged.mapping == mapping
    page = staff_client.get(url).content.decode()
    assert 'value="commit"' in page
    assert not Registration.objects.exists()
    response = staff_client.post(url, {**mapping, "action": "commit"})
    assert response.status_code == 302
    assert Registration.objects.get().status == "confirmed"
    page = staff_client.get(url).content.decode()
    assert "Imported into Lockdown 2020" in page
    assert f"?series={past_series.slug}" in page


def test_an_unknown_series_or_import_is_404(staff_client):
    assert (
        staff_client.get(
            reverse("registrations_staff:registration-imports", args=["nope"])
        ).status_code
        == 404
    )
    assert (
        staff_client.get(reverse("registrations_staff:registration-import", args=[9])).status_code
        == 404
    )


def test_the_api_imports_registrations(api_client, client, past_series):
    data = b"Name,Email,Session\nAnna Martin,anna@lyon.example,policing\n"
    url = f"/api/series/{past_series.slug}/registration-imports"
    assert client.post(url, {"file": SimpleUploadedFile("r.csv", data)}).status_code == 401
    response = api_client.post(url, {"file": SimpleUploadedFile("r.csv", data), "dry_run": "1"})
    assert response.status_code == 200, response.content
    assert response.json()["counts"]["create"] == 1
    assert not Registration.objects.exists()
    response = api_client.post(url, {"file": SimpleUploadedFile("r.csv", data)})
    assert response.status_code == 201
    assert Registration.objects.count() == 1
    response = api_client.post(url, {"file": SimpleUploadedFile("r.csv", data + b"X,bad,x\n")})
    assert response.status_code == 400
    assert "line 3" in response.json()["detail"]
    response = api_client.post(
        "/api/series/nope/registration-imports", {"file": SimpleUploadedFile("r.csv", data)}
    )
    assert response.status_code == 404
