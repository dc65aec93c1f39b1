"""A person's export holds every registration of theirs and nothing of anyone else's, read
back with zipfile, csv and json."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from convene.core.models import AuditLog
from convene.privacy.exporters import EXPORTERS, ExportTable, exporter
from convene.privacy.services.export import person_export_zip

pytestmark = pytest.mark.django_db


def _read(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_export_has_every_registration_and_nobody_else(two_people, staff) -> None:
    alice, bruno, sessions = two_people
    files = _read(person_export_zip(person=alice, actor=staff, channel="staff"))
    assert {"profile.json", "registrations.csv", "consents.json", "audit.json"} <= set(files)

    registrations = json.loads(files["registrations.json"])
    assert sorted(r["session"] for r in registrations) == sorted(str(s.title) for s in sessions)
    rows = list(csv.DictReader(io.StringIO(files["registrations.csv"].decode("utf-8-sig"))))
    assert len(rows) == 3 and {r["status"] for r in rows} == {"confirmed"}
    profile = json.loads(files["profile.json"])
    assert profile == [profile[0]] and profile[0]["email"] == alice.email
    mails = json.loads(files["mails.json"])
    assert mails and all(alice.email in m["to"] for m in mails)

    everything = b"".join(files.values()).decode("utf-8", "replace").casefold()
    for value in (bruno.email, bruno.name, "bastin"):
        assert value.casefold() not in everything
    assert AuditLog.objects.filter(code="privacy.person.exported", actor=staff).count() == 1


def test_the_next_export_shows_who_read_the_data(two_people, staff) -> None:
    alice, _bruno, _sessions = two_people
    person_export_zip(person=alice, actor=staff, channel="staff")
    audit = json.loads(_read(person_export_zip(person=alice))["audit.json"])
    exported = [e for e in audit if e["event"] == "privacy.person.exported"]
    assert [e["by"] for e in exported] == [staff.email]


def test_other_apps_add_tables(two_people) -> None:
    alice, _bruno, _sessions = two_people

    def practices(person):
        yield ExportTable("example", [{"practice": "Night mayors", "person": person.pk}])

    exporter(practices)
    try:
        files = _read(person_export_zip(person=alice))
    finally:
        EXPORTERS.remove(practices)
    assert json.loads(files["example.json"]) == [{"practice": "Night mayors", "person": alice.pk}]
