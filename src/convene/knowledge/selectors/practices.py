"""Reading practices: the library's one search, and a practice's page. What a viewer may see is
worked out in the database (``visible_q``), so a page of results costs the same few queries
whatever the library holds or the viewer may see."""

from __future__ import annotations

import dataclasses

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from convene.core.access import Access, Viewer
from convene.directory.models import Organisation, OrganisationKind
from convene.knowledge import search
from convene.knowledge.models import Practice
from convene.programme.models import Session, Topic
from convene.programme.selectors import PUBLIC_STATUSES
from convene.sections.selectors import visible_q


@dataclasses.dataclass(frozen=True)
class PracticeFilters:
    """Narrowing the library: a topic's slug, a country code, an organisation's id, a level."""

    topic: str = ""
    country: str = ""
    city: int | None = None
    evidence: str = ""


def practices_visible(viewer: Viewer) -> QuerySet[Practice]:
    """The practices ``viewer`` may see, in one WHERE clause."""
    return Practice.objects.filter(visible_q(viewer))


def sessions_visible(viewer: Viewer) -> QuerySet[Session]:
    """Published (or cancelled) sessions ``viewer`` may see: their series' section and their
    own access."""
    return Session.objects.filter(
        visible_q(viewer, section_field="series__section"),
        status__in=PUBLIC_STATUSES,
    ).select_related("series")


def practice_search(
    *, viewer: Viewer, query: str = "", filters: PracticeFilters | None = None
) -> QuerySet[Practice]:
    """The practices ``viewer`` may see that match ``query`` (every word, accents and case
    ignored) and ``filters``. With words, the best first, each annotated with ``rank`` and a
    ``snippet`` whose matches ``search.highlight_html`` marks; without, by title.
    Their topics and organisations come prefetched: three queries for a page."""
    filters = filters or PracticeFilters()
    queryset = practices_visible(viewer)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.country:
        queryset = queryset.filter(country=filters.country)
    if filters.city is not None:
        queryset = queryset.filter(organisations__id=filters.city)
    if filters.evidence:
        queryset = queryset.filter(evidence_level=filters.evidence)
    words = search.query_words(query)
    if words:
        queryset = search.search(queryset, words)
    else:
        queryset = queryset.order_by("title", "pk")
    return queryset.prefetch_related(
        "topics", Prefetch("organisations", queryset=Organisation.objects.order_by("name"))
    )


def practice_get_for_viewer(*, viewer: Viewer, slug: str) -> Practice:
    """One practice with everything its page shows, or Http404 when ``viewer`` may not see it
    (a hidden practice answers as a missing one: its existence does not leak)."""
    practice = (
        practices_visible(viewer)
        .select_related("contact__organisation", "section")
        .prefetch_related(
            "topics",
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            Prefetch("sessions", queryset=sessions_visible(viewer).order_by("starts_at", "pk")),
        )
        .filter(slug=slug)
        .first()
    )
    if practice is None:
        raise Http404
    return practice


def practice_access_levels(*, slug: str) -> tuple[str, str] | None:
    """For refusing a page: the access in effect of the practice's section (public outside
    any section) and its own access; None when no practice has this slug."""
    row = (
        Practice.objects.filter(slug=slug)
        .values_list("section__effective_access", "access")
        .first()
    )
    if row is None:
        return None
    return row[0] or Access.PUBLIC, row[1]


@dataclasses.dataclass(frozen=True)
class FilterChoices:
    topics: list[Topic]
    countries: list[str]
    cities: list[Organisation]


def practice_filter_choices(*, viewer: Viewer) -> FilterChoices:
    """What the library's filters offer: the topics, countries and cities of the practices the
    viewer may see (three queries)."""
    visible = practices_visible(viewer)
    topics = list(Topic.objects.filter(practices__in=visible).distinct().order_by("name"))
    countries = sorted(
        set(visible.exclude(country="").values_list("country", flat=True).distinct())
    )
    cities = list(
        Organisation.objects.filter(practices__in=visible, kind=OrganisationKind.LOCAL_AUTHORITY)
        .distinct()
        .order_by("name")
    )
    return FilterChoices(topics=topics, countries=countries, cities=cities)


# Staff pages: every practice, whatever its access.


def practice_list_for_staff() -> QuerySet[Practice]:
    return (
        Practice.objects.select_related("section")
        .prefetch_related(Prefetch("organisations", queryset=Organisation.objects.order_by("name")))
        .order_by("title", "pk")
    )


def practice_get_for_staff(*, pk: int) -> Practice:
    practice = (
        Practice.objects.select_related("contact", "section")
        .prefetch_related("organisations", "topics", "sessions")
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404
    return practice
