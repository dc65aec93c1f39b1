"""The ``convene`` command: help texts in a subprocess, database commands in-process."""

import io
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory

from convene.core.models import User

CONVENE = [sys.executable, "-m", "convene"]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [*CONVENE, *args], capture_output=True, text=True, timeout=60, env=env, check=False
    )


def test_overview_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "migrate", "createstaff", "token create", "worker", "check"):
        assert command in result.stdout


@pytest.mark.parametrize(
    "command", ["serve", "migrate", "createstaff", "worker", "check", "token", "demo", "demo-setup"]
)
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


@pytest.mark.django_db
def test_createstaff_prints_a_password_that_signs_in():
    out = io.StringIO()
    call_command("createstaff", "Officer@Network.example", stdout=out)
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    assert lines["email"] == "Officer@network.example"
    client = Client()
    # django-axes needs the request that signs in (it counts failures per address)
    assert client.login(
        request=RequestFactory().post("/staff/login/"),
        username="officer@network.example",
        password=lines["password"],
    )
    # a second run keeps the password
    out = io.StringIO()
    call_command("createstaff", "officer@network.example", stdout=out)
    assert "unchanged" in out.getvalue()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_createstaff_bad_email_is_exit_2():
    with pytest.raises(CommandError) as caught:
        call_command("createstaff", "not-an-email")
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_token_create_prints_token_on_last_line(staff):
    out = io.StringIO()
    call_command("token", "create", staff.email, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    assert client.get("/api/organisations").status_code == 200


@pytest.mark.django_db
def test_token_for_unknown_account_is_exit_2():
    with pytest.raises(CommandError) as caught:
        call_command("token", "create", "nobody@x.example")
    assert caught.value.returncode == 2


@pytest.mark.parametrize("command", ["resolve", "attendance-parse"])
def test_pure_commands_need_no_database(command, tmp_path):
    """They run with a DATABASE_URL that points nowhere: no connection is ever made."""
    import os

    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    result = run(command, "--help", env=env)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


def test_unknown_command_fails_cleanly():
    result = run("no-such-command")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


@pytest.mark.django_db
def test_demo_setup_refuses_a_database_from_before_the_migration_squash():
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    from convene.demo.management.commands.demo import (
        _refuse_a_database_from_before_the_squash as refuse,
    )

    refuse()  # a database migrated by this version passes
    MigrationRecorder(connection).record_applied("registrations", "0002_lean_indexes")
    with pytest.raises(CommandError, match="older development version") as caught:
        refuse()
    assert caught.value.returncode == 2
