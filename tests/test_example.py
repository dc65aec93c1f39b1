"""A teaching file: how we write tests in Convene. Read it before writing your first test.

It is a tour, in the manner of Zulip's zerver/tests/test_example.py. Each test is short and
its comments say *why* it is written the way it is. The rules it shows:

1. Test services against the real database (SQLite or PostgreSQL, whichever DATABASE_URL says).
   No mocks of our own code: call the service, then look at the rows it wrote.
2. Assert something that can fail. A test that passes whatever the code does is a defect.
3. Mail and other jobs are queued on commit: a rolled-back change sends nothing.
4. Capacity is counted under a lock; the tour shows the rule, tests/concurrency proves the race.
5. The API has an In schema and an Out schema; bad input gives 400 and a JSON `detail`.
6. Permissions are a parametrized table: role × page → status.
7. Every list page, endpoint and report gets a query-count test: add rows, count queries again,
   and expect the same number.
8. Parsers get property tests (hypothesis): arbitrary bytes give a result or our own error.
"""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from convene.attendance.parsers import AttendanceParseError, ParseResult, parse_bytes
from convene.core.mail import outbox_list
from convene.core.models import AuditLog
from convene.directory.models import Organisation
from convene.directory.selectors import organisation_is_member, organisation_list
from convene.directory.services import MembershipPeriod, organisation_create
from convene.registrations.models import Registration, RegistrationStatus, seat_taken_q
from convene.registrations.services import registration_request_create
from tests import factories as f

# Tests that touch the database say so; pytest-django wraps each in a transaction it rolls back.
pytestmark = pytest.mark.django_db


# 1. A service and its audit entry ---------------------------------------------------------------


def test_a_service_writes_rows_and_an_audit_entry(staff):
    # `staff` comes from tests/conftest.py: a real account created through a service.
    organisation = organisation_create(
        actor=staff,
        name="Gemeente Rotterdam",
        kind="local_authority",
        country="NL",
        memberships=[MembershipPeriod(dt.date(2016, 1, 1))],
    )
    # Look at what was written, through a selector, as the rest of the code would.
    assert organisation_is_member(organisation=organisation, on=dt.date(2020, 4, 14))
    # Every change leaves exactly one audit entry that names who did it.
    entry = AuditLog.objects.get(code="directory.organisation.created")
    assert (entry.object_id, entry.actor) == (str(organisation.pk), staff)


def test_bad_input_is_refused_and_nothing_is_written():
    with pytest.raises(ValidationError) as caught:
        organisation_create(actor=None, name="Stad Gent", kind="city", country="BE")
    # The error names the field, so a form or the API can show it next to the input.
    assert list(caught.value.message_dict) == ["kind"]
    assert not Organisation.objects.exists()
    assert not AuditLog.objects.exists()


# 2. Mail is sent on commit ----------------------------------------------------------------------
# Services never send mail themselves: they call convene.core.tasks.enqueue_with_transaction,
# which queues the job with transaction.on_commit. The tests run tasks at once (the immediate
# backend), but pytest-django's transaction is never committed, so on-commit callbacks would
# never run. `django_capture_on_commit_callbacks(execute=True)` collects them and runs them when
# its block ends, as a real commit would. Mail goes to the outbox folder of the autouse
# `outbox_dir` fixture (tests/conftest.py), one .eml file per message.


def test_the_confirmation_mail_is_sent_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks, outbox_dir
):
    session = f.session()
    with django_capture_on_commit_callbacks(execute=True):
        registration_request_create(
            series=session.series, sessions=[session], registrant=f.registrant("ana@gent.example")
        )
        # Still inside the transaction: the job waits for the commit, the outbox is empty.
        assert not list(outbox_dir.glob("*.eml"))
    # The block's end stands for the commit: it ran the queued job, which sent one mail, to the
    # person who registered.
    [mail] = outbox_list()
    assert mail.to == "ana@gent.example"


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks, outbox_dir):
    session = f.session()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            registration_request_create(
                series=session.series, sessions=[session], registrant=f.registrant()
            )
            raise RuntimeError("something later in the same request failed")
    # Rolling back dropped the rows *and* every queued job: nobody is told of a seat they lack.
    # (`callbacks` is filled as its block ends, with the jobs that would have run.)
    assert callbacks == []
    assert not Registration.objects.exists()
    assert not list(outbox_dir.glob("*.eml"))


# 3. Race, then lock -----------------------------------------------------------------------------
# "Count the seats taken, and insert if one is free" is a race: two requests both count 9 of 10
# and both insert. tests/concurrency/test_capacity.py shows it on PostgreSQL with 50 threads: the
# naive version oversells, the service does not. The service counts inside a transaction that
# holds a lock on the session row (select_for_update, sessions locked in primary-key order so two
# requests cannot deadlock; on SQLite the IMMEDIATE transaction serialises writers). Those tests
# need a live server and real threads, so they are slow and marked `live`. Here we pin the rule
# itself, on either database: capacity N, N + 2 people, N seats and 2 on the waitlist.


def test_capacity_is_never_exceeded_and_the_rest_are_waitlisted():
    seats = 3
    session = f.session(capacity=seats)
    for _ in range(seats + 2):
        registration_request_create(
            series=session.series, sessions=[session], registrant=f.registrant()
        )
    # seat_taken_q is the one definition of "holds a seat" (confirmed, or pending within its
    # hold); use it rather than re-stating the rule in the test.
    rows = Registration.objects.filter(session=session)
    assert rows.filter(seat_taken_q(timezone.now())).count() == seats
    assert rows.filter(status=RegistrationStatus.WAITLISTED).count() == 2


