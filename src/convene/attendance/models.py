"""Attendance brought back from video tools: imports, one row per person and session, and
what each import said about that person (the raw intervals, so files merge by union).

The parsing, merging and matching engine is pure Python (``parsers/``, ``merge.py``,
``matching.py``); these models only store its results. Writes go through ``services``.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from convene.directory.models import Person
from convene.programme.models import Session
from convene.registrations.models import Registration


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Preview")
    COMMITTED = "committed", _("Committed")


class ParseState(models.TextChoices):
    """Where a stored upload is: a task reads it after the upload (the web request only stores
    it), then staff see its preview."""

    QUEUED = "queued", _("Waiting to be read")
    PARSING = "parsing", _("Being read")
    READY = "ready", _("Read")
    FAILED = "failed", _("Cannot be read")


class Role(models.TextChoices):
    HOST = "host", _("Host")
    ATTENDEE = "attendee", _("Attendee")


class MatchMethod(models.TextChoices):
    TOKEN = "token", _("Join-link token")
    EMAIL = "email", _("Email")
    ALTERNATE_EMAIL = "alternate_email", _("Alternate email")
    NAME = "name", _("Similar name")
    STAFF = "staff", _("Linked by staff")
    UNMATCHED = "unmatched", _("Unmatched")


class ColumnMappingPreset(models.Model):
    """A generic-CSV column mapping, chosen once per source and reused (``ColumnMapping``)."""

    name = models.CharField(_("name"), max_length=120)
    mapping = models.JSONField(_("column mapping"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=now, editable=False)

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["name"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["name"], name="attendance_preset_name")]

    def __str__(self) -> str:
        return self.name


def upload_path(instance: AttendanceImport, filename: str) -> str:
    """Where an uploaded report is stored: a random name (the original one may name people)."""
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"attendance/uploads/{uuid.uuid4().hex}{suffix}"


class AttendanceImport(models.Model):
    """One uploaded report for one session: a preview until staff commit it.

    While in preview the file is kept in the file storage (``file``; streamed there by the
    upload, never held whole in memory or in one SQL value) so the commit reads exactly what
    staff saw; committing deletes it (the per-person rows and their intervals are what is
    kept). The same content can be committed only once per session.
    """

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendance_imports",
        db_index=False,  # leads the (session, status) index
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content_sha256 = models.CharField(_("content SHA-256"), max_length=64)
    file = models.FileField(
        _("file"), upload_to=upload_path, max_length=200, blank=True, editable=False
    )
    format = models.CharField(_("format"), max_length=32, blank=True)
    timezone = models.CharField(_("time zone"), max_length=64)
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    errors = models.JSONField(_("rows with errors"), default=list, blank=True)
    skipped = models.JSONField(_("skipped rows"), default=list, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    parse_state = models.CharField(
        _("reading"), max_length=16, choices=ParseState.choices, default=ParseState.READY
    )
    problem = models.TextField(_("problem"), blank=True)
    #: The preview's people as the task matched them (so showing it never parses the file).
    preview_rows = models.JSONField(_("preview rows"), default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=now, editable=False)
    committed_at = models.DateTimeField(_("committed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance import")
        verbose_name_plural = _("attendance imports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "content_sha256"],
                condition=Q(status="committed"),
                name="attendance_import_file_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(status="preview") | Q(committed_at__isnull=False),
                name="attendance_import_committed_has_time",
            ),
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"{self.file_name} · {self.session}"

    @property
    def is_committed(self) -> bool:
        return self.status == ImportStatus.COMMITTED

    @property
    def is_pending(self) -> bool:
        """Queued or being read by the task: the page shows progress, not a preview."""
        return self.parse_state in (ParseState.QUEUED, ParseState.PARSING)


class Attendance(models.Model):
    """One person at one session, merged across every committed import for it.

    ``key`` identifies the person within the session: ``person:<id>`` once linked to a
    person, else the merge key the engine gave (``email:…``, ``id:…``, ``name:…``).
    ``source_keys`` keeps every merge key that fed the row, so a later file finds it again.
    ``minutes`` is the union of all sources' intervals (never their sum).
    """

    # Neither key needs an index of its own: (session, key) and (person, session) lead with them.
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendances",
        db_index=False,
    )
    key = models.CharField(_("person key"), max_length=320)
    source_keys = models.JSONField(default=list, blank=True)
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
        db_index=False,
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attendances",
    )
    name = models.CharField(_("name shown in the report"), max_length=300)
    email = models.CharField(_("email in the report"), max_length=254, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ATTENDEE)
    minutes = models.FloatField(_("minutes"), default=0)
    connections = models.PositiveIntegerField(_("connections"), default=0)
    first_join = models.DateTimeField(_("first join"), null=True, blank=True)
    last_leave = models.DateTimeField(_("last leave"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    match_method = models.CharField(
        _("matched by"), max_length=16, choices=MatchMethod.choices, default=MatchMethod.UNMATCHED
    )
    match_score = models.FloatField(_("match score"), default=0)
    imports = models.ManyToManyField(
        AttendanceImport, through="AttendanceSource", related_name="attendances"
    )
    created_at = models.DateTimeField(_("created"), default=now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["session_id", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "key"], name="attendance_once_per_key"),
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=Q(person__isnull=False),
                name="attendance_once_per_person",
            ),
            models.CheckConstraint(condition=Q(minutes__gte=0), name="attendance_minutes_positive"),
            models.CheckConstraint(
                condition=Q(registration__isnull=True) | Q(person__isnull=False),
                name="attendance_registration_has_person",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "session"]),
            # The impact report's: the audience of a session, answered from the index.
            models.Index(
                fields=["session", "attended", "role", "person"], name="report_attendance_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.session} · {self.minutes:.0f} min"

    @property
    def minutes_rounded(self) -> float:
        """Rounded as the engine and the CLI round (to 0.1), before a template formats it."""
        return round(self.minutes, 1)

    @property
    def in_audience(self) -> bool:
        return self.attended and self.role == Role.ATTENDEE


class AttendanceSource(models.Model):
    """What one import said about one attendee: intervals as ISO pairs, per-person total
    (for tools that report only a total), connections, role and the source lines."""

    attendance = models.ForeignKey(
        Attendance,
        on_delete=models.CASCADE,
        related_name="sources",
        db_index=False,  # leads the unique (attendance, attendance_import) index
    )
    attendance_import = models.ForeignKey(
        AttendanceImport, on_delete=models.CASCADE, related_name="sources"
    )
    key = models.CharField(max_length=320)
    name = models.CharField(max_length=300)
    email = models.CharField(max_length=254, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.ATTENDEE)
    intervals = models.JSONField(default=list, blank=True)
    minutes = models.FloatField(default=0)
    connections = models.PositiveIntegerField(default=0)
    first_join = models.DateTimeField(null=True, blank=True)
    last_leave = models.DateTimeField(null=True, blank=True)
    lines = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("attendance source")
        verbose_name_plural = _("attendance sources")
        constraints = [
            models.UniqueConstraint(
                fields=["attendance", "attendance_import"], name="attendance_source_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.attendance_import_id})"


class OrganiserDomain(models.Model):
    """An email domain of the network's own people (lower case, no ``@``): whoever attends with
    an address there is on the organising team, never in the audience. Seeded from the
    ``ORGANISER_EMAIL_DOMAINS`` setting when the table is created; staff edit the list."""

    domain = models.CharField(_("email domain"), max_length=253)
    created_at = models.DateTimeField(_("added"), default=now, editable=False)

    class Meta:
        verbose_name = _("organiser email domain")
        verbose_name_plural = _("organiser email domains")
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(fields=["domain"], name="attendance_organiser_domain_unique")
        ]

    def __str__(self) -> str:
        return self.domain
