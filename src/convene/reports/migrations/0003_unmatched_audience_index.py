"""A partial index for the report's unmatched attendees (``reports.statement``): the keys of
the audience rows that matched no person, by session. The statement writes the same
condition out, so that SQLite and PostgreSQL both read the keys from this index. Declared on
the Attendance model too since attendance 0002."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_figures_indexes"),
        ("attendance", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS report_attendance_unmatched ON attendance_attendance "
                "(session_id, key) WHERE person_id IS NULL AND attended AND role = 'attendee'"
            ),
            reverse_sql="DROP INDEX IF EXISTS report_attendance_unmatched",
        )
    ]
