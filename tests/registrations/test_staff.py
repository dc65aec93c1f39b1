"""Staff pages for registrations: lists, filters, exports, add by hand, promote, email all."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from python_calamine import CalamineWorkbook

from convene.core.mail import outbox_list
from convene.core.models import AuditLog, User
from convene.directory.services import organisation_create
from convene.programme.models import Session
from convene.registrations import staff_views
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
)
from convene.registrations.tasks import send_session_message_task
from tests import factories as f

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"


def register(session: Session, *, confirm: bool = True, **kw: object) -> Registration:
    """One registration for ``session`` through the services, confirmed unless told not to."""
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(**kw)
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(request=request, session=session)


def session_url(session: Session) -> str:
    return f"/staff/sessions/{session.slug}/registrations/"


def series_url(session: Session) -> str:
    return f"/staff/series/{session.series.slug}/registrations/"


def rows_of(response) -> list[dict[str, str]]:
    """The CSV export parsed back with the csv module."""
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[list[object]]:
    """The XLSX export read back with calamine, a reader independent of openpyxl."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return workbook.get_sheet_by_index(0).to_python()


@pytest.fixture
def session() -> Session:
    return f.session(f.series(), capacity=3)


@pytest.fixture
def ngo():
    return organisation_create(
        actor=None,
        name="Association Entraide",
        kind="ngo",
        country="FR",
        domains=["entraide.example"],
    )


# --- Permissions -------------------------------------------------------------------------------

PAGES = [
    "/staff/series/",
    "{session}",
    "{session}?format=csv",
    "{session}?format=xlsx",
    "{series}",
    "{series}?format=csv",
    "{series}?format=xlsx",
]


def _url(template: str, session: Session) -> str:
    return template.format(session=session_url(session), series=series_url(session))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("who", "expected"), [("anonymous", 302), ("member", 403), ("staff", 200)])
