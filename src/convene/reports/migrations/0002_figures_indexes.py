"""Indexes for the impact report's figures (``reports.statement.people_statement``).

Each covers the columns the report reads, so the report answers from the index without reading
the rows. Made here with SQL first; since registrations 0002 and attendance 0002 the models
declare them too (``Meta.indexes``), so that SQLite's table rebuilds keep them.

- registrations by person (status, session): a person's registrations, for members' share and
  returning participants, and every registrant of a large scope read in person order;
- registrations by session (status, person): the registrants of a series;
- attendance by session (attended, role, person): the audience's people.
"""

from django.db import migrations

INDEXES = {
    "report_registration_person": "registrations_registration (person_id, status, session_id)",
    "report_registration_session": "registrations_registration (session_id, status, person_id)",
    "report_attendance_session": "attendance_attendance (session_id, attended, role, person_id)",
}


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("registrations", "0001_initial"),
        ("attendance", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {columns}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
