"""Full-text search of the practice library, for the database in use.

- **PostgreSQL**: a ``tsvector`` per practice, built from each translation with the text search
  configuration of its language (``convene_english``, ``convene_french``…: the snowball
  stemmer after ``unaccent``, created by migration 0002), ``convene_simple`` for languages
  without a stemmer. Titles weigh A, summaries B, the other texts C, names of organisations D.
  A query is parsed with every configuration and the results OR-ed, so "violences" finds
  "violence" in French and "shelters" finds "shelter" in English. Ranked by ``ts_rank``,
  highlighted by ``ts_headline`` with the record language's configuration.
- **SQLite**: an FTS5 table with the ``porter unicode61 remove_diacritics 2`` tokenizer, ranked
  by ``bm25()`` (a title match weighs ten times a body match), highlighted by ``snippet()``.

Both are accent- and case-insensitive: "liege" finds "Liège". A query is its words, all of
which must match; quotes and operators typed by someone are words like any other, never
query syntax. Highlights come back as text with two private-use characters around each match;
:func:`highlight_html` escapes the text and only then turns those into ``<mark>``.

The index is written only by :func:`index_practices`, which the practice services call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from convene.core.translated import translations
from convene.knowledge.models import Practice
from convene.knowledge.models.practices import PRACTICE_TEXTS

#: Marks the start and end of a match in a snippet. Private-use characters: they are removed
#: from texts before indexing, so only the database's highlighting can put them there.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
_MARKERS = str.maketrans("", "", MATCH_START + MATCH_END)

#: The snowball stemmers of PostgreSQL for the content languages (settings.CONTENT_LANGUAGES).
PG_LANGUAGE_CONFIGS = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "es": "spanish",
    "nl": "dutch",
    "pt": "portuguese",
}
PG_SIMPLE_CONFIG = "convene_simple"

#: A query longer than this many words keeps its first ones.
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+")


def pg_config(language: str) -> str:
    """The text search configuration for texts in ``language`` ("fr" → "convene_french")."""
    name = PG_LANGUAGE_CONFIGS.get(language)
    return f"convene_{name}" if name else PG_SIMPLE_CONFIG


def query_words(query: str) -> list[str]:
    """The words of what someone typed: letters and digits, at most ``MAX_QUERY_WORDS``."""
    return _WORD.findall(query.translate(_MARKERS))[:MAX_QUERY_WORDS]


def highlight_html(text: str) -> SafeString:
    """A snippet as HTML: the text escaped, then each match wrapped in ``<mark>``."""
    escaped = str(escape(text))
    return mark_safe(  # noqa: S308 - escaped above; only our own markers become tags
        escaped.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    )


# Reading


def search(queryset: QuerySet[Practice], words: Sequence[str]) -> QuerySet[Practice]:
    """``queryset`` narrowed to the practices matching every word, annotated with ``rank``
    (higher is better) and ``snippet`` (text with match markers), best first."""
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, words)
    if connection.vendor == "sqlite":
        return _search_sqlite(queryset, words)
    raise NotImplementedError(f"No practice search for {connection.vendor}.")  # pragma: no cover


def _search_postgresql(queryset: QuerySet[Practice], words: Sequence[str]) -> QuerySet[Practice]:
    text = " ".join(words)
    configs = [PG_SIMPLE_CONFIG, *(pg_config(code) for code in PG_LANGUAGE_CONFIGS)]
    query = SearchQuery(text, config=configs[0])
    for config in configs[1:]:
        query = query | SearchQuery(text, config=config)
    return (
        queryset.filter(search__document=query)
        .annotate(
            rank=SearchRank(F("search__document"), query),
            snippet=SearchHeadline(
                F("search__body"),
                query,
                config=F("search__config"),
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "pk")
    )


def _search_sqlite(queryset: QuerySet[Practice], words: Sequence[str]) -> QuerySet[Practice]:
    # Each word a quoted FTS5 string: nothing typed is read as an operator.
    match = " ".join(f'"{word}"' for word in words)
    document = F("search__document")
    return (
        queryset.filter(search__document__fts=match)
        .annotate(
            # bm25() is lower for better matches; its weights are per column (title, body, config).
            rank=-Func(
                document,
                Value(10.0),
                Value(1.0),
                Value(0.0),
                function="bm25",
                output_field=FloatField(),
            ),
            snippet=Func(
                document,
                Value(1),
                Value(MATCH_START),
                Value(MATCH_END),
                Value(" … "),
                Value(30),
                function="snippet",
                output_field=TextField(),
            ),
        )
        .order_by("-rank", "pk")
    )


# Writing


def _clean(text: str) -> str:
    return text.translate(_MARKERS).strip()


def _languages(practice: Practice) -> list[str]:
    """The languages the practice has texts in, its own language first."""
    codes: set[str] = set()
    for name in ("title", *PRACTICE_TEXTS, "target_group"):
        codes.update(translations(getattr(practice, name)))
    return sorted(codes, key=lambda code: (code != practice.language, code))


def _entry(practice: Practice) -> tuple[str, str, list[tuple[str, str, str]]]:
    """The title, the body (for snippets) and the weighted (config, text, weight) segments."""
    names = " · ".join(_clean(org.name) for org in practice.organisations.all())
    extra = " · ".join(part for part in (names, _clean(practice.funding)) if part)
    titles, bodies, segments = [], [], []
    for code in _languages(practice):
        config = pg_config(code)
        title = _clean(translations(practice.title).get(code, ""))
        summary = _clean(translations(practice.summary).get(code, ""))
        rest = [
            _clean(translations(getattr(practice, name)).get(code, ""))
            for name in (*PRACTICE_TEXTS[1:], "target_group")
        ]
        titles.append(title)
        bodies.extend([summary, *rest])
        segments += [(config, title, "A"), (config, summary, "B"), (config, " ".join(rest), "C")]
        segments.append((config, extra, "D"))
    segments.append((PG_SIMPLE_CONFIG, extra, "D"))
    bodies.append(extra)
    title_text = " · ".join(t for t in titles if t)
    body_text = "\n".join(b for b in bodies if b)
    return title_text, body_text, [s for s in segments if s[1]]


def index_practices(practices: Iterable[Practice]) -> None:
    """Write the index rows of ``practices`` (their organisations are read; prefetch them).
    Call inside the service's transaction."""
    practices = list(practices)
    ids = [p.pk for p in practices]
    if not ids:
        return
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"DELETE FROM knowledge_practice_search WHERE rowid IN ({placeholders})",  # noqa: S608
            ids,
        )
        for practice in practices:
            title, body, segments = _entry(practice)
            config = pg_config(practice.language)
            if connection.vendor == "postgresql":
                vector = (
                    " || ".join("setweight(to_tsvector(%s::regconfig, %s), %s)" for _s in segments)
                    or "''::tsvector"
                )
                # Only placeholders are joined into the statement; every value is a parameter.
                insert = (
                    "INSERT INTO knowledge_practice_search"
                    " (rowid, title, body, config, knowledge_practice_search)"
                    " VALUES (%s, %s, %s, %s, "
                )
                sql = f"{insert}{vector})"  # noqa: S608
                params: list[Any] = [
                    practice.pk,
                    title,
                    body,
                    config,
                    *[v for s in segments for v in s],
                ]
                cursor.execute(sql, params)
            else:
                cursor.execute(
                    "INSERT INTO knowledge_practice_search (rowid, title, body, config)"
                    " VALUES (%s, %s, %s, %s)",
                    [practice.pk, title, body, config],
                )


def unindex_practices(ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids:
        return
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM knowledge_practice_search WHERE rowid IN ({placeholders})",  # noqa: S608
            ids,
        )
