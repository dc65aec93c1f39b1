"""The library's one search (``practice_search``) on the database in use: run this file on
SQLite and on PostgreSQL (DATABASE_URL=postgres://…)."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convene.directory.services import organisation_create
from convene.knowledge import search
from convene.knowledge.selectors import PracticeFilters, practice_search
from convene.knowledge.services import PracticeData, practice_delete, practice_update
from convene.programme.models import Topic
from tests.knowledge.practices import ANONYMOUS, member_viewer, practice, staff_viewer

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming per language is PostgreSQL's"
)


def titles(query: str = "", filters: PracticeFilters | None = None, viewer=ANONYMOUS) -> list:
    return [str(p.title) for p in practice_search(viewer=viewer, query=query, filters=filters)]


def test_a_title_match_ranks_above_a_match_in_the_texts() -> None:
    practice(title="Street work with young people", summary="Shelters were opened in winter.")
    practice(title="Shelters for victims", summary="Rooms for women and children.")
    practice(title="Night buses", summary="Buses at night.")

    assert titles("shelters") == ["Shelters for victims", "Street work with young people"]


def test_every_word_must_match() -> None:
    practice(title="Shelters in Liège")
    practice(title="Shelters in Essen")

    assert titles("shelters liège") == ["Shelters in Liège"]


@pytest.mark.parametrize("query", ["liege", "LIEGE", "Liège", "liÈge"])
def test_accents_and_case_do_not_matter(query: str) -> None:
    practice(title="Housing first", summary="A shelter opened by the Ville de Liège.")
    practice(title="Campaign", summary="Posters in Mechelen.")

    assert titles(query) == ["Housing first"]


def test_a_word_typed_with_accents_finds_it_written_without() -> None:
    practice(title="Foyers a Liege", language="fr")

    assert titles("Liège") == ["Foyers a Liege"]


def test_the_snippet_marks_the_matches_and_escapes_everything_else() -> None:
    practice(
        title="Housing",
        summary='<script>alert("x")</script> Emergency shelters in Liège & Essen.',
    )

    found = practice_search(viewer=ANONYMOUS, query="liege")[0]
    html = str(search.highlight_html(found.snippet))

    assert "<mark>Liège</mark>" in html
    assert "<script>" not in html  # PostgreSQL's headline drops tags; SQLite's keeps them, escaped
    assert "&amp; Essen" in html


def test_highlighting_escapes_the_text_before_it_marks_the_matches() -> None:
    text = f'<i title="a">x</i> {search.MATCH_START}Liège{search.MATCH_END} & co'

    assert str(search.highlight_html(text)) == (
        "&lt;i title=&quot;a&quot;&gt;x&lt;/i&gt; <mark>Liège</mark> &amp; co"
    )


def test_markers_typed_in_a_text_cannot_open_a_tag() -> None:
    practice(title="Markers", summary=f"{search.MATCH_START}<b>bold</b>{search.MATCH_END} shelters")

    found = practice_search(viewer=ANONYMOUS, query="shelters")[0]
    html = str(search.highlight_html(found.snippet))

    assert html.count("<mark>") == 1 and "<b>" not in html


@pytest.mark.parametrize(
    "query", ['"', "shelters OR", "NEAR(a b)", "*", "title:x", "a AND -b", "'; drop table x; --"]
)
def test_query_syntax_typed_by_someone_is_only_words(query: str) -> None:
    practice(title="Shelters")

    titles(query)  # no error from the database's query parser


def test_a_query_of_no_words_lists_everything_by_title() -> None:
    practice(title="B practice")
    practice(title="A practice")

    assert titles("  ... !! ") == ["A practice", "B practice"]


def test_translations_are_searched_too() -> None:
    practice(title={"en": "Shelters", "fr": "Foyers d'hébergement"}, language="en")

    assert titles("hebergement") == ["Shelters"]


def test_organisations_involved_are_searched() -> None:
    essen = organisation_create(
        actor=None, name="Stadt Essen", kind="local_authority", country="DE"
    )
    practice(title="Night patrols", organisations=[essen])
    practice(title="Day patrols")

    assert titles("essen") == ["Night patrols"]


def test_an_update_rewrites_the_index_and_a_deletion_removes_it() -> None:
    item = practice(title="Shelters")
    practice_update(
        actor=None, practice=item, data=PracticeData(title="Campaigns", access="public")
    )

    assert titles("shelters") == []
    assert titles("campaigns") == ["Campaigns"]

    practice_delete(actor=None, practice=item)
    assert titles("campaigns") == []


def test_filters_by_topic_country_city_and_evidence() -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    liege = organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE"
    )
    practice(title="One", topics=[topic], country="BE", organisations=[liege])
    practice(title="Two", country="FR", evidence_level="externally_evaluated")
    practice(title="Three", topics=[topic], country="FR")

    assert titles(filters=PracticeFilters(topic="domestic-violence")) == ["One", "Three"]
    assert titles(filters=PracticeFilters(country="FR")) == ["Three", "Two"]
    assert titles(filters=PracticeFilters(city=liege.pk)) == ["One"]
    assert titles(filters=PracticeFilters(evidence="externally_evaluated")) == ["Two"]
    assert titles("three", PracticeFilters(topic="domestic-violence", country="FR")) == ["Three"]


def test_search_shows_only_what_the_viewer_may_see() -> None:
    practice(title="Shelters open", access="public")
    practice(title="Shelters members", access="members")
    practice(title="Shelters staff", access="staff")

    assert titles("shelters") == ["Shelters open"]
    assert sorted(titles("shelters", viewer=member_viewer())) == [
        "Shelters members",
        "Shelters open",
    ]
    assert len(titles("shelters", viewer=staff_viewer())) == 3


@on_postgresql
@pytest.mark.parametrize(
    ("text", "language", "query"),
    [
        ("Shelters for homeless people", "en", "shelter"),
        ("Sheltering victims", "en", "shelters"),
        ("Hébergement des victimes de violences conjugales", "fr", "violence conjugale"),
        ("Les logements d'urgence", "fr", "logement urgences"),
    ],
)
def test_words_are_stemmed_in_the_language_of_the_text(
    text: str, language: str, query: str
) -> None:
    practice(
        title={language: text} if language == "en" else {"en": "Untitled", language: text},
        language=language,
    )

    assert len(titles(query)) == 1


@on_postgresql
def test_french_stop_words_do_not_prevent_a_match() -> None:
    practice(title={"en": "Shelters", "fr": "Les foyers de la ville"}, language="fr")

    assert len(titles("les foyers")) == 1


def test_the_search_costs_the_same_queries_however_many_practices_match(
    django_assert_num_queries,
) -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    org = organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE"
    )
    practice(title="Shelters one", topics=[topic], organisations=[org])

    # The practices, their topics, their organisations.
    with django_assert_num_queries(3):
        assert len(list(practice_search(viewer=ANONYMOUS, query="shelters"))) == 1

    for n in range(5):
        practice(title=f"Shelters {n}", topics=[topic], organisations=[org])
    with django_assert_num_queries(3):
        assert len(list(practice_search(viewer=ANONYMOUS, query="shelters"))) == 6


def test_reindexing_picks_up_a_renamed_organisation() -> None:
    from django.core.management import call_command

    from convene.directory.services.editing import organisation_update

    city = organisation_create(
        actor=None, name="Ville de Liège", kind="local_authority", country="BE"
    )
    practice(title="Night patrols", organisations=[city])
    # A rename in the directory does not reach the index by itself (directory sits lower).
    organisation_update(
        actor=None, organisation=city, name="Ville de Namur", kind="local_authority", country="BE"
    )

    assert titles("namur") == []
    call_command("practices_reindex", stdout=io.StringIO())
    assert titles("namur") == ["Night patrols"]
    assert titles("liege") == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=60))
def test_whatever_someone_types_the_search_answers(typed: str) -> None:
    if not titles():  # the examples share the test's transaction: one practice for all
        practice(title="Shelters in Liège")

    found = titles(typed.replace("\x00", ""))

    assert found in ([], ["Shelters in Liège"])
