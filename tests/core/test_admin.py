"""Every admin page opens for staff, and admin edits are audited."""

import pytest
from django.contrib import admin
from django.urls import reverse

from convene.core.models import AuditLog
from convene.directory.models import Organisation
from convene.directory.services import organisation_create, person_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model", list(admin.site._registry), ids=lambda m: f"{m._meta.app_label}.{m._meta.model_name}"
)
def test_changelist_opens(staff_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert staff_client.get(url).status_code == 200


def test_admin_edit_is_audited(staff_client, staff):
    org = organisation_create(actor=None, name="Stad Gent", kind="local_authority", country="BE")
    url = reverse("admin:directory_organisation_change", args=[org.pk])
    form = {
        "name": "Stad Gent",
        "kind": "local_authority",
        "country": "BE",
        "parent": "",
        "geonames_id": "2797656",
        **{
            f"{prefix}-{key}": value
            for prefix in ("aliases", "domains", "memberships")
            for key, value in {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            }.items()
        },
    }
    response = staff_client.post(url, form)
    errors = response.context["errors"] if response.status_code == 200 else None
    assert response.status_code == 302, errors
    org.refresh_from_db()
    assert org.geonames_id == 2797656
    entry = AuditLog.objects.filter(code="directory.organisation.updated").get()
    assert entry.actor == staff and entry.details["fields"] == ["geonames_id"]


def test_admin_merge_action(staff_client):
    first = organisation_create(actor=None, name="Stadt Köln", kind="local_authority", country="DE")
    second = organisation_create(
        actor=None, name="City of Cologne", kind="local_authority", country="DE"
    )
    person_create(actor=None, email="a@stadt-koeln.de", name="A", organisation=second)
    response = staff_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "merge_into_first", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Stadt Köln"]
    assert first.people.count() == 1
