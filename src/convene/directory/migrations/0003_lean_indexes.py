"""Fewer indexes to write: no LIKE-only twin of a unique or indexed text column on PostgreSQL
(unique constraints and Meta indexes instead of unique=True and db_index=True), and no index of
its own for a key that leads another index."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_resolution"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                to="directory.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="resolution_cluster",
            field=models.CharField(
                blank=True,
                help_text="Set when the resolution engine created this organisation from a registrant.",
                max_length=200,
                verbose_name="resolution cluster",
            ),
        ),
        migrations.AlterField(
            model_name="organisationalias",
            name="organisation",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="aliases",
                to="directory.organisation",
            ),
        ),
        migrations.AlterField(
            model_name="organisationdomain",
            name="domain",
            field=models.CharField(max_length=253, verbose_name="email domain"),
        ),
        migrations.AlterField(
            model_name="person",
            name="resolution_status",
            field=models.CharField(
                choices=[
                    ("pending", "Not resolved yet"),
                    ("matched", "Matched to the directory"),
                    ("new", "New organisation"),
                    ("review", "Waiting for staff review"),
                    ("none", "No organisation"),
                    ("staff", "Decided by staff"),
                ],
                default="pending",
                max_length=16,
                verbose_name="organisation resolution",
            ),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["resolution_cluster"], name="directory_org_cluster"),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["resolution_status"], name="directory_person_resolution"),
        ),
        migrations.AddConstraint(
            model_name="organisationdomain",
            constraint=models.UniqueConstraint(fields=("domain",), name="directory_domain_unique"),
        ),
    ]
