"""Reminders 24 hours and 1 hour before a session: windows, language, who gets them, at most
once even with two workers, and the ``send-reminders`` and ``tick`` commands."""

import datetime as dt
import io
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from convene.core.mail import outbox_list
from convene.programme.services import session_cancel, session_update
from convene.registrations.links import join_url, manage_link_state
from convene.registrations.models import Registration, RegistrationStatus, ReminderSent
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
    reminders,
)
from convene.registrations.services.periodic import periodic_run
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)  # claims commit, mails go after commit

HOUR = dt.timedelta(hours=1)


def register(session, *, confirm=True, **kw) -> Registration:
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(**kw)
    )
    if confirm:
        registration_request_confirm(request=request)
    return request.registrations.get()


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def clear(self) -> None:
        for eml in self.path.glob("*.eml"):
            eml.unlink()

    def __call__(self) -> list:
        """What was sent since the last ``clear()``, oldest first."""
        return sorted(outbox_list(), key=lambda m: m.name)


@pytest.fixture
def mails(outbox_dir: Path) -> Outbox:
    return Outbox(outbox_dir)


def kinds(registration) -> list[str]:
    return sorted(registration.reminders.values_list("kind", flat=True))


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        (dt.timedelta(days=2), []),
        (dt.timedelta(hours=24, seconds=1), []),
        (dt.timedelta(hours=24), ["24h"]),  # the window opens exactly 24 hours before
        (dt.timedelta(hours=23), ["24h"]),
        (dt.timedelta(hours=1, seconds=1), ["24h"]),
        (dt.timedelta(hours=1), ["1h"]),
        (dt.timedelta(minutes=50), ["1h"]),  # inside the hour: only the 1-hour one
        (dt.timedelta(seconds=1), ["1h"]),
        (dt.timedelta(0), []),  # started
        (-dt.timedelta(minutes=5), []),
    ],
)
def test_windows(before, expected, mails):
    session = f.session()
    registration = register(session)
    mails.clear()
    sent = reminders.reminders_send(now=session.starts_at - before)
    assert sent == len(expected)
    assert kinds(registration) == expected
    assert len(mails()) == len(expected)


def test_the_day_before_then_the_hour_before_then_nothing_more(mails):
    session = f.session()
    registration = register(session, email="ana@porto.example")
    mails.clear()
    assert reminders.reminders_send(now=session.starts_at - 23 * HOUR) == 1
    assert reminders.reminders_send(now=session.starts_at - 22 * HOUR) == 0
    assert reminders.reminders_send(now=session.starts_at - dt.timedelta(minutes=50)) == 1
    assert reminders.reminders_send(now=session.starts_at - dt.timedelta(minutes=10)) == 0
    assert kinds(registration) == ["1h", "24h"]
    subjects = [m.subject for m in mails()]
    assert subjects == [
        f"Reminder: {session.title} starts within 24 hours",
        f"Starting within the hour: {session.title}",
    ]
    assert {m.to for m in mails()} == {"ana@porto.example"}


STARTS = dt.datetime(2031, 3, 14, 13, 0, tzinfo=dt.UTC)  # 14:00 in Paris


def test_english_reminder_has_time_in_session_zone_join_and_manage_links(mails):
    session = f.session(title="Safer public spaces", starts_at=STARTS, timezone="Europe/Paris")
    registration = register(session, email="jo@leeds.example", name="Jo Smith")
    mails.clear()
    reminders.reminders_send(now=STARTS - 23 * HOUR)
    [mail] = mails()
    assert mail.to == "jo@leeds.example"
    assert "Safer public spaces" in mail.subject
    assert "Hello Jo Smith," in mail.text
    assert "14 March 2031, 14:00 (Europe/Paris)" in mail.text
    assert "p.m." not in mail.text
    assert join_url(registration) in mail.text.split()
    [manage] = [w for w in mail.text.split() if "/me/" in w]
    token = urlsplit(manage).path.removeprefix("/me/").strip("/")
    state, found = manage_link_state(token)
    assert state.value == "valid" and found is not None
    assert found.subject_id == registration.person_id


def test_french_registrant_gets_french_text(mails):
    session = f.session(starts_at=STARTS, timezone="Europe/Paris")
    register(session, email="marie@bordeaux.example", language="fr")
    register(session, email="jo@leeds.example", language="en")
    mails.clear()
    reminders.reminders_send(now=STARTS - 23 * HOUR)
    by_person = {m.to: m.text for m in mails()}
    assert "14 mars 2031 14:00" in by_person["marie@bordeaux.example"]
    assert by_person["marie@bordeaux.example"].startswith("Bonjour ")
    assert by_person["jo@leeds.example"].startswith("Hello ")
    assert "March" not in by_person["marie@bordeaux.example"]
    assert "mars" not in by_person["jo@leeds.example"]


