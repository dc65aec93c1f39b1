"""Minutes of a session: Markdown in the session's languages, a draft or published state,
every save kept as a revision, and the mails sent when they were first published."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convene.core.access import Access
from convene.core.translated import TranslatedTextField
from convene.directory.models import Person
from convene.programme.models import Session
from convene.sections.models import Section


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Minutes(models.Model):
    """The minutes of one session. They sit in the session's section (its series' section) and
    may set their own access, never looser than the section's."""

    session = models.OneToOneField(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="written_minutes"
    )
    #: Markdown, one text per language (``convene.core.translated``); ``str()`` is the viewer's.
    body = TranslatedTextField(_("text (Markdown)"), blank=True, default=dict)
    state = models.CharField(
        _("state"), max_length=16, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.INHERIT
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    #: When they were last published; None while a draft.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    #: When they were published for the first time: registrants are mailed then, and only then.
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("written record of a session", "minutes")
        verbose_name_plural = pgettext_lazy("written record of a session", "minutes")
        ordering = ["-updated_at", "id"]

    def __str__(self) -> str:
        return str(_("Minutes of %(session)s") % {"session": self.session})

    @property
    def section(self) -> Section | None:
        """The section the minutes sit in: their session's series'."""
        return self.session.series.section

    @property
    def is_published(self) -> bool:
        return self.state == MinutesState.PUBLISHED


class MinutesRevision(models.Model):
    """The text of the minutes as one save left it. Numbered from 1 per minutes."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="revisions",
        db_index=False,  # leads the unique (minutes, number) index
    )
    number = models.PositiveIntegerField(_("revision"))
    #: The Markdown of each language at that save (language code to text).
    body = models.JSONField(_("text (Markdown)"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The author's address when they saved, kept if the account goes.
    author_label = models.CharField(_("author"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="knowledge_revision_once")
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} #{self.number}"


class MinutesNoticeKind(models.TextChoices):
    READER = "reader", _("Link to the minutes")
    NOT_MEMBER = "not_member", _("Minutes are for members")


class MinutesNotice(models.Model):
    """One mail sent to a registrant when the minutes were first published. At most one per
    (minutes, person): publishing again, or a task run twice, mails nobody twice."""

    minutes = models.ForeignKey(
        Minutes,
        on_delete=models.CASCADE,
        related_name="notices",
        db_index=False,  # leads the unique (minutes, person) index
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=MinutesNoticeKind.choices)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("minutes notice")
        verbose_name_plural = _("minutes notices")
        constraints = [
            models.UniqueConstraint(fields=["minutes", "person"], name="knowledge_notice_once")
        ]

    def __str__(self) -> str:
        return f"{self.minutes_id} → {self.person_id} ({self.kind})"
