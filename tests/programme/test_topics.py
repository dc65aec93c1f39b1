"""The topic list kept from the staff pages: create, rename in several languages, retire and
bring back, without the Django admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from convene.core.models import AuditLog
from convene.programme import services
from convene.programme.models import Topic
from convene.programme.selectors import topics_offered
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/staff/programme/topics/"


def test_service_creates_renames_retires_and_restores():
    topic = services.topic_create(
        actor=None, slug="night-life", name={"en": "Night life", "fr": "Vie nocturne"}
    )
    assert topic.name.data == {"en": "Night life", "fr": "Vie nocturne"}
    topic = services.topic_update(
        actor=None, topic=topic, name={"en": "Night-time economy", "de": "Nachtökonomie"}
    )
    assert topic.name.data == {"en": "Night-time economy", "de": "Nachtökonomie"}
    services.topic_retire(actor=None, topic=topic)
    services.topic_retire(actor=None, topic=topic)  # twice: once in the log
    topic.refresh_from_db()
    assert topic.retired_at is not None
    services.topic_restore(actor=None, topic=topic)
    topic.refresh_from_db()
    assert topic.retired_at is None
    codes = list(
        AuditLog.objects.filter(code__startswith="programme.topic.").values_list("code", flat=True)
    )
    assert sorted(codes) == sorted(
        [
            "programme.topic.created",
            "programme.topic.updated",
            "programme.topic.retired",
            "programme.topic.restored",
        ]
    )


def test_service_refuses_a_taken_slug_and_a_missing_english_name():
    services.topic_create(actor=None, slug="safety", name="Safety")
    with pytest.raises(ValidationError) as taken:
        services.topic_create(actor=None, slug="safety", name="Other")
    assert "slug" in taken.value.message_dict
    with pytest.raises(ValidationError) as no_english:
        services.topic_create(actor=None, slug="other", name={"fr": "Sécurité"})
    assert "name" in no_english.value.message_dict


def test_a_retired_topic_stays_on_its_sessions_but_is_not_offered_to_new_ones():
    kept = services.topic_create(actor=None, slug="kept", name="Kept")
    old = services.topic_create(actor=None, slug="old", name="Old")
    session = f.session()
    session.topics.set([old])
    services.topic_retire(actor=None, topic=old)
    assert old not in topics_offered()
    assert kept in topics_offered()
    assert set(topics_offered(session)) >= {old, kept}


def test_staff_pages_create_rename_and_retire(staff_client: Client):
    page = staff_client.get("/staff/programme/topics/new/")
    assert page.status_code == 200 and 'lang="fr"' in page.content.decode()
    response = staff_client.post(
        "/staff/programme/topics/new/",
        {"slug": "cohesion", "name_en": "Social cohesion", "name_fr": "Cohésion sociale"},
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="cohesion")
    response = staff_client.post(
        "/staff/programme/topics/cohesion/edit/",
        {"name_en": "Social cohesion", "name_fr": "Cohésion sociale", "name_it": "Coesione"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name.data["it"] == "Coesione"
    assert staff_client.post("/staff/programme/topics/cohesion/retire/").status_code == 302
    topic.refresh_from_db()
    assert topic.retired_at is not None
    listing = staff_client.get(LIST, headers={"Accept-Language": "fr"}).content.decode()
    assert "Cohésion sociale" in listing and "Proposer" in listing
    assert staff_client.post("/staff/programme/topics/cohesion/nonsense/").status_code == 404


def test_form_errors_are_shown_not_raised(staff_client: Client):
    services.topic_create(actor=None, slug="taken", name="Taken")
    response = staff_client.post(
        "/staff/programme/topics/new/", {"slug": "taken", "name_en": "Again"}
    )
    assert response.status_code == 400
    response = staff_client.post("/staff/programme/topics/new/", {"slug": "Not A Slug"})
    assert response.status_code == 400
    assert Topic.objects.filter(slug="taken").count() == 1


def test_the_session_form_offers_current_topics_only(staff_client: Client):
    services.topic_create(actor=None, slug="current", name="Current topic")
    retired = services.topic_create(actor=None, slug="gone", name="Gone topic")
    services.topic_retire(actor=None, topic=retired)
    series = f.series()
    page = staff_client.get(f"/staff/programme/series/{series.slug}/sessions/new/")
    text = page.content.decode()
    assert "Current topic" in text and "Gone topic" not in text


def test_non_staff_cannot_reach_the_topic_pages(client: Client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_topic_list_queries_do_not_grow(staff_client: Client):
    for i in range(3):
        services.topic_create(actor=None, slug=f"t-{i}", name=f"Topic {i}")
    few = _count(staff_client)
    for i in range(3, 15):
        topic = services.topic_create(actor=None, slug=f"t-{i}", name=f"Topic {i}")
        services.topic_retire(actor=None, topic=topic)
    assert _count(staff_client) == few


def _count(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)