def test_only_confirmed_registrants_of_published_sessions(mails):
    series = f.series()
    starts = timezone.now() + dt.timedelta(days=3)
    kept = f.session(series, starts_at=starts, capacity=1)
    register(kept, email="confirmed@x.example")
    register(kept, email="waitlisted@x.example")  # full: confirmed email, on the waitlist
    register(f.session(series, starts_at=starts), email="pending@x.example", confirm=False)
    cancelled = register(f.session(series, starts_at=starts), email="cancelled@x.example")
    registration_cancel(actor=None, registration=cancelled)
    drafted = f.session(series, starts_at=starts)
    register(drafted, email="draft@x.example")
    session_update(actor=None, session=drafted, status="draft")
    called_off = f.session(series, starts_at=starts)
    register(called_off, email="called-off@x.example")
    session_cancel(actor=None, session=called_off)
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() == 1
    mails.clear()
    assert reminders.reminders_send(now=starts - 23 * HOUR) == 1
    assert [m.to for m in mails()] == ["confirmed@x.example"]
    assert reminders.reminders_send(now=starts - dt.timedelta(minutes=30)) == 1
    assert [m.to for m in mails()] == ["confirmed@x.example"] * 2


def test_running_twice_sends_nothing_more(mails):
    session = f.session()
    for _ in range(3):
        register(session)
    mails.clear()
    now = session.starts_at - 23 * HOUR
    assert reminders.reminders_send(now=now) == 3
    assert reminders.reminders_send(now=now) == 0
    assert reminders.reminders_send(now=now + HOUR) == 0
    assert len(mails()) == 3
    assert ReminderSent.objects.count() == 3


def test_a_mail_that_fails_gives_its_claim_back(mails, monkeypatch):
    session = f.session()
    registration = register(session)
    mails.clear()
    now = session.starts_at - 23 * HOUR

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMessage, "send", broken)
        assert reminders.reminders_send(now=now) == 0
    assert kinds(registration) == []
    assert reminders.reminders_send(now=now) == 1  # the next run tries again
    assert len(mails()) == 1


# --- Two workers at once ---------------------------------------------------------------------


def race(monkeypatch, now, workers: int = 2) -> list[int]:
    """Run ``reminders_send`` in ``workers`` threads that all list the due reminders before
    any of them claims one, so every reminder is fought over."""
    listed = threading.Barrier(workers, timeout=30)
    start = threading.Barrier(workers, timeout=30)
    due = reminders.reminders_due

    def due_then_wait(**kw):
        found = due(**kw)
        listed.wait()
        return found

    monkeypatch.setattr(reminders, "reminders_due", due_then_wait)
    results: list[int] = []
    errors: list[BaseException] = []

    def worker():
        try:
            start.wait()
            results.append(reminders.reminders_send(now=now))
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


@pytest.fixture
def crowd():
    session = f.session()
    emails = [f"p{i}@crowd.example" for i in range(20)]
    for email in emails:
        register(session, email=email)
    return session, emails


def test_without_the_claim_two_workers_send_twice(crowd, mails, monkeypatch):
    """The race is real: if claiming always succeeded, both workers would send everything."""
    session, emails = crowd
    mails.clear()
    monkeypatch.setattr(reminders, "_claim", lambda registration, kind: True)
    results = race(monkeypatch, session.starts_at - 23 * HOUR)
    assert results == [20, 20]
    assert sorted(m.to for m in mails()) == sorted(emails * 2)


def test_two_workers_at_once_send_each_reminder_exactly_once(crowd, mails, monkeypatch):
    session, emails = crowd
    mails.clear()
    claims: list[bool] = []
    claim = reminders._claim

    def counted(registration, kind):
        won = claim(registration, kind)
        claims.append(won)
        return won

    monkeypatch.setattr(reminders, "_claim", counted)
    results = race(monkeypatch, session.starts_at - 23 * HOUR)
    assert claims.count(True) == 20 and claims.count(False) == 20  # every one fought over
    assert sum(results) == 20
    assert sorted(m.to for m in mails()) == sorted(emails)
    assert ReminderSent.objects.count() == 20


# --- Periodic jobs and commands --------------------------------------------------------------


