"""The practice library: what a city did about a problem, how it went, and whom to ask.

A practice sits in a section (optional) and has its own ``access``, inheriting or stricter,
as every network record does. Its texts are translated content (``convene.core.translated``).

``PracticeSearch`` is the search index, one row per practice, written only by
``convene.knowledge.search`` (called by the practice services). Its table is created by
migration 0002 for the database in use: an FTS5 virtual table on SQLite, a table with a
``tsvector`` column and a GIN index on PostgreSQL. Django does not manage it (``managed =
False``): its shape differs per database, and flushing a test database leaves it alone.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.countries import country_choices
from convene.core.translated import TranslatedCharField, TranslatedTextField
from convene.directory.models import Organisation, Person
from convene.programme.models import Session, Topic
from convene.sections.models import Section

#: Longest title, in any one language.
PRACTICE_TITLE_MAX_LENGTH = 200

#: The translated texts of a practice, in the order a page shows them.
PRACTICE_TEXTS = ("summary", "problem", "actions", "partners", "results", "evaluation")


class EvidenceLevel(models.TextChoices):
    """How well the practice's effects are known, weakest first."""

    NOT_EVALUATED = "not_evaluated", _("Not evaluated")
    MONITORED = "monitored", _("Monitored (outputs counted)")
    SELF_EVALUATED = "self_evaluated", _("Evaluated by the city itself")
    EXTERNALLY_EVALUATED = "externally_evaluated", _("Externally evaluated")


class Practice(models.Model):
    title = TranslatedCharField(_("title"))
    slug = models.SlugField(_("slug"), max_length=120, db_index=False)
    summary = TranslatedTextField(_("summary"), blank=True, default=dict)
    problem = TranslatedTextField(_("problem addressed"), blank=True, default=dict)
    actions = TranslatedTextField(_("what was done"), blank=True, default=dict)
    partners = TranslatedTextField(_("partners"), blank=True, default=dict)
    results = TranslatedTextField(_("results"), blank=True, default=dict)
    evaluation = TranslatedTextField(_("evaluation"), blank=True, default=dict)
    target_group = TranslatedCharField(_("target group"), blank=True, default=dict)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("cities and organisations involved"),
        blank=True,
        related_name="practices",
    )
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="practices"
    )
    evidence_level = models.CharField(
        _("evidence level"),
        max_length=24,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.NOT_EVALUATED,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ongoing = models.BooleanField(_("ongoing"), default=False)
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    contact = models.ForeignKey(
        Person,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices_as_contact",
    )
    sessions = models.ManyToManyField(
        Session, verbose_name=_("presented at"), blank=True, related_name="practices"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.INHERIT
    )
    #: The language the record was written in: it decides how search stems the texts.
    language = models.CharField(_("language of the record"), max_length=8, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["title", "id"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="knowledge_practice_slug"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="knowledge_practice_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ongoing=False) | Q(ended_on__isnull=True),
                name="knowledge_practice_ongoing_has_no_end",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)


class SearchDocument(SearchVectorField):
    """The column that a full-text query matches: a ``tsvector`` on PostgreSQL; on SQLite the
    FTS5 table's hidden column of the same name as the table, which ``MATCH`` and ``bm25()``
    take. ``__fts`` is SQLite's match; on PostgreSQL ``=`` a ``SearchQuery`` is ``@@``."""


@SearchDocument.register_lookup
class FtsMatch(models.Lookup):
    lookup_name = "fts"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class PracticeSearch(models.Model):
    """A practice's texts as the search index holds them (see the module's docstring)."""

    practice = models.OneToOneField(
        Practice,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search",
    )
    title = models.TextField()
    body = models.TextField()
    #: The text search configuration for highlighting (PostgreSQL), after the record's language.
    config = models.TextField()
    document = SearchDocument(db_column="knowledge_practice_search")

    class Meta:
        managed = False
        db_table = "knowledge_practice_search"

    def __str__(self) -> str:
        return self.title