def test_who_may_see_the_pages(page, who, expected, session, staff):
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    elif who == "staff":
        client.force_login(staff)
    url = _url(page, session)
    response = client.get(url)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/staff/login/?next=")


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_only_staff_may_act(who, session):
    waiting = register(f.session(session.series, capacity=0))
    client = Client()
    if who == "member":
        client.force_login(User.objects.create_user(email="someone@city.example", password="x"))
    posts = [
        (f"{session_url(session)}add/", {"add-name": "Eve", "add-email": "eve@x.example"}),
        (f"{session_url(session)}email/", {"mail-subject": "Hi", "mail-message": "Hello"}),
        (f"/staff/registrations/{waiting.pk}/promote/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403)
    assert not Registration.objects.filter(person__email="eve@x.example").exists()
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.WAITLISTED
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


def test_unknown_slugs_are_404(staff_client):
    assert staff_client.get("/staff/sessions/nope/registrations/").status_code == 404
    assert staff_client.get("/staff/series/nope/registrations/").status_code == 404


# --- Lists and filters -------------------------------------------------------------------------


@pytest.fixture
def mixed(session, ngo):
    """A member city's officer (confirmed), an NGO worker (pending), a waitlisted one, and a
    cancelled one; and someone in another series who must never show."""
    f.member_city()
    member = register(session, name="Alice Mertens", email="alice@liege.example")
    pending = register(
        session,
        confirm=False,
        name="Bruno Costa",
        email="bruno@entraide.example",
        organisation="Association Entraide",
        country="PT",
    )
    register(
        session,
        name="Carla Rossi",
        email="carla@comune.example",
        organisation="Comune di Bari",
        country="IT",
    )
    full = f.session(session.series, capacity=0)
    waiting = register(
        full,
        name="Dieter Wolf",
        email="dieter@stadt.example",
        organisation="Stadt Köln",
        country="DE",
    )
    gone = register(
        session,
        name="Emma Smit",
        email="emma@gemeente.example",
        organisation="Gemeente Delft",
        country="NL",
    )
    registration_cancel(actor=None, registration=gone)
    register(f.session(), name="Zed Elsewhere")
    return {"member": member, "pending": pending, "waiting": waiting, "full": full}


def names_in(body: str) -> set[str]:
    everyone = {"Alice Mertens", "Bruno Costa", "Carla Rossi", "Dieter Wolf", "Emma Smit"}
    return {name for name in everyone | {"Zed Elsewhere"} if name in body}


def test_session_list_shows_the_columns(staff_client, mixed, session):
    body = staff_client.get(session_url(session)).content.decode()
    assert names_in(body) == {"Alice Mertens", "Bruno Costa", "Carla Rossi", "Emma Smit"}
    assert "alice@liege.example" in body
    assert "Ville de Liège" in body and "Local authority" in body  # resolved, with its kind
    assert "Association Entraide" in body  # resolved from the email domain
    assert "Pending confirmation" in body and "Cancelled" in body and "Confirmed" in body
    assert "<caption>" in body and 'scope="col"' in body and 'scope="row"' in body
    assert '<label for="id_status">' in body and '<label for="id_member">' in body


def test_typed_organisation_is_shown_when_unresolved(staff_client, session):
    # No kind cue at all: the engine abstains, so the organisation stays as typed for review.
    register(session, name="Fay Unknown", organisation="Blue Horizon")
    body = staff_client.get(session_url(session)).content.decode()
    assert "Blue Horizon" in body and "as typed" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=confirmed", {"Alice Mertens", "Carla Rossi"}),
        ("status=pending", {"Bruno Costa"}),
        # Bari and Delft are not in the directory: resolution adds them as local authorities.
        ("kind=local_authority", {"Alice Mertens", "Carla Rossi", "Emma Smit"}),
        ("kind=ngo", {"Bruno Costa"}),
        ("member=yes", {"Alice Mertens"}),
        ("member=no", {"Bruno Costa", "Carla Rossi", "Emma Smit"}),
        ("country=it", {"Carla Rossi"}),
        ("country=PT&status=pending", {"Bruno Costa"}),
        ("country=PT&status=confirmed", set()),
    ],
)
def test_session_filters(staff_client, mixed, session, query, expected):
    body = staff_client.get(f"{session_url(session)}?{query}").content.decode()
    assert names_in(body) == expected


def test_a_bad_filter_value_is_ignored_and_said(staff_client, mixed, session):
    response = staff_client.get(f"{session_url(session)}?status=bogus&country=IT")
    body = response.content.decode()
    assert response.status_code == 200
    assert names_in(body) == {"Carla Rossi"}
    assert "This filter is ignored." in body and 'aria-invalid="true"' in body


def test_series_list_covers_its_sessions_only(staff_client, mixed, session):
    body = staff_client.get(series_url(session)).content.decode()
    assert names_in(body) == {
        "Alice Mertens",
        "Bruno Costa",
        "Carla Rossi",
        "Dieter Wolf",
        "Emma Smit",
    }
    assert mixed["full"].title in body  # the session column
    body = staff_client.get(f"{series_url(session)}?status=waitlisted").content.decode()
    assert names_in(body) == {"Dieter Wolf"}
    assert "Move off the waitlist" in body


def test_index_lists_series_sessions_and_seats(staff_client, mixed, session):
    draft = f.session(session.series, status="draft", title="Draft one")
    body = staff_client.get("/staff/series/").content.decode()
    assert session.series.title in body and draft.title in body
    assert session_url(session) in body and series_url(session) in body
    # Session with capacity 3: Alice and Carla confirmed, Bruno holding a seat.
    row = body.split(session_url(session), 1)[1].split("</tr>", 1)[0]
    cells = [c.split("<", 1)[0].strip() for c in row.split('<td class="num">')[1:]]
    assert cells == ["3", "3", "2", "0"]


