"""Titles, descriptions, abstracts and topic names move to translated content (a JSON object of
language code to text, django-i18nfield): the existing text becomes the English one, and a
topic's French name (``name_fr``) its French one. Nothing is lost either way."""

import json

from django.db import migrations, models

import convene.core.translated

#: (model, column) pairs whose plain text becomes {"en": text}.
COLUMNS = [
    ("series", "title"),
    ("series", "description"),
    ("session", "title"),
    ("session", "abstract"),
]


def _dump(pairs):
    pairs = {k: v for k, v in pairs.items() if v}
    return json.dumps(dict(sorted(pairs.items(), key=lambda kv: (kv[0] != "en", kv[0]))), ensure_ascii=False)


def _rows(schema_editor, table, columns):
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(quote(c) for c in ['id', *columns])} FROM {quote(table)}")  # noqa: S608
        return cursor.fetchall()


def _write(schema_editor, table, column, pk, value):
    quote = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s",  # noqa: S608
            [value, pk],
        )


def _is_translated(text):
    try:
        return isinstance(json.loads(text), dict)
    except (TypeError, ValueError):
        return False


def to_translated(apps, schema_editor):
    for model_name, column in COLUMNS:
        table = apps.get_model("programme", model_name)._meta.db_table
        for pk, text in _rows(schema_editor, table, [column]):
            if not _is_translated(text):
                _write(schema_editor, table, column, pk, _dump({"en": text or ""}))
    table = apps.get_model("programme", "Topic")._meta.db_table
    for pk, name, name_fr in _rows(schema_editor, table, ["name", "name_fr"]):
        if not _is_translated(name):
            _write(schema_editor, table, "name", pk, _dump({"en": name, "fr": name_fr}))


def to_plain(apps, schema_editor):
    for model_name, column in COLUMNS:
        table = apps.get_model("programme", model_name)._meta.db_table
        for pk, text in _rows(schema_editor, table, [column]):
            if _is_translated(text):
                _write(schema_editor, table, column, pk, json.loads(text).get("en", ""))
    table = apps.get_model("programme", "Topic")._meta.db_table
    for pk, name, _name_fr in _rows(schema_editor, table, ["name", "name_fr"]):
        if _is_translated(name):
            names = json.loads(name)
            english = names.get("en", "")
            _write(schema_editor, table, "name", pk, english)
            _write(schema_editor, table, "name_fr", pk, names.get("fr") or english)


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_topics")]

    operations = [
        migrations.AlterField(
            model_name="series",
            name="description",
            field=convene.core.translated.TranslatedTextField(blank=True, default=dict, verbose_name="description"),
        ),
        migrations.AlterField(
            model_name="series",
            name="title",
            field=convene.core.translated.TranslatedCharField(verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="session",
            name="abstract",
            field=convene.core.translated.TranslatedTextField(blank=True, default=dict, verbose_name="abstract"),
        ),
        migrations.AlterField(
            model_name="session",
            name="title",
            field=convene.core.translated.TranslatedCharField(verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="topic",
            name="name",
            field=convene.core.translated.TranslatedCharField(verbose_name="name"),
        ),
        migrations.RunPython(to_translated, to_plain),
        # A default, so that rolling back can add the column again before filling it.
        migrations.AlterField(
            model_name="topic",
            name="name_fr",
            field=models.CharField(blank=True, default="", max_length=120, verbose_name="name in French"),
        ),
        migrations.RemoveField(model_name="topic", name="name_fr"),
    ]
