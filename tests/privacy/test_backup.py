"""Backups that restore (issue #21): a round trip keeps every row and every report figure on
both databases, a person erased after the backup stays erased, and a damaged backup or a
database that is not empty is refused before anything changes."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from convene.directory.models import Person
from convene.privacy.backup import BackupError, backup_create, backup_restore
from convene.privacy.backup.database import is_empty, row_counts, tool
from convene.privacy.backup.journal import journal_read
from convene.privacy.backup.service import read_manifest
from convene.privacy.models import ErasureRecord
from convene.privacy.selectors import person_is_erased
from convene.privacy.services.erasure import erase_person

from .network import build_network, report_json

pytestmark = pytest.mark.django_db(transaction=True)


def _empty_the_database() -> None:
    """Drop every table, as a new database has none (the restore's only target)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                # IF EXISTS: dropping a full-text (FTS5) table drops its shadow tables with it.
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
    assert is_empty()


@pytest.fixture
def emptied():
    """Empty the database in the test; whatever happens, leave it migrated for the next."""
    yield _empty_the_database
    if is_empty():
        call_command("migrate", verbosity=0)


def _storage_files() -> dict[str, bytes]:
    root = Path(default_storage.location)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_round_trip_keeps_every_row_file_and_report_figure(tmp_path, emptied):
    network = build_network(random.Random(21))
    before = report_json(network)
    counts = row_counts()
    files = _storage_files()
    assert files, "the network keeps a report in preview"
    backup = tmp_path / "backup"
    call_command("backup", str(backup))
    manifest = read_manifest(backup)
    assert manifest["tables"] == counts
    assert set(manifest["files"]) == set(files)
    shutil.rmtree(default_storage.location)  # the host is lost: its files too
    emptied()
    outcome = backup_restore(path=backup)
    assert outcome.mismatched == {}
    assert outcome.counts == counts  # every table, as many rows
    assert _storage_files() == files
    assert report_json(network) == before


def test_a_person_erased_after_the_backup_stays_erased_after_the_restore(tmp_path, emptied):
    network = build_network(random.Random(5))
    backup = tmp_path / "backup"
    backup_create(path=backup)
    person = network.people[3]
    email = person.email
    record = erase_person(person)
    [entry] = journal_read()
    assert entry == {
        "person_id": person.pk,
        "anonymous_token": record.anonymous_token,
        "erased_at": record.erased_at.isoformat(),
        "reason": record.reason,
    }
    assert email not in json.dumps(entry)  # the journal holds no personal data
    emptied()
    call_command("restore", str(backup))
    restored = Person.objects.get(pk=person.pk)
    assert person_is_erased(person=restored)
    assert restored.email != email and not Person.objects.filter(email=email).exists()
    assert ErasureRecord.objects.get().anonymous_token == record.anonymous_token
    assert report_json(network) == report_json(network)  # still computes after the replay


def test_erasures_the_backup_already_holds_are_not_replayed(tmp_path, emptied):
    network = build_network(random.Random(8))
    erase_person(network.people[0])
    backup = tmp_path / "backup"
    backup_create(path=backup)
    emptied()
    assert backup_restore(path=backup).replayed == 0
    assert ErasureRecord.objects.count() == 1


def test_a_damaged_backup_is_refused_before_anything_changes(tmp_path):
    build_network(random.Random(3))
    backup = tmp_path / "backup"
    backup_create(path=backup)
    manifest = read_manifest(backup)
    damaged = backup / "files" / next(iter(manifest["files"]))
    damaged.write_bytes(damaged.read_bytes() + b"x")
    counts = row_counts()
    with pytest.raises(CommandError, match="does not match its checksum") as raised:
        call_command("restore", str(backup))
    assert raised.value.returncode == 2
    assert row_counts() == counts


def test_a_manifest_naming_a_file_outside_the_backup_is_refused(tmp_path):
    backup = tmp_path / "backup"
    backup_create(path=backup)
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["files"]["../../etc/passwd"] = {"sha256": "0" * 64, "size": 1}
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="outside the backup"):
        backup_restore(path=backup)


def test_a_database_that_is_not_empty_is_refused(tmp_path):
    backup = tmp_path / "backup"
    backup_create(path=backup)
    with pytest.raises(CommandError, match="not empty") as raised:
        call_command("restore", str(backup))
    assert raised.value.returncode == 2


def test_a_backup_goes_only_into_a_new_or_empty_folder(tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="not an empty folder") as raised:
        call_command("backup", str(tmp_path / "used"))
    assert raised.value.returncode == 2


def test_a_missing_pg_dump_is_one_clear_error(monkeypatch):
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(BackupError, match="pg_dump is not installed"):
        tool("pg_dump")
    if connection.vendor == "postgresql":
        with pytest.raises(CommandError, match="pg_dump is not installed") as raised:
            call_command("backup", "/tmp/never-written")  # noqa: S108
        assert raised.value.returncode == 2


def test_the_staff_page_starts_a_backup_and_lists_it(staff_client, settings):
    page = staff_client.get("/staff/privacy/backups/")
    assert page.status_code == 200 and "No backup was made" in page.content.decode()
    response = staff_client.post("/staff/privacy/backups/")
    assert response.status_code == 302
    [folder] = list(Path(settings.BACKUP_DIR).iterdir())
    assert read_manifest(folder)["tables"]
    page = staff_client.get(response["Location"]).content.decode()
    assert folder.name in page and "The backup has started" in page