def test_long_lists_are_paginated_and_keep_filters(staff_client, session, monkeypatch):
    monkeypatch.setattr(staff_views, "PER_PAGE", 2)
    for name in ("Ann One", "Ben Two", "Cid Three"):
        register(session, name=name)
    first = staff_client.get(f"{session_url(session)}?status=confirmed").content.decode()
    assert "Ann One" in first and "Ben Two" in first and "Cid Three" not in first
    assert "Page 1 of 2" in first and "?status=confirmed&amp;page=2" in first
    second = staff_client.get(f"{session_url(session)}?status=confirmed&page=2").content.decode()
    assert "Cid Three" in second and "Ann One" not in second


def test_per_page_is_one_hundred():
    assert staff_views.PER_PAGE == 100


# --- Query counts ------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        assert response.status_code == 200
        if url.endswith(("csv", "xlsx")):
            assert len(response.content) > 0
    return len(context.captured_queries)


def _more_rows(session: Session, ngo) -> None:
    """Rows of every shape: resolved and unresolved organisations, waitlisted, other sessions."""
    other = f.session(session.series, capacity=1)
    for n in range(4):
        register(session, name=f"Extra {n}", email=f"extra{n}@entraide.example")
        register(session, name=f"Member {n}", email=f"member{n}@liege.example")
        register(other, name=f"Other {n}", organisation=f"Typed {n}")
    f.session(session.series)
    f.session(f.series())


@pytest.mark.parametrize(
    "page",
    [
        "{session}",
        "{session}?member=no&kind=ngo",
        "{session}?format=csv",
        "{session}?format=xlsx&member=yes",
        "{series}",
        "{series}?member=yes",
        "{series}?format=csv",
        "{series}?format=xlsx",
        "/staff/series/",
    ],
)
def test_query_count_does_not_grow_with_rows(staff_client, ngo, page):
    session = f.session(f.series(), capacity=None)  # everyone gets a seat
    f.member_city()
    register(session, name="First Member", email="first@liege.example")
    register(session, name="First Ngo", email="first@entraide.example")
    url = _url(page, session)
    _queries(staff_client, url)  # warm caches (content types, session)
    before = _queries(staff_client, url)
    _more_rows(session, ngo)
    assert _queries(staff_client, url) == before


# --- Exports -----------------------------------------------------------------------------------


def test_csv_export_is_the_filtered_list_in_utf8_with_bom(staff_client, mixed, session):
    response = staff_client.get(f"{session_url(session)}?format=csv&status=confirmed")
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="registrations-{session.slug}.csv"' in response["Content-Disposition"]
    rows = rows_of(response)
    assert [r["Name"] for r in rows] == ["Alice Mertens", "Carla Rossi"]
    alice = rows[0]
    assert alice["Session"] == session.slug
    assert alice["Email"] == "alice@liege.example"
    assert alice["Organisation"] == "Ville de Liège"  # accents survive the round trip
    assert alice["Kind"] == "Local authority"
    assert alice["Country"] == "BE"
    assert alice["Status"] == "Confirmed"
    registered = mixed["member"].created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    assert alice["Registered at (UTC)"] == registered
    assert rows[1]["Organisation"] == "Comune di Bari"  # a new local authority
    assert rows[1]["Kind"] == "Local authority"


def test_series_csv_has_every_session(staff_client, mixed, session):
    rows = rows_of(staff_client.get(f"{series_url(session)}?format=csv"))
    assert {r["Session"] for r in rows} == {session.slug, mixed["full"].slug}
    assert len(rows) == 5


def test_exports_neutralise_formulas(staff_client, session):
    register(session, name='=HYPERLINK("http://evil.example")', organisation="+32 Ville")
    rows = rows_of(staff_client.get(f"{session_url(session)}?format=csv"))
    assert rows[0]["Name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["Organisation"] == "'+32 Ville"
    content = staff_client.get(f"{session_url(session)}?format=xlsx").content
    # Stored as text, so the value reads back as typed (a formula would read back empty).
    row = xlsx_rows(content)[1]
    assert (row[1], row[3]) == ('=HYPERLINK("http://evil.example")', "+32 Ville")


def test_xlsx_export_reads_back_with_calamine(staff_client, mixed, session):
    response = staff_client.get(f"{series_url(session)}?format=xlsx&status=waitlisted")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    header, *rows = xlsx_rows(response.content)
    assert header == [
        "Session",
        "Name",
        "Email",
        "Organisation",
        "Kind",
        "Country",
        "Status",
        "Registered at (UTC)",
    ]
    [row] = rows
    waiting = mixed["waiting"]
    assert row[:7] == [
        waiting.session.slug,
        "Dieter Wolf",
        "dieter@stadt.example",
        "Stadt Köln",
        "Local authority",  # resolved as a new local authority
        "DE",
        "Waitlisted",
    ]
    expected = waiting.created_at.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None)
    assert row[7] == expected


