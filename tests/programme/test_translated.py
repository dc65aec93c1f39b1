"""Translated content: the viewer's language, the English fallback, and the data migration that
moved the English and French columns into it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import translation

from convene.core.translated import content_languages, translations, translations_clean
from convene.programme.models import Series, Topic
from tests import factories as f


@pytest.mark.django_db
def test_the_viewer_language_with_english_as_fallback():
    series = f.series()
    Series.objects.filter(pk=series.pk).update(
        title={"en": "Public spaces", "fr": "Espaces publics"}
    )
    series.refresh_from_db()
    with translation.override("fr"):
        assert str(series.title) == "Espaces publics"
    with translation.override("de"):
        assert str(series.title) == "Public spaces"
    assert translations(series.title) == {"en": "Public spaces", "fr": "Espaces publics"}


@pytest.mark.django_db
def test_topics_keep_their_french_names():
    topic = Topic.objects.get(slug="crime-prevention")
    assert topic.name.localize("fr") == "Prévention de la délinquance"
    with translation.override("fr"):
        assert topic.label == "Prévention de la délinquance"
    with translation.override("it"):
        assert topic.label == "Crime prevention"


@pytest.mark.django_db
def test_accents_are_stored_readable_so_search_finds_them():
    series = f.series()
    Series.objects.filter(pk=series.pk).update(title={"en": "Liège exchanges"})
    assert Series.objects.filter(title__icontains="liège").count() == 1


def test_adding_a_content_language_is_a_setting():
    with override_settings(CONTENT_LANGUAGES=["fr", "en", "pl"]):
        assert content_languages() == ["en", "fr", "pl"]
        assert translations_clean({"en": "x", "pl": " y "}, field="t", required=True) == {
            "en": "x",
            "pl": "y",
        }
    with pytest.raises(ValidationError):
        translations_clean({"en": "x", "pl": "y"}, field="t", required=True)


def test_english_is_required():
    with pytest.raises(ValidationError) as raised:
        translations_clean({"fr": "Titre"}, field="title", required=True)
    assert "title" in raised.value.message_dict
    assert translations_clean("", field="abstract", required=False) == {}


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_english_and_french_content():
    executor = MigrationExecutor(connection)
    before = [("programme", "0002_topics")]
    after = [("programme", "0003_translated_content")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    old_series = old.get_model("programme", "Series").objects.create(
        title="Lockdown exchanges", slug="lockdown", description="Städte im Gespräch"
    )
    # A transactional test before this one may have flushed the topics the migrations seed.
    old.get_model("programme", "Topic").objects.update_or_create(
        slug="public-spaces", defaults={"name": "Public spaces", "name_fr": "Espaces publics (FR)"}
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    series = Series.objects.get(pk=old_series.pk)
    assert series.title.data == {"en": "Lockdown exchanges"}
    assert series.description.data == {"en": "Städte im Gespräch"}
    topic = Topic.objects.get(slug="public-spaces")
    assert topic.name.data == {"en": "Public spaces", "fr": "Espaces publics (FR)"}
    Series.objects.filter(pk=series.pk).delete()
