"""The sections migration: names move to translated content (``name_fr`` becomes the French
text) and the stored access in effect is computed for the existing tree."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from convene.sections.models import Section


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_names_and_stores_the_access_in_effect():
    executor = MigrationExecutor(connection)
    before = [("sections", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    OldSection = old.get_model("sections", "Section")
    top = OldSection.objects.create(name="Crisis management", name_fr="Gestion de crise", slug="c")
    below = OldSection.objects.create(name="Covid-19", slug="covid", parent=top)
    open_top = OldSection.objects.create(name="Open", slug="open", access="public")
    closed = OldSection.objects.create(name="Board", slug="board", parent=open_top, access="staff")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    found = {s.slug: s for s in Section.objects.all()}
    assert found["c"].name.data == {"en": "Crisis management", "fr": "Gestion de crise"}
    assert found["covid"].name.data == {"en": "Covid-19"}
    assert {slug: s.effective_access for slug, s in found.items()} == {
        "c": "members",  # a root that inherits: deny by default
        "covid": "members",
        "open": "public",
        "board": "staff",
    }
    Section.objects.filter(pk__in=[below.pk, closed.pk]).delete()
    Section.objects.filter(pk__in=[top.pk, open_top.pk]).delete()
