import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from convene.core.mail import outbox_list
from convene.core.models import AuditLog
from convene.directory.models import Person
from convene.registrations.models import Registration, RegistrationStatus
from convene.registrations.selectors import session_availability
from convene.registrations.services import (
    MembersOnlyRefused,
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    registrations_lapse,
    waitlists_refill,
)
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)  # mails are queued on commit

P, C, W = RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED


def statuses(request):
    return {r.session.slug: r.status for r in request.registrations.select_related("session")}


def register(series, sessions, **kw):
    return registration_request_create(
        series=series, sessions=sessions, registrant=f.registrant(**kw)
    )


def test_one_request_for_three_sessions_one_full():
    series = f.series()
    a, b = f.session(series), f.session(series)
    full = f.session(series, capacity=1)
    register(series, [full])  # someone else takes the only seat
    request = register(series, [a, b, full], email="marie@bordeaux.example")
    assert statuses(request) == {a.slug: P, b.slug: P, full.slug: W}
    subjects = [m.subject for m in outbox_list() if m.to == "marie@bordeaux.example"]
    assert subjects == [f"Please confirm your registration: {series.title}"]

    registration_request_confirm(request=request)
    assert statuses(request) == {a.slug: C, b.slug: C, full.slug: W}
    [confirmed] = [m for m in outbox_list() if m.subject.startswith("You are registered")]
    # A calendar file for each seat, none for the session on the waitlist (no seat yet).
    assert sorted(name for name, _t, _s in confirmed.attachments) == sorted(
        f"{s.slug}.ics" for s in (a, b)
    )
    assert "/j/" in confirmed.text  # join links for the confirmed sessions
    held, waiting = confirmed.text.split("These sessions are full")
    assert str(a.title) in held and str(b.title) in held and str(full.title) not in held
    assert str(full.title) in waiting and "/j/" not in waiting


def test_registering_again_is_idempotent_and_sends_a_fresh_mail():
    series = f.series()
    session = f.session(series, capacity=2)
    first = register(series, [session], email="Hans@Essen.example")
    second = register(series, [session], email="hans@essen.example")
    assert Registration.objects.filter(session=session).count() == 1
    assert Person.objects.count() == 1
    assert session_availability(session=session).seats_taken == 1
    assert statuses(second) == {session.slug: P}
    assert first.registrations.count() == 0  # the row moved to the newest request
    assert len([m for m in outbox_list() if m.subject.startswith("Please confirm")]) == 2


def test_a_known_person_gets_a_row_per_session_and_back_after_cancelling():
    series = f.series()
    first, second = f.session(series, capacity=1), f.session(series, capacity=1)
    register(series, [first], email="ana@bcn.example")
    request = register(series, [second], email="ana@bcn.example")
    assert statuses(request) == {second.slug: P}
    [row] = request.registrations.all()
    registration_cancel(actor=None, registration=row)
    again = register(series, [second], email="ana@bcn.example")
    assert statuses(again) == {second.slug: P}  # the same row, its seat taken again
    assert again.registrations.get().pk == row.pk
    assert Registration.objects.filter(person__email="ana@bcn.example").count() == 2
    assert session_availability(session=second).seats_taken == 1


def test_pending_holds_a_seat_for_48_hours_then_lapses(settings):
    series = f.series()
    session = f.session(series, capacity=1)
    late = register(series, [session])
    waiting = register(series, [session])
    registration_request_confirm(request=waiting)  # confirmed email, still waitlisted
    assert statuses(waiting) == {session.slug: W}
    later = timezone.now() + dt.timedelta(hours=49)
    assert session_availability(session=session, now=later).seats_taken == 0
    assert registrations_lapse(now=later) == 1
    assert statuses(late) == {session.slug: RegistrationStatus.LAPSED}
    assert statuses(waiting) == {session.slug: C}


def test_confirming_after_the_hold_ran_out_takes_a_free_seat_or_waits(settings):
    series = f.series()
    session = f.session(series, capacity=1)
    request = register(series, [session])
    Registration.objects.update(hold_until=timezone.now() - dt.timedelta(minutes=1))
    other = register(series, [session])  # the lapsed hold no longer counts
    assert statuses(other) == {session.slug: P}
    registration_request_confirm(request=request)
    assert statuses(request) == {session.slug: W}