def test_periodic_run_lapses_refills_and_reminds(mails):
    session = f.session(capacity=1)
    lapsing = register(session, confirm=False)
    waiting = register(session)  # confirmed email, waits for the held seat
    assert waiting.status == RegistrationStatus.WAITLISTED
    mails.clear()
    counts = periodic_run(now=session.starts_at - 23 * HOUR)  # long after the 48-hour hold
    assert counts == {"lapsed": 1, "promoted": 0, "reminders": 1, "retention": 0}
    lapsing.refresh_from_db()
    waiting.refresh_from_db()
    assert (lapsing.status, waiting.status) == ("lapsed", "confirmed")
    subjects = sorted(m.subject for m in mails())
    assert subjects[0].startswith("A seat is yours") and subjects[1].startswith("Reminder:")


def test_tasks_run_the_same_jobs(settings):
    from convene.registrations.tasks import run_periodic_jobs_task, send_reminders_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    session = f.session(days=0.5)
    register(session)
    assert send_reminders_task.enqueue().return_value == 1
    register(session)
    result = run_periodic_jobs_task.enqueue()
    assert result.return_value == {"lapsed": 0, "promoted": 0, "reminders": 1, "retention": 0}


def test_send_reminders_command_prints_how_many(mails):
    session = f.session(days=0.5)  # starts in 12 hours: the 24-hour reminder is due
    register(session)
    register(session)
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 2 reminders."
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 0 reminders."


def test_tick_runs_every_job_once():
    session = f.session(days=0.5)
    register(session)
    out = io.StringIO()
    call_command("tick", stdout=out)
    assert out.getvalue().strip() == (
        "Lapsed holds: 0. Promoted from waitlists: 0. Reminders sent: 1."
    )


def test_tick_every_loops_until_ctrl_c(monkeypatch):
    from convene.registrations.management.commands import tick

    session = f.session(days=0.5)
    register(session)
    sleeps: list[float] = []

    def sleep(seconds):
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(tick.time, "sleep", sleep)
    out = io.StringIO()
    call_command("tick", "--every", "60", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("Running the periodic jobs every 60 seconds")
    assert lines[1].endswith("Reminders sent: 1.") and lines[2].endswith("Reminders sent: 0.")
    assert lines[-1] == "Stopped."
    assert all(0 < s <= 60 for s in sleeps)


def test_tick_reports_a_failing_job_and_still_runs_the_others(monkeypatch):
    from convene.registrations.services import periodic

    session = f.session(days=0.5)
    register(session)

    def broken(*, now):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(periodic, "JOBS", (("lapsed", broken), *periodic.JOBS[1:]))
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("tick", stdout=io.StringIO(), stderr=err)
    assert caught.value.returncode == 1
    assert "Failed: lapsed" in err.getvalue()
    assert ReminderSent.objects.count() == 1  # the reminders still went out


def test_tick_every_must_be_positive():
    with pytest.raises(CommandError) as caught:
        call_command("tick", "--every", "0")
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    ("command", "words"), [("send-reminders", "at most once"), ("tick", "--every")]
)
def test_commands_have_help(command, words):
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "convene", command, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert words in " ".join(result.stdout.split())


def test_two_send_reminders_processes_at_once(mails, outbox_dir):
    """Two ``convene send-reminders`` processes (cron and a second host, say) against the same
    database. Started together they overlap only roughly; the threaded test above is the exact
    proof, this one checks the real command across processes."""
    import os
    import subprocess
    import sys

    settings_dict = connection.settings_dict
    session = f.session(days=0.5)
    emails = [f"p{i}@procs.example" for i in range(40)]
    for email in emails:
        register(session, email=email)
    mails.clear()
    if connection.vendor == "sqlite":  # the test database is a file (tests/settings.py)
        url = f"sqlite:///{settings_dict['NAME']}"
    else:
        url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**settings_dict)
        if settings_dict.get("PASSWORD"):
            url = url.replace("@", f":{settings_dict['PASSWORD']}@", 1)
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "OUTBOX_DIR": str(outbox_dir),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": str(root),
    }
    command = [sys.executable, "-m", "convene", "send-reminders"]
    processes = [
        subprocess.Popen(  # noqa: S603
            command, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    counts = [int(out.split()[1]) for out, _err in outputs]  # "Sent N reminders."
    assert sum(counts) == 40
    assert sorted(m.to for m in mails()) == sorted(emails)
    assert ReminderSent.objects.count() == 40
