"""Fewer indexes to write: no LIKE-only twin of a unique or indexed text column on PostgreSQL
(unique constraints and Meta indexes instead of unique=True and db_index=True), and no index of
its own for a key that leads another index.

The impact report's indexes, which reports migrations 0002 and 0003 made with SQL, now belong
to the model's state as well: SQLite rebuilds a table to alter it, and keeps only the indexes
the state knows. The first operation tells the state, and changes nothing in the database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("attendance", "0001_initial"),
        ("reports", "0003_unmatched_audience_index"),
        ("directory", "0003_lean_indexes"),
        ("programme", "0003_lean_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="attendance",
                    index=models.Index(
                        fields=["session", "attended", "role", "person"],
                        name="report_attendance_session",
                    ),
                ),
                migrations.AddIndex(
                    model_name="attendance",
                    index=models.Index(
                        condition=models.Q(
                            ("attended", True), ("person__isnull", True), ("role", "attendee")
                        ),
                        fields=["session", "key"],
                        name="report_attendance_unmatched",
                    ),
                ),
            ]
        ),
        migrations.RemoveIndex(
            model_name="attendance",
            name="attendance__session_cb280b_idx",
        ),
        migrations.AlterField(
            model_name="attendance",
            name="person",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="attendances",
                to="directory.person",
                verbose_name="person",
            ),
        ),
        migrations.AlterField(
            model_name="attendance",
            name="session",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attendances",
                to="programme.session",
                verbose_name="session",
            ),
        ),
        migrations.AlterField(
            model_name="attendanceimport",
            name="session",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attendance_imports",
                to="programme.session",
                verbose_name="session",
            ),
        ),
        migrations.AlterField(
            model_name="attendancesource",
            name="attendance",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="sources",
                to="attendance.attendance",
            ),
        ),
        migrations.AlterField(
            model_name="columnmappingpreset",
            name="name",
            field=models.CharField(max_length=120, verbose_name="name"),
        ),
        migrations.AddConstraint(
            model_name="columnmappingpreset",
            constraint=models.UniqueConstraint(fields=("name",), name="attendance_preset_name"),
        ),
    ]