def test_cancel_promotes_the_first_on_the_waitlist_and_tells_them():
    series = f.series()
    session = f.session(series, capacity=1)
    holder = register(series, [session])
    registration_request_confirm(request=holder)
    first = register(series, [session], email="first@x.example")
    second = register(series, [session], email="second@x.example")
    registration_request_confirm(request=second)
    registration_request_confirm(request=first)  # confirmed later, but registered earlier
    registration_cancel(actor=None, registration=holder.registrations.get())
    assert statuses(first) == {session.slug: C}
    assert statuses(second) == {session.slug: W}
    promoted = [m for m in outbox_list() if m.subject.startswith("A seat is yours")]
    assert [m.to for m in promoted] == ["first@x.example"]
    assert AuditLog.objects.filter(code="registrations.registration.cancelled").count() == 1


def test_unconfirmed_waitlisted_people_are_skipped():
    series = f.series()
    session = f.session(series, capacity=1)
    holder = register(series, [session])
    register(series, [session], email="never-confirms@x.example")
    confirmed = register(series, [session], email="confirms@x.example")
    registration_request_confirm(request=confirmed)
    registration_cancel(actor=None, registration=holder.registrations.get())
    assert statuses(confirmed) == {session.slug: C}


def test_members_only_refuses_non_members_with_the_reason():
    f.member_city()
    series = f.series(audience_policy="members_only")
    session = f.session(series)
    register(series, [session], email="officer@liege.example")  # member by email domain
    with pytest.raises(MembersOnlyRefused) as caught:
        register(series, [session], email="a@ngo.example", organisation="Some NGO")
    assert "members" in str(caught.value) and "Some NGO" in str(caught.value)
    assert Registration.objects.count() == 1


def test_membership_is_taken_on_the_session_date():
    from convene.directory.services import MembershipPeriod, organisation_create

    organisation_create(
        actor=None,
        name="Stad Gent",
        kind="local_authority",
        country="BE",
        domains=["gent.example"],
        memberships=[MembershipPeriod(timezone.now().date() + dt.timedelta(days=30))],
    )
    series = f.series(audience_policy="members_only")
    soon, later = f.session(series, days=7), f.session(series, days=60)
    with pytest.raises(MembersOnlyRefused):
        register(series, [soon], email="x@gent.example", organisation="Stad Gent")
    later_request = register(series, [later], email="x@gent.example", organisation="Stad Gent")
    assert statuses(later_request) == {later.slug: P}


def test_members_first_waitlists_non_members_until_release():
    f.member_city()
    series = f.series(audience_policy="members_first")
    session = f.session(series, days=20, capacity=5)  # released 7 days before: in 13 days
    member = register(series, [session], email="m@liege.example")
    guest = register(series, [session], email="guest@ngo.example", organisation="NGO")
    registration_request_confirm(request=guest)
    assert statuses(member) == {session.slug: P}
    assert statuses(guest) == {session.slug: W}
    assert waitlists_refill(now=timezone.now()) == 0
    assert waitlists_refill(now=session.release_at + dt.timedelta(minutes=1)) == 1
    assert statuses(guest) == {session.slug: C}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"consent_version": ""}, "consent"),
        ({"name": " "}, "name"),
        ({"country": "XX"}, "country"),
        ({"language": "de"}, "language"),
    ],
)
def test_bad_registrant_is_refused_and_nothing_is_written(change, field):
    series = f.series()
    session = f.session(series)
    with pytest.raises(ValidationError) as caught:
        register(series, [session], **change)
    assert field in caught.value.message_dict
    assert not Registration.objects.exists() and not Person.objects.exists()


@pytest.mark.parametrize("state", ["draft", "started", "cancelled", "closed"])
def test_closed_sessions_are_refused(state):
    series = f.series(
        registration_closes_at=timezone.now() - dt.timedelta(days=1) if state == "closed" else None
    )
    session = f.session(series, days=-0.01 if state == "started" else 5)
    if state == "draft":
        session.status = "draft"
    if state == "cancelled":
        session.status = "cancelled"
    session.save()
    with pytest.raises(ValidationError) as caught:
        register(series, [session])
    assert "sessions" in caught.value.message_dict