def test_xlsx_accents_and_all_rows(staff_client, session):
    register(session, name="Zoë Lefèvre-Çelik", organisation="Città di Torino")
    register(session, name="Łukasz Żółć")
    header, *rows = xlsx_rows(staff_client.get(f"{session_url(session)}?format=xlsx").content)
    assert [r[1] for r in rows] == ["Zoë Lefèvre-Çelik", "Łukasz Żółć"]
    assert rows[0][3] == "Città di Torino"


# --- Add by hand -------------------------------------------------------------------------------


def add_data(**kw: str) -> dict[str, str]:
    data = {
        "add-name": "Hélène Dubois",
        "add-email": "helene@mairie.example",
        "add-organisation": "Mairie de Lyon",
        "add-country": "FR",
        "add-language": "fr",
    }
    data.update({f"add-{k}": v for k, v in kw.items()})
    return data


def test_add_by_hand_confirms_at_once(staff_client, staff, session):
    response = staff_client.post(f"{session_url(session)}add/", add_data())
    assert response.status_code == 302 and response["Location"] == session_url(session)
    registration = Registration.objects.select_related("person", "request").get(session=session)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.source == "staff"
    assert registration.request.confirmed_at is not None
    assert registration.request.language == "fr"
    assert registration.request.consent_version.startswith("staff:")
    person = registration.person
    assert (person.name, person.email, person.organisation_text, person.country) == (
        "Hélène Dubois",
        "helene@mairie.example",
        "Mairie de Lyon",
        "FR",
    )
    entry = AuditLog.objects.get(code="registrations.registration.added")
    assert entry.actor == staff and entry.object_id == str(registration.pk)
    created = AuditLog.objects.get(code="registrations.request.created")
    assert created.actor == staff and created.details["source"] == "staff"
    page = staff_client.get(response["Location"]).content.decode()
    assert "Hélène Dubois is registered and confirmed." in page


def test_add_by_hand_to_a_full_session_waitlists(staff_client, session):
    full = f.session(session.series, capacity=0)
    response = staff_client.post(f"{session_url(full)}add/", add_data(), follow=True)
    assert Registration.objects.get(session=full).status == RegistrationStatus.WAITLISTED
    assert "is on the waitlist: the session is full." in response.content.decode()


def test_add_by_hand_shows_errors_and_keeps_input(staff_client, session):
    response = staff_client.post(f"{session_url(session)}add/", add_data(email="not-an-email"))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_add-email-error"' in body and 'aria-invalid="true"' in body
    assert 'value="Hélène Dubois"' in body and 'id="error-summary"' in body
    assert not Registration.objects.exists()


def test_add_by_hand_reports_a_closed_session(staff_client, session):
    past = f.session(session.series, days=-1)
    response = staff_client.post(f"{session_url(past)}add/", add_data())
    assert response.status_code == 400
    assert "it has started" in response.content.decode()
    assert not Registration.objects.exists()


def test_add_by_hand_respects_members_only(staff_client):
    members = f.session(f.series(audience_policy="members_only"))
    response = staff_client.post(f"{session_url(members)}add/", add_data())
    assert response.status_code == 400
    body = response.content.decode()
    assert "is for members of the network only" in body and 'id="id_add-organisation-error"' in body
    assert not Registration.objects.exists()


