"""Fewer indexes to write: no LIKE-only twin of a unique or indexed text column on PostgreSQL
(unique constraints and Meta indexes instead of unique=True and db_index=True), and no index of
its own for a key that leads another index.

The impact report's indexes, which reports migration 0002 made with SQL, now belong to the
model's state as well: SQLite rebuilds a table to alter it, and keeps only the indexes the
state knows. The first operation tells the state, and changes nothing in the database.
"""

import convene.registrations.models
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_lean_indexes"),
        ("reports", "0002_figures_indexes"),
        ("programme", "0003_lean_indexes"),
        ("registrations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddIndex(
                    model_name="registration",
                    index=models.Index(
                        fields=["person", "status", "session"], name="report_registration_person"
                    ),
                ),
                migrations.AddIndex(
                    model_name="registration",
                    index=models.Index(
                        fields=["session", "status", "person"], name="report_registration_session"
                    ),
                ),
            ]
        ),
        migrations.AlterField(
            model_name="registration",
            name="join_token",
            field=models.CharField(
                default=convene.registrations.models.new_token, editable=False, max_length=64
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="person",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="registrations",
                to="directory.person",
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="session",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="registrations",
                to="programme.session",
            ),
        ),
        migrations.AlterField(
            model_name="registrationrequest",
            name="token",
            field=models.CharField(
                default=convene.registrations.models.new_token, editable=False, max_length=64
            ),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="registration",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="reminders",
                to="registrations.registration",
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("join_token",), name="registrations_join_token"
            ),
        ),
        migrations.AddConstraint(
            model_name="registrationrequest",
            constraint=models.UniqueConstraint(
                fields=("token",), name="registrations_request_token"
            ),
        ),
    ]
