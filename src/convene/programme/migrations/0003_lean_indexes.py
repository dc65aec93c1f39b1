"""Fewer indexes to write: no LIKE-only twin of a unique or indexed text column on PostgreSQL
(unique constraints and Meta indexes instead of unique=True and db_index=True), and no index of
its own for a key that leads another index."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0002_lean_indexes"),
        ("programme", "0002_topics"),
    ]

    operations = [
        migrations.AlterField(
            model_name="series",
            name="slug",
            field=models.SlugField(db_index=False, max_length=100, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="session",
            name="slug",
            field=models.SlugField(db_index=False, max_length=100, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="speaker",
            name="session",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="speakers",
                to="programme.session",
            ),
        ),
        migrations.AlterField(
            model_name="topic",
            name="slug",
            field=models.SlugField(db_index=False, max_length=80, verbose_name="slug"),
        ),
        migrations.AddConstraint(
            model_name="series",
            constraint=models.UniqueConstraint(fields=("slug",), name="programme_series_slug"),
        ),
        migrations.AddConstraint(
            model_name="session",
            constraint=models.UniqueConstraint(fields=("slug",), name="programme_session_slug"),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(fields=("slug",), name="programme_topic_slug"),
        ),
    ]
