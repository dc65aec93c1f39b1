"""Importing the registrations of a past series: columns as other tools head them, sessions by
slug, date or title, confirmed registrations the report counts, no mail unless asked, one
transaction, the same file twice changes nothing, and the CLI's exits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from convene.core.models import AuditLog
from convene.directory.models import Person
from convene.registrations.import_columns import detect_mapping
from convene.registrations.models import Registration, RegistrationImport, RegistrationStatus
from convene.registrations.services.imports import (
    registration_import_commit,
    registration_import_map,
    registration_import_plan,
    registration_import_stage,
    registrations_import,
)
from convene.reports.scope import Scope
from convene.reports.selectors import report_figures
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def past_series():
    series = f.series(slug="lockdown-2020", title="Lockdown webconferences 2020")
    for slug, day in (("policing", 14), ("shelters", 21)):
        starts = dt.datetime(2020, 4, day, 12, 0, tzinfo=dt.UTC)
        f.session(series, slug=slug, title=f"Session {slug}", starts_at=starts)
    return series


ZOOM = (
    b"First Name,Last Name,Email,Registration Time,Approval Status,Organization,"
    b"Country/Region Name,"
    b"Event Date\n"
    b"Marie,Dupont,marie.dupont@bordeaux.example,2020-04-01 10:00,approved,Ville de Bordeaux,"
    b"France,2020-04-14\n"
    b"Hans,Becker,hans.becker@essen.example,2020-04-02 11:00,approved,Stadt Essen,Germany,"
    b"2020-04-14\n"
    b"Hans,Becker,hans.becker@essen.example,2020-04-02 11:00,approved,Stadt Essen,Germany,"
    b"2020-04-21\n"
    b"Rita,Denied,rita@spam.example,2020-04-03 09:00,denied,,,2020-04-14\n"
)


def test_zoom_headers_are_detected():
    mapping = detect_mapping(ZOOM.decode().splitlines()[0].split(","))
    assert mapping["first_name"] == "First Name"
    assert mapping["email"] == "Email"
    assert mapping["organisation"] == "Organization"
    assert mapping["country"] == "Country/Region Name"
    assert mapping["sessions"] == "Event Date"
    assert mapping["status"] == "Approval Status"


def test_a_past_series_is_imported_as_confirmed_and_the_report_counts_it(past_series):
    _plan, counts = registrations_import(
        actor=None, series=past_series, file_name="zoom.csv", data=ZOOM
    )
    assert counts["create"] == 3 and counts["left_out"] == 1 and counts["people_new"] == 2
    registrations = Registration.objects.filter(session__series=past_series)
    assert registrations.count() == 3
    assert set(registrations.values_list("status", flat=True)) == {RegistrationStatus.CONFIRMED}
    assert set(registrations.values_list("source", flat=True)) == {"import"}
    hans = Person.objects.get(email="hans.becker@essen.example")
    assert hans.name == "Hans Becker" and hans.country == "DE"
    assert not Person.objects.filter(email="rita@spam.example").exists()
    assert report_figures(scope=Scope(series=past_series)).registrants == 2
    assert AuditLog.objects.filter(code="registrations.import.committed").count() == 1


def test_the_same_file_twice_changes_nothing(past_series):
    registrations_import(actor=None, series=past_series, file_name="zoom.csv", data=ZOOM)
    before = list(Registration.objects.values_list("pk", "status", "request_id", "confirmed_at"))
    people = Person.objects.count()
    _plan, counts = registrations_import(
        actor=None, series=past_series, file_name="zoom.csv", data=ZOOM
    )
    assert counts["create"] == 0 and counts["update"] == 0 and counts["unchanged"] == 3
    assert list(Registration.objects.values_list("pk", "status", "request_id", "confirmed_at")) == (
        before
    )
    assert Person.objects.count() == people


def test_a_cancelled_registration_is_confirmed_again(past_series):
    registrations_import(actor=None, series=past_series, file_name="zoom.csv", data=ZOOM)
    Registration.objects.filter(person__email="marie.dupont@bordeaux.example").update(
        status=RegistrationStatus.CANCELLED
    )
    _plan, counts = registrations_import(
        actor=None, series=past_series, file_name="zoom.csv", data=ZOOM
    )
    assert counts["update"] == 1
    assert Registration.objects.get(person__email="marie.dupont@bordeaux.example").status == (
        RegistrationStatus.CONFIRMED
    )


def test_sessions_by_slug_or_title_and_google_forms_headers(past_series):
    data = (
        "Timestamp,Email Address,Nom,Prénom,Organisme,Pays,Langue,Sessions choisies\n"
        "2020/04/01 10:00,anna@lyon.example,Martin,Anna,Ville de Lyon,FR,français,"
        "policing; Session shelters\n"
    ).encode()
    registrations_import(actor=None, series=past_series, file_name="forms.csv", data=data)
    anna = Person.objects.get(email="anna@lyon.example")
    assert anna.name == "Anna Martin"
    assert anna.preferred_language == "fr"
    assert anna.registrations.count() == 2


def test_one_bad_row_imports_nothing_and_names_its_line(past_series):
    data = ZOOM + b"Bad,Row,not-an-email,,approved,,,2020-04-14\n"
    with pytest.raises(ValidationError, match="line 6"):
        registrations_import(actor=None, series=past_series, file_name="z.csv", data=data)
    assert not Registration.objects.exists()
    assert not Person.objects.exists()
    data = ZOOM + b"Ann,Other,ann@x.example,,approved,,,2020-05-01\n"
    plan = registration_import_plan(series=past_series, data=data)
    assert plan.errors == [(6, "No session of this series matches “2020-05-01”.")]


def test_a_failure_while_writing_rolls_everything_back(past_series, monkeypatch):
    staged = registration_import_stage(actor=None, series=past_series, file_name="z.csv", data=ZOOM)
    from convene.registrations.services import imports

    calls = {"n": 0}
    real = imports._person_for

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise ValidationError("the database said no")
        return real(*args, **kwargs)

    monkeypatch.setattr(imports, "_person_for", flaky)
    with pytest.raises(ValidationError):
        registration_import_commit(actor=None, registration_import=staged)
    assert not Registration.objects.exists()
    assert not Person.objects.exists()
    staged.refresh_from_db()
    assert staged.status == "staged"


def test_the_mapping_can_be_changed_and_mail_is_sent_only_when_asked(past_series):
    data = (
        b"Attendee,Contact,Employer,When\n"
        b"Karim El Idrissi,k@molenbeek.example,Commune de Molenbeek,policing\n"
    )
    staged = registration_import_stage(
        actor=None, series=past_series, file_name="civi.csv", data=data
    )
    plan = registration_import_plan(series=past_series, data=data, mapping=staged.mapping)
    assert plan.errors and plan.errors[0][0] == 1  # no email column detected
    registration_import_map(
        registration_import=staged,
        mapping={
            "name": "Attendee",
            "email": "Contact",
            "organisation": "Employer",
            "sessions": "When",
        },
        notify=True,
    )
    with CapturedMails() as sent:
        registration_import_commit(actor=None, registration_import=staged)
    assert Registration.objects.get().session.slug == "policing"
    assert sent


class CapturedMails:
    """Collect the mails queued by the registration notifications."""

    def __enter__(self) -> list:
        from convene.registrations import notify

        self.sent: list = []
        self.original = notify.on_commit_request_confirmed
        notify.on_commit_request_confirmed = self.sent.append  # type: ignore[assignment]
        return self.sent

    def __exit__(self, *exc: object) -> None:
        from convene.registrations import notify

        notify.on_commit_request_confirmed = self.original  # type: ignore[assignment]


def test_no_mail_by_default(past_series):
    with CapturedMails() as sent:
        registrations_import(actor=None, series=past_series, file_name="z.csv", data=ZOOM)
    assert sent == []


# The command line -------------------------------------------------------------------------


def test_dry_run_prints_one_line_per_kind_and_writes_nothing(past_series, tmp_path, capsys):
    path = tmp_path / "zoom.csv"
    path.write_bytes(ZOOM)
    call_command("registrations_import", past_series.slug, str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "new people: 2" in out
    assert "registrations that would be created: 3" in out
    assert "organisations left in review:" in out
    assert not Registration.objects.exists()
    assert not RegistrationImport.objects.exists()
    call_command("registrations_import", past_series.slug, str(path))
    assert "registrations created: 3" in capsys.readouterr().out


def test_a_bad_file_or_series_exits_2(past_series, tmp_path):
    path = tmp_path / "zoom.csv"
    path.write_bytes(ZOOM + b"Bad,Row,not-an-email,,approved,,,2020-04-14\n")
    with pytest.raises(CommandError, match=r"zoom.csv: line 6: ") as info:
        call_command("registrations_import", past_series.slug, str(path), "--dry-run")
    assert info.value.returncode == 2
    with pytest.raises(CommandError, match="No series") as info:
        call_command("registrations_import", "nope", str(path))
    assert info.value.returncode == 2
    path.write_bytes(b"\x00\x01binary")
    with pytest.raises(CommandError) as info:
        call_command("registrations_import", past_series.slug, str(path))
    assert info.value.returncode == 2


def test_imports_may_target_past_sessions_only_through_staff(past_series):
    """The live form still refuses a session that has started."""
    from convene.registrations.services import registration_request_create

    session = past_series.sessions.first()
    assert session.starts_at < timezone.now()
    with pytest.raises(ValidationError, match="closed"):
        registration_request_create(
            series=past_series, sessions=[session], registrant=f.registrant()
        )
