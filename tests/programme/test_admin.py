import datetime as dt

import pytest
from django.urls import reverse

from convene.core.models import AuditLog
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_changing_a_session_in_the_admin_bumps_its_calendar_sequence(staff_client):
    session = f.session(f.series(), capacity=20)
    url = reverse("admin:programme_session_change", args=[session.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    new_start = session.starts_at + dt.timedelta(hours=1)
    data.update(
        {
            "starts_at_0": new_start.astimezone(dt.UTC).strftime("%Y-%m-%d"),
            "starts_at_1": new_start.astimezone(dt.UTC).strftime("%H:%M:%S"),
            "ends_at_0": (session.ends_at + dt.timedelta(hours=1)).strftime("%Y-%m-%d"),
            "ends_at_1": (session.ends_at + dt.timedelta(hours=1)).strftime("%H:%M:%S"),
            "languages": '["en", "fr"]',
            "interpretation": "[]",
            "capacity": "25",
            # Translated content: one input per content language, English first.
            "title_0": str(session.title),
            "title_1": "Titre en français",
            "abstract_0": "",
            "topics": [],
            "speakers-TOTAL_FORMS": "0",
            "speakers-INITIAL_FORMS": "0",
            "speakers-MIN_NUM_FORMS": "0",
            "speakers-MAX_NUM_FORMS": "1000",
        }
    )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    session.refresh_from_db()
    assert session.capacity == 25
    assert session.sequence == 1
    assert session.title.data["fr"] == "Titre en français"
    entry = AuditLog.objects.get(code="programme.session.updated")
    assert "capacity" in entry.details["fields"]