def test_session_of_another_series_is_refused():
    series = f.series()
    other = f.session(f.series())
    with pytest.raises(ValidationError):
        register(series, [other])


def test_existing_person_details_are_not_overwritten_by_a_form():
    series = f.series()
    session = f.session(series)
    register(series, [session], email="jordi@bcn.example", name="Jordi Puig", job_title="Officer")
    register(series, [session], email="jordi@bcn.example", name="Someone Else", job_title="CEO")
    person = Person.objects.get()
    assert (person.name, person.job_title) == ("Jordi Puig", "Officer")


def test_cancelling_a_session_tells_registrants_with_a_cancel_calendar():
    from convene.registrations.services import session_cancel_notify as session_cancel

    series = f.series()
    session = f.session(series)
    request = register(series, [session], email="a@x.example")
    registration_request_confirm(request=request)
    session_cancel(actor=None, session=session)
    [mail] = [m for m in outbox_list() if m.subject.startswith("Session cancelled")]
    assert mail.to == "a@x.example"
    [(name, content_type, _size)] = mail.attachments
    assert content_type == "text/calendar"


def test_moving_a_session_sends_an_update():
    from convene.registrations.services import session_update_notify as session_update

    series = f.series()
    session = f.session(series)
    registration_request_confirm(request=register(series, [session], email="b@x.example"))
    session_update(
        actor=None,
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=2),
        ends_at=session.ends_at + dt.timedelta(hours=2),
    )
    session_update(actor=None, session=session, capacity=99)  # not a calendar change
    updates = [m for m in outbox_list() if m.subject.startswith("Session updated")]
    assert [m.to for m in updates] == ["b@x.example"]


def test_seats_taken_counts_what_seat_taken_q_selects():
    """Seats are counted from the rows: confirmed, and pending within the hold."""
    from convene.registrations.models import seat_taken_q
    from convene.registrations.services.seats import _seats_taken

    series = f.series()
    session, other = f.session(series, capacity=50), f.session(series, capacity=50)
    for n in range(14):
        register(series, [session, other], email=f"p{n}@x.example")
    now = timezone.now()
    rows = list(Registration.objects.filter(session=session).order_by("pk"))
    states = [
        (C, None), (C, None), (P, now + dt.timedelta(hours=1)), (P, now - dt.timedelta(hours=1)),
        (P, None), (W, None), (RegistrationStatus.CANCELLED, None),
        (RegistrationStatus.LAPSED, None), (P, now + dt.timedelta(days=1)),
    ]  # fmt: skip
    for row, (status, hold) in zip(rows, states, strict=False):
        Registration.objects.filter(pk=row.pk).update(status=status, hold_until=hold)
    expected = Registration.objects.filter(seat_taken_q(now), session=session).count()
    assert _seats_taken(session, now) == expected == 4 + (len(rows) - len(states))
    assert _seats_taken(f.session(series), now) == 0


def test_a_rolled_back_registration_sends_nothing():
    """With a backend that runs jobs at once (the tests' and the demo's), the mail waits for the
    commit, so a registration whose transaction rolls back sends nothing."""
    series = f.series()
    session = f.session(series)
    with pytest.raises(RuntimeError), transaction.atomic():
        register(series, [session], email="gone@x.example")
        raise RuntimeError("the caller failed after registering")
    assert not Person.objects.filter(email="gone@x.example").exists()
    assert outbox_list() == []
    register(series, [session], email="kept@x.example")
    assert [m.to for m in outbox_list()] == ["kept@x.example"]


def test_with_the_database_queue_the_mail_job_commits_with_the_registration(settings):
    """With the database queue, the mail's job row is written by the registration's own
    transaction (a transactional outbox): it exists before the commit and dies with a rollback."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    series = f.series()
    session = f.session(series)
    with transaction.atomic():
        request = register(series, [session], email="kept@x.example")
        [job] = DBTaskResult.objects.all()
        assert job.args_kwargs["kwargs"] == {"kind": "request", "object_id": request.pk}
    with pytest.raises(RuntimeError), transaction.atomic():
        register(series, [session], email="gone@x.example")
        assert DBTaskResult.objects.count() == 2
        raise RuntimeError("the caller failed after registering")
    assert DBTaskResult.objects.count() == 1
    assert outbox_list() == []  # nothing runs until the worker does
