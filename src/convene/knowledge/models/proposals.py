"""Topic proposals: members and partners propose the topics of the next series during a round;
members support them; staff answer each one and turn accepted ones into sessions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.translated import TranslatedCharField, TranslatedTextField
from convene.directory.models import Person
from convene.programme.models import Session

#: Longest proposal title and rationale, in any one language.
PROPOSAL_TITLE_MAX_LENGTH = 200
PROPOSAL_RATIONALE_MAX_LENGTH = 2000


class ProposalRound(models.Model):
    """A period in which topics are proposed and supported: open from ``opens_on`` to
    ``closes_on``, both days included, in the site's time zone (``TIME_ZONE``)."""

    title = TranslatedCharField(_("title"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day of the round."))
    supports_per_person = models.PositiveSmallIntegerField(
        _("supports per person"),
        default=3,
        help_text=_("How many proposals one person may support."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("proposal round")
        verbose_name_plural = _("proposal rounds")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="knowledge_round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(supports_per_person__gte=1), name="knowledge_round_one_support_at_least"
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)

    def is_open(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def is_past(self, on: dt.date | None = None) -> bool:
        return self.closes_on < (on or timezone.localdate())


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    NOT_NOW = "not_now", _("Not now")
    MERGED = "merged", _("Merged into another proposal")


class Proposal(models.Model):
    """A topic proposed for a coming series, with a short rationale. Staff may add translations
    of the title and rationale (translated content, ``convene.core.translated``)."""

    round = models.ForeignKey(
        ProposalRound, verbose_name=_("round"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = TranslatedCharField(_("title"))
    rationale = TranslatedTextField(_("rationale"))
    #: Who proposed it; kept null when the person is erased, so that the proposal survives.
    proposed_by = models.ForeignKey(
        Person,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_proposals",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    answer = TranslatedTextField(_("answer"), blank=True, default=dict)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_proposals",
    )
    #: The session this proposal became (the session page links back here).
    session = models.OneToOneField(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposal",
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("topic proposal")
        verbose_name_plural = _("topic proposals")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="merged", merged_into__isnull=False)
                | (~Q(status="merged") & Q(merged_into__isnull=True)),
                name="knowledge_proposal_merged_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("id")), name="knowledge_proposal_not_merged_into_itself"
            ),
            models.CheckConstraint(
                condition=Q(session__isnull=True) | Q(status="accepted"),
                name="knowledge_proposal_session_when_accepted",
            ),
        ]

    def __str__(self) -> str:
        return str(self.title)


class ProposalSupport(models.Model):
    """One member's support for one proposal. The per-round limit is counted from these rows
    under a lock on the person (``knowledge.services.proposals.proposal_support``). Erasing the
    person clears ``person`` and keeps the row (``convene.privacy``), so the count stays."""

    proposal = models.ForeignKey(
        Proposal,
        verbose_name=_("proposal"),
        on_delete=models.CASCADE,
        related_name="supports",
        db_index=False,  # leads the unique (proposal, person) index
    )
    #: Who supports it; null once the person is erased, so that the support still counts.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="proposal_supports",
    )
    created_at = models.DateTimeField(_("supported at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person"], name="knowledge_support_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.proposal_id}"
