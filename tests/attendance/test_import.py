"""The attendance import service against the real database: samples, atomicity, idempotency,
merging across files, matching to registrants, thresholds, and the unmatched queue."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from convene.attendance.models import (
    Attendance,
    AttendanceImport,
    AttendanceSource,
    ColumnMappingPreset,
    ImportStatus,
)
from convene.attendance.parsers import AttendanceParseError
from convene.attendance.services import (
    AttendanceImporter,
    ImportOptions,
    attendance_import_commit,
    attendance_import_start,
    attendance_link_person,
    attendance_person_create,
    mapping_preset_save,
)
from convene.attendance.services import imports as imports_module
from convene.core.models import AuditLog
from convene.directory.models import Person
from convene.directory.services import person_create
from convene.programme.models import Series, Session
from convene.registrations.models import Registration
from convene.registrations.services import (
    registration_request_confirm,
    registration_request_create,
)
from tests import factories as f

from .builders import zoom_report
from .conftest import sample_bytes

pytestmark = pytest.mark.django_db

MAY_26 = dt.date(2020, 5, 26)


def importer(
    session: Session, data: bytes, name: str = "report.csv", **options: object
) -> AttendanceImporter:
    return AttendanceImporter(
        session=session, data=data, file_name=name, options=ImportOptions(**options)
    )


def commit(session: Session, data: bytes, name: str = "report.csv", **options: object):
    return importer(session, data, name, **options).commit(actor=None)


def register(session: Session, *, name: str, email: str, confirm: bool = True) -> Registration:
    request = registration_request_create(
        series=session.series,
        sessions=[session],
        registrant=f.registrant(name=name, email=email),
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(request=request, session=session)


def minutes_by_name(session: Session) -> dict[str, float]:
    return {a.name: round(a.minutes, 1) for a in Attendance.objects.filter(session=session)}


@pytest.fixture
def session() -> Session:
    return f.session(f.series(), hours=1.5)


def zoom_file(rows: list[tuple[str, str, str, str]]) -> bytes:
    return zoom_report(rows).encode()


def at(clock: str, day: str = "04/14/2020") -> str:
    """A Zoom US-style timestamp on ``day`` (clock is 24-hour, HH:MM)."""
    hour, minute = (int(part) for part in clock.split(":"))
    suffix = "PM" if hour >= 12 else "AM"
    return f"{day} {(hour - 1) % 12 + 1:02d}:{minute:02d}:00 {suffix}"


# --- Every shared sample imports with the right people and minutes ------------------------------

SAMPLES = [
    (
        "zoom_meeting_participants.csv",
        {},
        {
            "Forum Secretariat": 76.6,
            "Marie Dupont": 59.1,
            "Jordi Puig": 60.5,
            "Hans Becker": 54.2,
            "Sophie Lambert": 59.2,
            "Pieter Van den Berg": 43.0,
            "+32 4** *** *12": 43.5,
            "priya": 1.2,
        },
    ),
    ("zoom_meeting_with_meeting_data.csv", {}, {"Karim El Idrissi": 57.0, "Lotte Peeters": 60.0}),
    (
        "zoom_webinar_attendee_report.csv",
        {},
        {
            "Forum Secretariat": 66.0,
            "Claire Martin": 63.0,
            "Ahmed Benali": 60.0,
            "Giulia Bianchi": 25.0,
        },
    ),
    (
        "teams_attendance.csv",
        {},
        {"Marie Dupont": 52.2, "Hans Becker": 58.5, "Guest 4821": 2.0},
    ),
    (
        "teams_attendance_legacy.csv",
        {},
        {"Forum Secretariat": 62.9, "Luca Ferrari": 58.1, "Eva de Vries": 58.0},
    ),
    (
        "bbb_learning_dashboard.csv",
        {},
        {
            "Forum Secretariat": 64.4,
            "Lotte Peeters": 57.8,
            "Karim El Idrissi": 44.2,
            "Anna Rossi": 6.0,
        },
    ),
    (
        "google_meet_attendance.csv",
        {"session_date": MAY_26},
        {"Marie Dupont": 62.0, "Jordi Puig": 45.0, "Unknown caller": 0.5},
    ),
    ("jitsi_event_sync.json", {}, {"Sophie Lambert": 63.9, "Fellow Jitster": 1.5}),
]
FULL = {
    "zoom_meeting_participants.csv",
    "zoom_webinar_attendee_report.csv",
    "teams_attendance_legacy.csv",
    "bbb_learning_dashboard.csv",
    "google_meet_attendance.csv",
}


@pytest.mark.parametrize(("name", "options", "expected"), SAMPLES, ids=[s[0] for s in SAMPLES])
def test_every_shared_sample_imports_people_and_minutes(session, name, options, expected):
    outcome = commit(session, sample_bytes(name), name, **options)
    assert outcome.attendance_import.status == ImportStatus.COMMITTED
    found = minutes_by_name(session)
    if name in FULL:
        assert found == expected
    else:
        assert {person: found.get(person) for person in expected} == expected
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == outcome.attendance_import.counts["people"]
    hosts = {a.name for a in rows if a.role == "host"}
    if "Forum Secretariat" in found:
        assert hosts == {"Forum Secretariat"}
    # Every row came from this import and keeps its intervals for later merges.
    assert AttendanceSource.objects.filter(attendance__session=session).count() == rows.count()


def test_sample_audience_excludes_hosts_and_short_stays(session):
    commit(session, sample_bytes("zoom_meeting_participants.csv"))
    audience = Attendance.objects.filter(session=session, attended=True, role="attendee")
    # Six people stayed 10 minutes or more; the host and priya (1.2 min) are not audience.
    assert sorted(a.name for a in audience) == sorted(
        ["Marie Dupont", "Jordi Puig", "Hans Becker", "Sophie Lambert",
         "Pieter Van den Berg", "+32 4** *** *12"]
    )  # fmt: skip


def test_meet_defaults_to_the_session_date(session):
    Session.objects.filter(pk=session.pk).update(
        starts_at=dt.datetime(2020, 5, 26, 12, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(2020, 5, 26, 13, 30, tzinfo=dt.UTC),
    )
    session.refresh_from_db()
    commit(session, sample_bytes("google_meet_attendance.csv"))
    marie = Attendance.objects.get(session=session, name="Marie Dupont")
    assert marie.first_join == dt.datetime(2020, 5, 26, 11, 58, tzinfo=dt.UTC)


# --- Atomicity ----------------------------------------------------------------------------------


def thousand_rows(broken: int | None = 900) -> bytes:
    rows = []
    for n in range(1, 1001):
        leave = "not a time" if n == broken else at("15:00")
        rows.append((f"Person {n:04d}", f"person{n}@city.example", at("14:00"), leave))
    return zoom_file(rows)


def test_a_broken_row_900_of_1000_leaves_the_database_unchanged(session):
    data = thousand_rows()
    preview = importer(session, data).preview()
    assert [e.line for e in preview.result.errors] == [901]  # row 900 sits under the header
    with pytest.raises(ValidationError, match="line 901"):
        commit(session, data)
    assert Attendance.objects.count() == 0
    assert AttendanceSource.objects.count() == 0
    assert not AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).exists()
    assert not AuditLog.objects.filter(code="attendance.import.committed").exists()


def test_a_stored_preview_with_errors_commits_nothing(session):
    stored = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="big.csv",
        options=ImportOptions(),
    )  # fmt: skip
    assert stored.errors == [{"line": 901, "message": stored.errors[0]["message"]}]
    with pytest.raises(ValidationError):
        attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    stored.refresh_from_db()
    assert stored.status == ImportStatus.PREVIEW
    assert Attendance.objects.count() == 0


def test_skipping_bad_rows_commits_the_other_999_and_lists_row_900(session):
    stored = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="big.csv",
        options=ImportOptions(),
    )  # fmt: skip
    outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=True)
    assert outcome.created == 999
    assert Attendance.objects.filter(session=session).count() == 999
    assert not Attendance.objects.filter(name="Person 0900").exists()
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
    assert [row["line"] for row in stored.skipped] == [901]
    assert stored.content is None  # the uploaded bytes are not kept after commit
    entry = AuditLog.objects.get(code="attendance.import.committed")
    assert entry.details["skipped_lines"] == [901]


def test_a_failure_while_writing_rolls_everything_back(session, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports_module, "audit_record", boom)
    with pytest.raises(RuntimeError):
        commit(session, thousand_rows(broken=None))
    assert Attendance.objects.count() == 0
    assert AttendanceSource.objects.count() == 0
    assert AttendanceImport.objects.count() == 0


# --- Idempotency and merging across files -------------------------------------------------------


def snapshot(session: Session) -> list[tuple]:
    return list(
        Attendance.objects.filter(session=session)
        .order_by("key")
        .values_list("key", "minutes", "connections", "attended", "role", "updated_at")
    )


def test_the_same_file_twice_changes_nothing(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    first = commit(session, data)
    before = snapshot(session)
    sources = AttendanceSource.objects.count()
    second = commit(session, data, "renamed.csv")
    assert second.unchanged
    assert second.attendance_import.pk == first.attendance_import.pk
    assert snapshot(session) == before
    assert AttendanceSource.objects.count() == sources
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1
    assert AuditLog.objects.filter(code="attendance.import.committed").count() == 1


def test_a_second_preview_of_the_same_file_says_so_and_commits_nothing(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    first = commit(session, data)
    stored = attendance_import_start(
        actor=None, session=session, data=data, file_name="again.csv", options=ImportOptions()
    )
    preview = importer(session, data).preview()
    assert preview.already_imported == first.attendance_import
    before = snapshot(session)
    outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    assert outcome.unchanged
    assert snapshot(session) == before
    assert not AttendanceImport.objects.filter(pk=stored.pk).exists()


def test_the_same_file_for_another_session_is_imported_there(session):
    data = sample_bytes("zoom_meeting_participants.csv")
    commit(session, data)
    other = f.session(session.series)
    assert not commit(other, data).unchanged
    assert Attendance.objects.filter(session=other).count() == 8


def test_a_second_hosts_export_merges_without_double_counting(session):
    first = zoom_file(
        [
            ("Host One (Host)", "host1@network.example", at("13:50"), at("15:05")),
            ("Karim El Idrissi", "karim@city.example", at("14:04"), at("14:30")),
            ("Ana Silva", "ana@city.example", at("14:00"), at("14:05")),
        ]
    )
    second = zoom_file(
        [
            ("Host Two (Host)", "host2@network.example", at("13:55"), at("15:05")),
            ("Karim El Idrissi", "karim@city.example", at("14:28"), at("15:01")),
            ("Ana Silva", "ana@city.example", at("14:00"), at("14:05")),
            ("Ana Silva", "ana@city.example", at("14:50"), at("14:58")),
        ]
    )
    commit(session, first, "host1.csv")
    outcome = commit(session, second, "host2.csv")
    assert not outcome.unchanged
    assert (outcome.created, outcome.updated) == (1, 2)
    karim = Attendance.objects.get(session=session, key="email:karim@city.example")
    assert round(karim.minutes, 1) == 57.0  # 26 + 33 would be 59
    assert karim.sources.count() == 2
    assert karim.imports.count() == 2
    ana = Attendance.objects.get(session=session, key="email:ana@city.example")
    assert round(ana.minutes, 1) == 13.0  # the 14:00-14:05 stay appears in both files once
    assert ana.attended  # 5 minutes alone were not enough; with the second file they are
    assert ana.connections == 2
    assert Attendance.objects.filter(session=session).count() == 4
    audience = Attendance.objects.filter(session=session, attended=True, role="attendee")
    assert audience.count() == 2


# --- Matching to registrants -------------------------------------------------------------------


def jitsi_file(occupants: list[dict]) -> bytes:
    base = 1590148800
    return json.dumps(
        {
            "event_name": "muc-room-destroyed",
            "room_name": "webconf",
            "all_occupants": [
                {"joined_at": base, "left_at": base + 3600, **occupant} for occupant in occupants
            ],
        }
    ).encode()


def test_matching_by_token_email_alternate_email_and_name(session):
    by_token = register(session, name="Sophie Lambert", email="sophie@liege.example")
    by_email = register(session, name="Hans Becker", email="hans.becker@essen.example")
    by_alt = register(session, name="Luca Ferrari", email="luca@comune.example")
    by_name = register(session, name="Marie Dupont", email="marie@bordeaux.example")
    # Luca was seen before with another address, and staff linked him.
    earlier = f.session(session.series)
    commit(earlier, zoom_file([("Luca F", "l.ferrari@private.example", at("14:00"), at("15:00"))]))
    attendance_link_person(
        actor=None,
        attendance=Attendance.objects.get(session=earlier),
        person=by_alt.person,
    )
    data = jitsi_file(
        [
            {"name": "S. L.", "email": "other@home.example", "id": by_token.join_token},
            {"name": "Hans", "email": "HANS.Becker@Essen.example"},
            {"name": "Luca", "email": "l.ferrari@private.example"},
            {"name": "Dupont Marie"},
            {"name": "Unknown Visitor"},
        ]
    )
    preview = importer(session, data, "jitsi.json").preview()
    assert preview.counts["matched"] == {"token": 1, "email": 1, "alternate_email": 1, "name": 1}
    assert preview.counts["unmatched"] == 1
    commit(session, data, "jitsi.json")
    rows = {a.registration_id: a for a in Attendance.objects.filter(session=session)}
    assert rows[by_token.pk].match_method == "token"
    assert rows[by_email.pk].match_method == "email"
    assert rows[by_alt.pk].match_method == "alternate_email"
    assert rows[by_name.pk].match_method == "name"
    assert rows[by_name.pk].person_id == by_name.person_id
    unmatched = rows[None]
    assert unmatched.name == "Unknown Visitor" and unmatched.person_id is None


def test_matching_uses_only_this_sessions_registrants(session):
    other = f.session(session.series)
    register(other, name="Marie Dupont", email="marie@bordeaux.example")
    commit(session, jitsi_file([{"name": "Marie Dupont", "email": "marie@bordeaux.example"}]))
    row = Attendance.objects.get(session=session)
    assert row.registration_id is None and row.match_method == "unmatched"


def test_a_cancelled_registrant_who_came_is_matched(session):
    registration = register(session, name="Eva de Vries", email="eva@utrecht.example")
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    commit(session, jitsi_file([{"name": "Eva", "email": "eva@utrecht.example"}]))
    assert Attendance.objects.get(session=session).registration_id == registration.pk


def attended_names(session: Session) -> set[str]:
    return {a.name for a in Attendance.objects.filter(session=session, attended=True)}


STAYS = [
    ("Ten Minutes", "ten@x.example", at("14:00"), at("14:10")),
    ("Nine Minutes", "nine@x.example", at("14:00"), at("14:09")),
    ("Forty Six", "fortysix@x.example", at("14:00"), at("14:46")),
    ("Twenty", "twenty@x.example", at("14:00"), at("14:20")),
]


def test_attended_means_at_least_n_minutes_by_default(session):
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Ten Minutes", "Forty Six", "Twenty"}


def test_attended_threshold_in_minutes_is_the_series_setting(session):
    Series.objects.filter(pk=session.series_id).update(attendance_min_minutes=30)
    session.refresh_from_db()
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Forty Six"}


def test_attended_threshold_in_percent_of_the_session(session):
    # 90-minute session: 50 % is 45 minutes, reached before the 60-minute floor.
    Series.objects.filter(pk=session.series_id).update(
        attendance_min_minutes=60, attendance_min_percent=50
    )
    session.refresh_from_db()
    commit(session, zoom_file(STAYS))
    assert attended_names(session) == {"Forty Six"}


# --- The unmatched queue -----------------------------------------------------------------------


def test_staff_link_an_unmatched_attendee_to_a_person(session, staff):
    registration = register(session, name="Jan Janssens", email="jan@gent.example")
    commit(session, zoom_file([("JJ phone", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    assert row.person_id is None
    linked = attendance_link_person(actor=staff, attendance=row, person=registration.person)
    assert linked.pk == row.pk
    row.refresh_from_db()
    assert row.person_id == registration.person_id
    assert row.registration_id == registration.pk
    assert row.match_method == "staff"
    assert row.key == f"person:{registration.person_id}"
    entry = AuditLog.objects.get(code="attendance.attendance.linked")
    assert entry.actor == staff and entry.details["person"] == registration.person_id
    # A later file with the same nameless attendee finds the linked row again.
    commit(session, zoom_file([("JJ phone", "", at("14:30"), at("15:10"))]), "second.csv")
    row.refresh_from_db()
    assert Attendance.objects.filter(session=session).count() == 1
    assert round(row.minutes, 1) == 70.0


def test_linking_to_someone_already_present_merges_the_rows(session, staff):
    registration = register(session, name="Claire Martin", email="claire@lyon.example")
    commit(
        session,
        zoom_file(
            [
                ("Claire Martin", "claire@lyon.example", at("14:00"), at("14:40")),
                ("Tablet", "", at("14:30"), at("15:00")),
            ]
        ),
    )
    tablet = Attendance.objects.get(session=session, person__isnull=True)
    merged = attendance_link_person(actor=staff, attendance=tablet, person=registration.person)
    assert not Attendance.objects.filter(pk=tablet.pk).exists()
    assert Attendance.objects.filter(session=session).count() == 1
    assert round(merged.minutes, 1) == 60.0  # 14:00-15:00 once, not 40 + 30
    assert merged.sources.count() == 1


def test_staff_create_a_person_for_an_unmatched_attendee(session, staff):
    commit(session, zoom_file([("Piet Peeters", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    f.member_city()
    linked = attendance_person_create(
        actor=staff,
        attendance=row,
        name="Piet Peeters",
        email="piet@liege.example",
        organisation_text="Ville de Liège",
    )
    person = Person.objects.get(email="piet@liege.example")
    assert linked.person == person
    assert person.organisation is not None and person.organisation.name == "Ville de Liège"
    assert person.organisation_text == "Ville de Liège"
    assert AuditLog.objects.filter(code="directory.person.created").count() == 1
    assert AuditLog.objects.filter(code="attendance.attendance.linked").count() == 1


def test_creating_a_person_whose_email_exists_changes_nothing(session, staff):
    person_create(actor=None, email="taken@x.example", name="Taken")
    commit(session, zoom_file([("Someone", "", at("14:00"), at("15:00"))]))
    row = Attendance.objects.get(session=session)
    with pytest.raises(ValidationError):
        attendance_person_create(
            actor=staff, attendance=row, name="Someone", email="TAKEN@x.example"
        )
    row.refresh_from_db()
    assert row.person_id is None
    assert not AuditLog.objects.filter(code="attendance.attendance.linked").exists()


# --- Column mappings ---------------------------------------------------------------------------

GENERIC = (
    b"Participant;Mail;Start;End\n"
    b"Nadia Haddad;nadia@x.example;2020-04-14 14:00;2020-04-14 14:45\n"
    b"Tom Baker;tom@x.example;2020-04-14 14:10;2020-04-14 14:15\n"
)


def test_a_saved_mapping_reads_a_generic_csv(session, staff):
    preset = mapping_preset_save(
        actor=staff,
        name="Our own tool",
        mapping={"name": "Participant", "email": "Mail", "join": "Start", "leave": "End"},
    )
    assert ColumnMappingPreset.objects.get().mapping["join"] == "Start"
    commit(session, GENERIC, "own.csv", format="generic", mapping=preset.mapping)
    assert minutes_by_name(session) == {"Nadia Haddad": 45.0, "Tom Baker": 5.0}
    assert AuditLog.objects.filter(code="attendance.mapping.created").count() == 1


def test_an_incomplete_mapping_is_refused(staff):
    with pytest.raises(ValidationError, match="join and leave"):
        mapping_preset_save(actor=staff, name="Broken", mapping={"name": "Participant"})
    assert not ColumnMappingPreset.objects.exists()


def test_old_previews_are_discarded_with_their_file(session):
    old = attendance_import_start(
        actor=None, session=session, data=thousand_rows(), file_name="old.csv",
        options=ImportOptions(),
    )  # fmt: skip
    kept = commit(session, sample_bytes("jitsi_event_sync.json")).attendance_import
    AttendanceImport.objects.filter(pk__in=[old.pk, kept.pk]).update(
        created_at=old.created_at - dt.timedelta(days=8)
    )
    attendance_import_start(
        actor=None, session=session, data=b"name,email\nA,a@x.example\n", file_name="n.csv",
        options=ImportOptions(format="generic", mapping={"name": "name", "duration": "email"}),
    )  # fmt: skip
    assert not AttendanceImport.objects.filter(pk=old.pk).exists()
    assert AttendanceImport.objects.filter(pk=kept.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_same_file_committed_at_once_by_four_requests_lands_once():
    """The session-row lock (and, behind it, the unique constraint) makes concurrent
    commits of one file a single import; the others report "unchanged"."""
    import threading

    from django.db import connections

    session = f.session(f.series())
    data = sample_bytes("zoom_meeting_participants.csv")
    barrier = threading.Barrier(4)
    outcomes: list[object] = []

    def run() -> None:
        try:
            barrier.wait(timeout=10)
            outcomes.append(commit(Session.objects.get(pk=session.pk), data).unchanged)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion below
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(map(str, outcomes)) == ["False", "True", "True", "True"]
    assert AttendanceImport.objects.filter(status=ImportStatus.COMMITTED).count() == 1
    assert Attendance.objects.filter(session=session).count() == 8
    assert AttendanceSource.objects.count() == 8


# --- The command ------------------------------------------------------------------------------


def test_the_import_command_imports_once_and_says_so(session, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "zoom.csv"
    path.write_bytes(sample_bytes("zoom_meeting_participants.csv"))
    call_command("attendance_import", session.slug, str(path))
    assert "8 people (8 new, 0 merged" in capsys.readouterr().out
    call_command("attendance_import", session.slug, str(path))
    assert "nothing changed" in capsys.readouterr().out
    assert Attendance.objects.filter(session=session).count() == 8


def test_the_import_command_refuses_bad_rows_with_status_2(session, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "big.csv"
    path.write_bytes(thousand_rows())
    with pytest.raises(CommandError, match=r"big.csv: 1 rows have errors.*line 901") as info:
        call_command("attendance_import", session.slug, str(path))
    assert info.value.returncode == 2
    assert not Attendance.objects.exists()
    call_command("attendance_import", session.slug, str(path), "--skip-bad-rows")
    assert "line 901 skipped" in capsys.readouterr().err
    assert Attendance.objects.count() == 999


@pytest.mark.parametrize("content", [b"", b"\x00\x01\xff binary", b"just,a\ncsv,file\n"])
def test_the_import_command_names_the_file_for_unreadable_input(session, tmp_path, content):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=r"^.*bad.csv: ") as info:
        call_command("attendance_import", session.slug, str(path))
    assert info.value.returncode == 2
    assert "\n" not in str(info.value)
    assert not AttendanceImport.objects.exists()


# --- Bad input is our own error, never a crash -------------------------------------------------

CUT_SAMPLES = [name for name, _options, _expected in SAMPLES]


@pytest.mark.parametrize("name", CUT_SAMPLES)
@pytest.mark.parametrize("fraction", [0.05, 0.35, 0.7])
def test_truncated_samples_preview_and_commit_or_refuse_cleanly(session, name, fraction):
    data = sample_bytes(name)
    data = data[: int(len(data) * fraction)]
    try:
        stored = attendance_import_start(
            actor=None, session=session, data=data, file_name=name, options=ImportOptions()
        )
    except AttendanceParseError:
        assert not AttendanceImport.objects.exists()
        return
    try:
        attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=False)
    except ValidationError:
        assert not Attendance.objects.exists()
        outcome = attendance_import_commit(actor=None, attendance_import=stored, skip_bad_rows=True)
        assert outcome.attendance_import.status == ImportStatus.COMMITTED
    stored.refresh_from_db()
    assert stored.status == ImportStatus.COMMITTED
