"""Programme planning from the staff pages: create, edit, duplicate, publish, unpublish and
cancel series and sessions, without the Django admin."""

import datetime as dt

import pytest
from django.test import Client

from convene.core.mail import outbox_list
from convene.core.models import AuditLog
from convene.directory.models import Person
from convene.programme.models import Series, Session, Topic
from convene.programme.zones import canonical_zones, timezone_choices
from convene.registrations.services import registration_staff_add
from tests import factories as f

pytestmark = pytest.mark.django_db

SERIES_POST = {
    "slug": "spring-2027",
    "title_en": "Spring exchanges",
    "title_fr": "Échanges de printemps",
    "title_de": "Frühlingsaustausch",
    "description_en": "Three sessions.",
    "audience_policy": "members_first",
    "timezone": "Europe/Lisbon",
    "languages": ["en", "fr"],
    "registration_opens_at": "",
    "registration_closes_at": "",
}


def _session_post(**changes: object) -> dict:
    data: dict = {
        "slug": "spring-1",
        "title_en": "Night-time economy",
        "title_it": "Economia notturna",
        "abstract_en": "",
        "starts_at": "2027-03-10T14:00",
        "ends_at": "2027-03-10T15:30",
        "timezone": "Europe/Rome",
        "capacity": "80",
        "audience_policy": "",
        "languages": ["en", "it"],
        "interpretation": ["fr"],
        "video_platform": "zoom",
        "join_url": "https://video.example/spring-1",
        "speakers-TOTAL_FORMS": "2",
        "speakers-INITIAL_FORMS": "0",
        "speakers-MIN_NUM_FORMS": "0",
        "speakers-MAX_NUM_FORMS": "20",
    }
    data.update(changes)
    return data


def test_staff_create_a_series_in_several_languages(staff_client: Client):
    response = staff_client.post("/staff/programme/series/new/", SERIES_POST)
    assert response.status_code == 302
    series = Series.objects.get(slug="spring-2027")
    assert series.title.data == {
        "en": "Spring exchanges",
        "fr": "Échanges de printemps",
        "de": "Frühlingsaustausch",
    }
    assert series.audience_policy == "members_first" and series.timezone == "Europe/Lisbon"
    assert AuditLog.objects.filter(code="programme.series.created").count() == 1
    page = staff_client.get(response["Location"], headers={"Accept-Language": "fr"})
    assert "Échanges de printemps" in page.content.decode()
    page = staff_client.get(response["Location"], headers={"Accept-Language": "en"})
    assert "Échanges de printemps" not in page.content.decode()


def test_english_title_is_required_and_the_form_says_so(staff_client: Client):
    data = {**SERIES_POST, "title_en": ""}
    response = staff_client.post("/staff/programme/series/new/", data)
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Series.objects.exists()


def test_a_session_with_topics_languages_speakers_and_its_own_time_zone(staff_client: Client):
    series = f.series(slug="spring-2027")
    person = Person.objects.create(name="Ana Costa", email="ana@lisboa.example")
    topic = Topic.objects.get(slug="nightlife")
    data = _session_post(
        topics=[topic.pk], **{"speakers-0-person": person.pk, "speakers-0-role": "Mayor"}
    )
    response = staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(slug="spring-1")
    # 14:00 in Rome is 13:00 UTC in March.
    assert session.starts_at == dt.datetime(2027, 3, 10, 13, 0, tzinfo=dt.UTC)
    assert session.timezone == "Europe/Rome" and session.capacity == 80
    assert session.status == "draft"
    assert session.languages == ["en", "it"] and session.interpretation == ["fr"]
    assert list(session.topics.all()) == [topic]
    assert [(s.person, s.role) for s in session.speakers.all()] == [(person, "Mayor")]
    assert session.title.localize("it") == "Economia notturna"


def test_a_session_that_ends_before_it_starts_is_a_form_error(staff_client: Client):
    series = f.series()
    data = _session_post(ends_at="2027-03-10T13:00")
    response = staff_client.post(f"/staff/programme/series/{series.slug}/sessions/new/", data)
    assert response.status_code == 400
    assert "must end after it starts" in response.content.decode()
    assert not Session.objects.exists()


def test_publish_unpublish_and_the_public_programme(staff_client: Client, client: Client):
    series = f.series()
    drafts = [f.session(series, status="draft", title=f"Draft {i}") for i in range(3)]
    assert "Draft 0" not in client.get("/programme/").content.decode()
    staff_client.post(f"/staff/programme/series/{series.slug}/publish/")
    assert {s.status for s in Session.objects.filter(series=series)} == {"published"}
    public = client.get("/programme/").content.decode()
    assert all(str(s.title) in public for s in drafts)
    staff_client.post(f"/staff/programme/sessions/{drafts[0].slug}/unpublish/")
    assert Session.objects.get(pk=drafts[0].pk).status == "draft"
    assert "Draft 0" not in client.get("/programme/").content.decode()


