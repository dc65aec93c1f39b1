"""A person's own export: everything Convene holds about them, as a ZIP of JSON and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from convene.core.audit import audit_record
from convene.core.models import User
from convene.directory.models import Person
from convene.privacy.exporters import EXPORTERS, ExportTable

README = """Everything Convene holds about you, exported on {date}.

Each table comes twice: as JSON (exact values) and as CSV (for a spreadsheet).
profile: your record. registration_requests, registrations: what you registered for.
attendance: what the video tool reported about you. consents: what you agreed to and when.
mails, reminders: the mails sent to you. audit: what was done with your data, and by whom.
practice_contacts: the practices you are the contact of. topic_proposals, topic_supports: the
topics you proposed and supported. minutes_notices: the mails telling you minutes were out.
"""


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _csv(table: ExportTable) -> bytes:
    columns = list(dict.fromkeys(key for row in table.rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in table.rows:
        writer.writerow({k: _plain(v) for k, v in row.items()})
    # A BOM, so spreadsheets read the accents.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def person_export_tables(*, person: Person) -> list[ExportTable]:
    return [table for function in EXPORTERS for table in function(person)]


def person_export_zip(
    *, person: Person, actor: User | None = None, channel: str = "person"
) -> bytes:
    """The ZIP of ``person``'s data. The export is written to the audit log (who, how), and
    shows in the next export."""
    tables = person_export_tables(person=person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(date=timezone.now().date().isoformat()))
        for table in tables:
            archive.writestr(
                f"{table.name}.json",
                json.dumps(table.rows, ensure_ascii=False, indent=2, default=_plain),
            )
            archive.writestr(f"{table.name}.csv", _csv(table))
    with transaction.atomic():
        audit_record(
            actor=actor,
            code="privacy.person.exported",
            obj=person,
            details={"channel": channel, "people": [person.pk]},
        )
    return buffer.getvalue()
