import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.directory.models import Person
from convene.programme.models import Topic
from convene.programme.services import session_update, speaker_add
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_programme_lists_upcoming_and_past_and_hides_drafts(client):
    series = f.series()
    upcoming = f.session(series, title="Polarisation after the lockdown")
    past = f.session(series, days=-3, title="Domestic violence in April")
    draft = f.session(series, title="Secret draft", status="draft")
    body = client.get("/programme/").content.decode()
    assert str(upcoming.title) in body and str(past.title) in body
    assert str(draft.title) not in body
    assert (
        body.index("Upcoming sessions")
        < body.index(str(upcoming.title))
        < body.index("Past sessions")
    )
    assert body.index("Past sessions") < body.index(str(past.title))


def test_programme_filters_by_topic_and_language(client):
    series = f.series()
    dv = f.session(series, title="On domestic violence", languages=["fr"])
    dv.topics.set([Topic.objects.get(slug="domestic-violence")])
    other = f.session(series, title="On public spaces", languages=["en"])
    by_topic = client.get("/programme/?topic=domestic-violence").content.decode()
    assert str(dv.title) in by_topic and str(other.title) not in by_topic
    by_language = client.get("/programme/?language=en").content.decode()
    assert str(other.title) in by_language and str(dv.title) not in by_language
    assert client.get("/programme/?language=<script>").status_code == 200


def test_programme_query_count_does_not_grow(client):
    series = f.series()
    f.session(series)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/programme/").status_code == 200
        return len(ctx.captured_queries)

    few = count()
    topics = list(Topic.objects.all()[:3])
    for n in range(8):
        session = f.session(series, capacity=5)
        session.topics.set(topics)
        person = Person.objects.create(email=f"speaker{n}@x.example", name=f"Speaker {n}")
        speaker_add(actor=None, session=session, person=person, role="Speaker")
    assert count() == few


def test_session_page_states(client):
    members = f.series(audience_policy="members_only")
    open_series = f.series()
    cases = {
        "Open for registration": f.session(open_series, capacity=10),
        "Full: you can join the waitlist": f.session(open_series, capacity=0),
        "Members only": f.session(members),
        "Registration closed": f.session(open_series, days=-1),
    }
    for label, session in cases.items():
        body = client.get(f"/sessions/{session.slug}/").content.decode()
        assert label in body, label
    cancelled = f.session(open_series)
    session_update(actor=None, session=cancelled, status="cancelled")
    assert (
        "This session was cancelled." in client.get(f"/sessions/{cancelled.slug}/").content.decode()
    )


def test_session_page_shows_both_time_zones_and_never_the_video_link(client):
    series = f.series()
    session = f.session(
        series,
        starts_at=dt.datetime(2030, 4, 16, 12, 0, tzinfo=dt.UTC),
        timezone="Europe/Lisbon",
        join_url="https://video.example/secret-room",
    )
    body = client.get(f"/sessions/{session.slug}/").content.decode()
    assert "13:00" in body and "Europe/Lisbon" in body  # Lisbon is UTC+1 in April
    assert 'data-start="2030-04-16T12:00:00+00:00"' in body  # the viewer's time, by script
    assert "secret-room" not in body


def test_draft_session_and_unknown_series_are_404(client):
    draft = f.session(f.series(), status="draft")
    assert client.get(f"/sessions/{draft.slug}/").status_code == 404
    assert client.get("/series/nope/").status_code == 404