def test_cancelling_a_session_mails_its_registrants(
    staff_client: Client, staff, django_capture_on_commit_callbacks
):
    session = f.session(f.series(), capacity=10)
    registration_staff_add(
        actor=staff, session=session, name="Wim Peeters", email="wim@stad.example"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/staff/programme/sessions/{session.slug}/cancel/")
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).status == "cancelled"
    mails = [m for m in outbox_list() if m.subject.startswith("Session cancelled")]
    assert [m.to for m in mails] == ["wim@stad.example"]
    # A cancelled session is not published again.
    staff_client.post(f"/staff/programme/sessions/{session.slug}/publish/")
    assert Session.objects.get(pk=session.pk).status == "cancelled"


def test_editing_a_session_keeps_its_registrants_informed(
    staff_client: Client, staff, django_capture_on_commit_callbacks
):
    session = f.session(f.series(), capacity=10, timezone="Europe/Brussels")
    registration_staff_add(actor=staff, session=session, name="Ana", email="ana@city.example")
    page = staff_client.get(f"/staff/programme/sessions/{session.slug}/edit/")
    assert page.status_code == 200
    local = (session.starts_at.astimezone(session.zone) + dt.timedelta(hours=2)).replace(
        second=0, microsecond=0
    )
    data = _session_post(
        title_en=str(session.title),
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        timezone="Europe/Brussels",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/staff/programme/sessions/{session.slug}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.starts_at.astimezone(session.zone).replace(tzinfo=None) == local.replace(
        tzinfo=None
    )
    assert session.sequence >= 1
    updated = [m.to for m in outbox_list() if m.subject.startswith("Session updated")]
    assert updated == ["ana@city.example"]


def test_duplicate_a_series_with_its_sessions_as_drafts(staff_client: Client):
    series = f.series(slug="autumn")
    session = f.session(series, title="Polarisation")
    session.topics.set([Topic.objects.get(slug="polarisation")])
    response = staff_client.post(
        "/staff/programme/series/autumn/duplicate/", {"slug": "autumn-2027", "days": "364"}
    )
    assert response.status_code == 302
    copy = Series.objects.get(slug="autumn-2027")
    (copied,) = copy.sessions.all()
    assert copied.status == "draft" and str(copied.title) == "Polarisation"
    assert copied.starts_at == session.starts_at + dt.timedelta(days=364)
    assert [t.slug for t in copied.topics.all()] == ["polarisation"]
    # The same slug twice is a form error, not a 500.
    again = staff_client.post(
        "/staff/programme/series/autumn/duplicate/", {"slug": "autumn-2027", "days": "0"}
    )
    assert again.status_code == 400
    assert "already exists" in again.content.decode()


def test_duplicate_a_session_one_week_later(staff_client: Client):
    session = f.session(f.series(), title="Drugs")
    staff_client.post(f"/staff/programme/sessions/{session.slug}/duplicate/")
    copy = Session.objects.exclude(pk=session.pk).get()
    assert copy.starts_at - session.starts_at == dt.timedelta(days=7)
    assert copy.status == "draft" and copy.join_url == ""


def test_the_time_zone_picker_puts_europe_first_and_has_no_aliases():
    zones = canonical_zones()
    assert "Europe/Brussels" in zones and "America/New_York" in zones
    assert not {"ROC", "W-SU", "Zulu", "US/Eastern", "Europe/Kiev"} & set(zones)
    (first_label, first), *_rest = timezone_choices()
    assert all(value.startswith("Europe/") for value, _label in first)
    assert len(zones) < 450


@pytest.mark.parametrize(
    "url",
    [
        "/staff/programme/",
        "/staff/programme/series/new/",
        "/staff/programme/series/s/",
        "/staff/programme/series/s/edit/",
        "/staff/programme/series/s/sessions/new/",
    ],
)
def test_planning_pages_are_for_staff(client: Client, url: str):
    f.series(slug="s")
    assert client.get(url).status_code == 302  # to the sign-in page
    assert not client.post("/staff/programme/series/s/publish/").status_code == 200


def test_unknown_action_is_404(staff_client: Client):
    f.series(slug="s")
    assert staff_client.post("/staff/programme/series/s/explode/").status_code == 404


def test_planning_index_queries_do_not_grow(staff_client: Client, django_assert_max_num_queries):
    series = f.series()
    f.session(series)
    with django_assert_max_num_queries(12) as first:
        staff_client.get("/staff/programme/")
    for _ in range(3):
        more = f.series()
        f.session(more)
        f.session(more)
    with django_assert_max_num_queries(len(first.captured_queries)):
        staff_client.get("/staff/programme/")


def test_cancelling_a_series_cancels_each_session_and_mails_once_each(
    staff_client: Client, staff, django_capture_on_commit_callbacks
):
    series = f.series()
    sessions = [f.session(series, capacity=10, days=7 + i) for i in range(2)]
    for session in sessions:
        registration_staff_add(actor=staff, session=session, name="Ana", email="ana@city.example")
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/staff/programme/series/{series.slug}/cancel/")
    assert {s.status for s in Session.objects.filter(series=series)} == {"cancelled"}
    cancelled = [m for m in outbox_list() if m.subject.startswith("Session cancelled")]
    assert len(cancelled) == 2