# --- Promote -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_promote_moves_off_the_waitlist_and_tells_them(staff_client, staff):
    full = f.session(f.series(), capacity=0)
    waiting = register(full, name="Wim Wachter", email="wim@stad.example")
    next_url = f"{session_url(full)}?status=waitlisted"
    response = staff_client.post(f"/staff/registrations/{waiting.pk}/promote/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == next_url
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    entry = AuditLog.objects.get(code="registrations.registration.promoted")
    assert entry.actor == staff
    assert any(m.to == "wim@stad.example" and full.title in m.subject for m in outbox_list())
    page = staff_client.get(session_url(full)).content.decode()
    assert "Wim Wachter is moved off the waitlist and confirmed." in page


def test_promote_refuses_what_is_not_waitlisted(staff_client, session):
    confirmed = register(session)
    response = staff_client.post(
        f"/staff/registrations/{confirmed.pk}/promote/",
        {"next": "https://evil.example/"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == session_url(session)  # not the foreign next
    assert "Only a waitlisted registration" in response.content.decode()
    assert not AuditLog.objects.filter(code="registrations.registration.promoted").exists()


def test_promote_button_only_on_waitlisted_rows(staff_client, session):
    register(session)
    full = f.session(session.series, capacity=0)
    waiting = register(full)
    body = staff_client.get(series_url(session)).content.decode()
    assert body.count("/promote/") == 1
    assert f"/staff/registrations/{waiting.pk}/promote/" in body


# --- Email all confirmed -----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_email_goes_to_each_confirmed_registrant_only(staff_client, staff):
    session = f.session(f.series(), capacity=2)
    register(session, name="Ana Confirmed", email="ana@one.example")
    register(session, name="Ben Confirmed", email="ben@two.example")
    register(session, confirm=False, email="pending@three.example")
    register(session, email="waiting@four.example")  # full: waitlisted
    register(f.session(session.series), email="other@five.example")  # another session
    before = {m.name for m in outbox_list()}
    response = staff_client.post(
        f"{session_url(session)}email/",
        {"mail-subject": "Slides and  agenda", "mail-message": "The slides are attached.\n"},
    )
    assert response.status_code == 302
    sent = [m for m in outbox_list() if m.name not in before]
    assert sorted(m.to for m in sent) == ["ana@one.example", "ben@two.example"]
    assert {m.subject for m in sent} == {"Slides and agenda"}
    ana = next(m for m in sent if m.to == "ana@one.example")
    assert "Hello Ana Confirmed" in ana.text and "The slides are attached." in ana.text
    assert session.title in ana.text and "/me/" in ana.text  # the management link
    entry = AuditLog.objects.get(code="registrations.session.emailed")
    assert entry.actor == staff and entry.details == {
        "subject": "Slides and agenda",
        "recipients": 2,
    }
    page = staff_client.get(response["Location"]).content.decode()
    assert "Your message is queued for 2 confirmed registrants." in page


@pytest.mark.django_db(transaction=True)
def test_email_with_nobody_confirmed_sends_nothing(staff_client, session):
    register(session, confirm=False)
    before = len(outbox_list())
    response = staff_client.post(
        f"{session_url(session)}email/",
        {"mail-subject": "Hi", "mail-message": "Hello"},
        follow=True,
    )
    assert "Nobody is confirmed for this session yet" in response.content.decode()
    assert len(outbox_list()) == before
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


def test_email_form_errors_are_shown(staff_client, session):
    register(session)
    response = staff_client.post(
        f"{session_url(session)}email/", {"mail-subject": "", "mail-message": "Hello"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_mail-subject-error"' in body and "Hello</textarea>" in body
    assert not AuditLog.objects.filter(code="registrations.session.emailed").exists()


@pytest.mark.django_db(transaction=True)
def test_message_task_skips_a_registration_cancelled_meanwhile(session):
    registration = register(session)
    registration_cancel(actor=None, registration=registration)
    before = len(outbox_list())
    result = send_session_message_task.enqueue(
        registration_id=registration.pk, subject="Hi", message="Hello"
    )
    assert result.return_value == 0
    assert len(outbox_list()) == before
