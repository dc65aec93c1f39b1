"""Sections: the name moves to translated content (the French name ``name_fr`` becomes its
French text), sections get a description, extra organisations and people who may enter, and the
stored access in effect, computed here once for the existing tree (then by
``sections.services`` at each change)."""

import json

import convene.core.translated
import django.db.models.deletion
from django.db import migrations, models


def _dump(pairs):
    pairs = {k: v for k, v in pairs.items() if v}
    return json.dumps(
        dict(sorted(pairs.items(), key=lambda kv: (kv[0] != "en", kv[0]))), ensure_ascii=False
    )


def _is_translated(text):
    try:
        return isinstance(json.loads(text), dict)
    except (TypeError, ValueError):
        return False


def to_translated(apps, schema_editor):
    quote = schema_editor.quote_name
    table = quote(apps.get_model("sections", "Section")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name, name_fr FROM {table}")  # noqa: S608
        for pk, name, name_fr in cursor.fetchall():
            if not _is_translated(name):
                cursor.execute(
                    f"UPDATE {table} SET name = %s WHERE id = %s",  # noqa: S608
                    [_dump({"en": name, "fr": name_fr}), pk],
                )


def to_plain(apps, schema_editor):
    quote = schema_editor.quote_name
    table = quote(apps.get_model("sections", "Section")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, name FROM {table}")  # noqa: S608
        for pk, name in cursor.fetchall():
            if _is_translated(name):
                names = json.loads(name)
                cursor.execute(
                    f"UPDATE {table} SET name = %s, name_fr = %s WHERE id = %s",  # noqa: S608
                    [names.get("en", ""), names.get("fr", ""), pk],
                )


STRICTNESS = {"public": 0, "members": 1, "staff": 2}


def store_effective_access(apps, schema_editor):
    """The rule of ``sections.services`` (no extra lists exist yet): inherit takes the parent's,
    a root that inherits is members-only, and a section is never looser than its parent."""
    Section = apps.get_model("sections", "Section")
    sections = {s.pk: s for s in Section.objects.all()}

    def effective(section, depth=0):
        parent = sections.get(section.parent_id)
        above = (
            effective(parent, depth + 1) if parent is not None and depth < len(sections) else None
        )
        if section.access == "inherit":
            return above or "members"
        if above is None:
            return section.access
        return max(above, section.access, key=STRICTNESS.__getitem__)

    for section in sections.values():
        Section.objects.filter(pk=section.pk).update(effective_access=effective(section))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_person_access"),
        ("sections", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="section",
            name="name",
            field=convene.core.translated.TranslatedCharField(verbose_name="name"),
        ),
        migrations.RunPython(to_translated, to_plain),
        migrations.RemoveField(
            model_name="section",
            name="name_fr",
        ),
        migrations.AlterModelOptions(
            name="section",
            options={
                "ordering": ["position", "name", "id"],
                "verbose_name": "section",
                "verbose_name_plural": "sections",
            },
        ),
        migrations.AddField(
            model_name="section",
            name="description",
            field=convene.core.translated.TranslatedTextField(
                blank=True, default=dict, verbose_name="description"
            ),
        ),
        migrations.AddField(
            model_name="section",
            name="effective_access",
            field=models.CharField(
                choices=[
                    ("public", "Public"),
                    ("members", "Members only"),
                    ("staff", "Staff only"),
                ],
                default="members",
                editable=False,
                max_length=16,
                verbose_name="access in effect",
            ),
        ),
        migrations.AddField(
            model_name="section",
            name="extra_organisations",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="directory.organisation",
                verbose_name="extra organisations who may enter",
            ),
        ),
        migrations.AddField(
            model_name="section",
            name="extra_people",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="directory.person",
                verbose_name="extra people who may enter",
            ),
        ),
        migrations.AddField(
            model_name="section",
            name="position",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="position"),
        ),
        migrations.AlterField(
            model_name="section",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="children",
                to="sections.section",
                verbose_name="parent section",
            ),
        ),
        migrations.CreateModel(
            name="SectionEntrantOrganisation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="directory.organisation"
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="sections.section",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="section",
            name="entrant_organisations",
            field=models.ManyToManyField(
                editable=False,
                related_name="+",
                through="sections.SectionEntrantOrganisation",
                to="directory.organisation",
            ),
        ),
        migrations.CreateModel(
            name="SectionEntrantPerson",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="directory.person"
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="sections.section",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="section",
            name="entrant_people",
            field=models.ManyToManyField(
                editable=False,
                related_name="+",
                through="sections.SectionEntrantPerson",
                to="directory.person",
            ),
        ),
        migrations.AddConstraint(
            model_name="sectionentrantorganisation",
            constraint=models.UniqueConstraint(
                fields=("section", "organisation"), name="sections_entrant_organisation"
            ),
        ),
        migrations.AddConstraint(
            model_name="sectionentrantperson",
            constraint=models.UniqueConstraint(
                fields=("section", "person"), name="sections_entrant_person"
            ),
        ),
        migrations.RunPython(store_effective_access, migrations.RunPython.noop),
    ]
