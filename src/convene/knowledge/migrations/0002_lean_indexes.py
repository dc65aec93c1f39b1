"""Fewer indexes to write: no LIKE-only twin of a unique or indexed text column on PostgreSQL
(unique constraints and Meta indexes instead of unique=True and db_index=True), and no index of
its own for a key that leads another index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="section",
            name="slug",
            field=models.SlugField(db_index=False, max_length=100, verbose_name="slug"),
        ),
        migrations.AddConstraint(
            model_name="section",
            constraint=models.UniqueConstraint(fields=("slug",), name="knowledge_section_slug"),
        ),
    ]