# 4. The API: an In schema, an Out schema --------------------------------------------------------
# RegistrationIn validates the request body; RegistrationsOut is what comes back. Test through
# the URL with Django's test Client, so routing, auth, schemas and error handlers are covered.


def test_the_api_registers_and_answers_with_the_out_schema():
    session = f.session()
    response = Client().post(
        "/api/registrations",
        data={
            "series": session.series.slug,
            "sessions": [session.slug],
            "name": "Marta Rossi",
            "email": "marta@comune.example",
            "consent": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    # Assert the whole body: a field added or renamed by accident fails here.
    assert response.json() == {"registrations": [{"session": session.slug, "status": "pending"}]}
    assert Registration.objects.get(session=session).person.email == "marta@comune.example"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"consent": False}, "consent"),  # refused by the service
        ({"email": "not an email"}, "email"),  # refused by the service
        ({"sessions": []}, "sessions"),  # refused by the In schema (min_length=1)
    ],
)
def test_bad_api_input_gives_400_with_a_detail_that_names_the_field(change, field):
    session = f.session()
    body = {"series": session.series.slug, "sessions": [session.slug], "name": "X", "consent": True}
    body |= {"email": "x@city.example", **change}
    response = Client().post("/api/registrations", data=body, content_type="application/json")
    assert response.status_code == 400
    # Clients show `detail` to people, so it must say which field is wrong.
    assert field in response.json()["detail"]
    assert not Registration.objects.exists()


# 5. Permissions are a table ---------------------------------------------------------------------
# Who may see what is decided in one place, convene.core.access (deny by default). Test it as a
# table: every role against every page, so a new role or page is one more row, not a new test.
# Anonymous visitors of a staff page are sent to sign in (302); signed-in non-staff get 403.

ROLES = ["anonymous", "signed_in", "staff"]  # signed_in: an account that is not staff


@pytest.fixture
def client_as(request, django_user_model):
    def make(role: str) -> Client:
        if role == "staff":
            return request.getfixturevalue("staff_client")  # from tests/conftest.py
        client = Client()
        if role == "signed_in":
            user = django_user_model.objects.create_user(email="someone@city.example", password="x")
            client.force_login(user)
        return client

    return make


# page: expected status for (anonymous, signed_in, staff)
PAGES = {
    "/staff/reports/": (302, 403, 200),  # a staff report
    "/staff/series/": (302, 403, 200),  # the series index that leads to the registrant lists
    "/programme/": (200, 200, 200),  # a public page
}


@pytest.mark.parametrize(
    ("role", "page", "expected"),
    [
        (role, page, expected)
        for page, row in PAGES.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_who_may_see_which_page(client_as, role, page, expected):
    response = client_as(role).get(page)
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith("/staff/login/")


# 6. Query counts do not grow with rows ----------------------------------------------------------


def test_query_count_does_not_grow_with_rows():
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            for organisation in organisation_list():
                list(organisation.aliases.all())  # would be one query per row without prefetch
        return len(context.captured_queries)

    organisation_create(actor=None, name="Ville de Nantes", kind="local_authority", country="FR")
    before = queries()
    for n in range(5):
        organisation_create(
            actor=None, name=f"Comune {n}", kind="local_authority", country="IT", aliases=[f"C{n}"]
        )
    assert queries() == before


def test_an_endpoint_query_count_does_not_grow_with_rows(api_client, django_assert_num_queries):
    # The same rule through the API (authentication, pagination and schema included): count once
    # with one row, then hold the endpoint to that number with six.
    organisation_create(actor=None, name="Ville de Nantes", kind="local_authority", country="FR")
    api_client.get("/api/organisations")  # warm up: a first use also writes last_used_at
    with CaptureQueriesContext(connection) as first:
        assert api_client.get("/api/organisations").status_code == 200
    for n in range(5):
        organisation_create(
            actor=None,
            name=f"Comune {n}",
            kind="local_authority",
            country="IT",
            domains=[f"c{n}.it"],
        )
    with django_assert_num_queries(len(first.captured_queries)):
        response = api_client.get("/api/organisations")
    assert response.json()["count"] == 6


# 7. Property tests: any input gives a result or our own error ----------------------------------
# Hypothesis makes up inputs (here, arbitrary bytes) and shrinks any failure to a small example.
# The attendance parsers promise to raise only AttendanceParseError; a KeyError or
# UnicodeDecodeError escaping would be a 500 on upload. tests/attendance/test_properties.py runs
# many more examples; a tour keeps max_examples small so it stays fast.


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=1024))
def test_parsers_raise_only_their_own_error(data):
    try:
        result = parse_bytes(data, tz="Europe/Brussels")
    except AttendanceParseError as exc:
        assert str(exc)  # our error always says what is wrong
    else:
        assert isinstance(result, ParseResult)


def test_a_file_that_is_no_report_gives_our_error():
    # The property above allows our error; pin once that a non-report really does raise it.
    with pytest.raises(AttendanceParseError):
        parse_bytes(json.dumps({"not": "an attendance report"}).encode(), tz="Europe/Brussels")
