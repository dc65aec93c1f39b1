"""The programme: series of web conferences, their sessions, topics and speakers."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.translated import TranslatedCharField, TranslatedTextField
from convene.core.validators import AFTER_LATEST_MOMENT, EARLIEST_MOMENT
from convene.directory.models import Person
from convene.sections.models import Section


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a time zone."), params={"zone": value})


class AudiencePolicy(models.TextChoices):
    OPEN = "open", _("Open to all")
    MEMBERS_ONLY = "members_only", _("Members only")
    MEMBERS_FIRST = "members_first", _("Members first")


class Topic(models.Model):
    """A theme of the taxonomy: domestic violence, polarisation, crisis management…"""

    slug = models.SlugField(_("slug"), max_length=80, db_index=False)
    #: In the content languages (``convene.core.translated``); ``str(name)`` is the viewer's.
    name = TranslatedCharField(_("name"))

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["slug"], name="programme_topic_slug")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, or in English when it has none."""
        return str(self.name)


#: Longest title, in any one language.
TITLE_MAX_LENGTH = 200


class Series(models.Model):
    #: Title and description are in the content languages: ``str()`` gives the viewer's.
    title = TranslatedCharField(_("title"))
    slug = models.SlugField(_("slug"), max_length=100, db_index=False)
    description = TranslatedTextField(_("description"), blank=True, default=dict)
    section = models.ForeignKey(
        Section, verbose_name=_("section"), null=True, blank=True, on_delete=models.SET_NULL
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_timezone]
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    audience_policy = models.CharField(
        _("audience policy"),
        max_length=16,
        choices=AudiencePolicy.choices,
        default=AudiencePolicy.OPEN,
    )
    members_first_release_days = models.PositiveSmallIntegerField(
        _("non-members admitted this many days before a session"), default=7
    )
    attendance_min_minutes = models.PositiveSmallIntegerField(
        _("attended: at least this many minutes"), default=10
    )
    attendance_min_percent = models.PositiveSmallIntegerField(
        _("attended: or at least this share of the session (%)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=now, editable=False)

    class Meta:
        verbose_name = _("series")
        verbose_name_plural = _("series")
        ordering = ["-created_at"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["slug"], name="programme_series_slug")]

    def __str__(self) -> str:
        return str(self.title)


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class VideoPlatform(models.TextChoices):
    ZOOM = "zoom", "Zoom"
    TEAMS = "teams", "Microsoft Teams"
    WEBEX = "webex", "Webex"
    BBB = "bbb", "BigBlueButton"
    MEET = "meet", "Google Meet"
    JITSI = "jitsi", "Jitsi"
    OTHER = "other", _("Other")


class Session(models.Model):
    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = TranslatedCharField(_("title"))
    slug = models.SlugField(_("slug"), max_length=100, db_index=False)
    abstract = TranslatedTextField(_("abstract"), blank=True, default=dict)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Brussels", validators=[validate_timezone]
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interpretation = models.JSONField(_("interpretation into"), default=list, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Blank means unlimited.")
    )
    video_platform = models.CharField(
        _("video platform"), max_length=16, choices=VideoPlatform.choices, blank=True
    )
    join_url = models.URLField(_("video join URL"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    #: Who may see the session on the network platform: its series' section decides
    #: (``inherit``), or a stricter level of its own (``sections.selectors.visible_q``).
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.INHERIT
    )
    audience_policy = models.CharField(
        _("audience policy"),
        max_length=16,
        choices=AudiencePolicy.choices,
        blank=True,
        help_text=_("Blank: as the series."),
    )
    members_first_release_at = models.DateTimeField(
        _("non-members admitted from"), null=True, blank=True
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), default=now, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [
            models.UniqueConstraint(fields=["slug"], name="programme_session_slug"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="programme_session_ends_after_start"
            ),
            # A row in the year 9999 broke every page that shows it (time-zone arithmetic
            # overflows): the sane range (``convene.core.validators``) holds in the database too.
            models.CheckConstraint(
                condition=Q(starts_at__gte=EARLIEST_MOMENT, ends_at__lt=AFTER_LATEST_MOMENT),
                name="programme_session_sane_dates",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def effective_policy(self) -> str:
        return self.audience_policy or self.series.audience_policy

    @property
    def release_at(self) -> dt.datetime:
        """When non-members stop waiting under ``members_first``."""
        if self.members_first_release_at is not None:
            return self.members_first_release_at
        return self.starts_at - dt.timedelta(days=self.series.members_first_release_days)

    @property
    def duration_minutes(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 60


class Speaker(models.Model):
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="speakers",
        db_index=False,  # leads the unique (session, person) index
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=100, blank=True)
    affiliation = models.CharField(_("affiliation shown"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="programme_speaker_once")
        ]

    def __str__(self) -> str:
        return f"{self.person.name} ({self.role})" if self.role else self.person.name
