"""Registrations: one request covers one or more sessions of a series; each session gets a row."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.directory.models import Person
from convene.programme.models import Series, Session


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_join_salt() -> str:
    """16 random URL-safe characters: the stored half of a join link (``join_tokens``)."""
    return secrets.token_urlsafe(12)


class RegistrationRequest(models.Model):
    """One form submission: the person's consent and the double opt-in for its sessions."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="requests")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="requests")
    #: The SHA-256 digest of the secret in the confirmation link (``links.confirm_url`` makes
    #: the secret when the mail is rendered); until then an unguessable placeholder.
    token = models.CharField(max_length=64, default=new_token, editable=False)
    language = models.CharField(_("language"), max_length=8, default="en")
    consent_version = models.CharField(_("privacy notice version"), max_length=32)
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)
    directory_opt_in = models.BooleanField(_("listed in the participant directory"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    #: The sessions this request asked for. Registering again moves a session's registration to
    #: the newer request, and the older request's link still confirms the sessions it asked for.
    sessions = models.ManyToManyField(Session, related_name="+", verbose_name=_("sessions"))

    #: Set by ``registration_request_create``: session slug -> status it ended in.
    outcome: dict[str, str]

    class Meta:
        verbose_name = _("registration request")
        verbose_name_plural = _("registration requests")
        ordering = ["-created_at"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [
            models.UniqueConstraint(fields=["token"], name="registrations_request_token")
        ]

    def __str__(self) -> str:
        return f"{self.person.email} → {self.series}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("Waitlisted")
    CANCELLED = "cancelled", _("Cancelled")
    LAPSED = "lapsed", _("Lapsed (not confirmed in time)")


#: Statuses that are still a registration: not cancelled, not lapsed.
ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


def confirmed_q(prefix: str = "") -> Q:
    """Registrations that were confirmed and still stand: the person confirmed them by the mail
    link, or staff added, promoted or imported them as confirmed (``confirmed_at`` is set), and
    they hold a seat or wait on the waitlist. Mails about a session go to these people only.

    ``prefix`` reaches the registration through a relation (``"registrations__"`` from a session).
    """
    return Q(**{f"{prefix}status": RegistrationStatus.CONFIRMED}) | Q(
        **{f"{prefix}status": RegistrationStatus.WAITLISTED, f"{prefix}confirmed_at__isnull": False}
    )


def awaiting_confirmation_q(prefix: str = "") -> Q:
    """Registrations still waiting for the person to click the mail link: a held seat, or a
    place on the waitlist, not confirmed yet. They lapse (pending) or stay unconfirmed."""
    return Q(**{f"{prefix}status": RegistrationStatus.PENDING}) | Q(
        **{f"{prefix}status": RegistrationStatus.WAITLISTED, f"{prefix}confirmed_at__isnull": True}
    )


def seat_taken_q(now: object, prefix: str = "") -> Q:
    """Rows that hold a seat at ``now``: confirmed, or pending within its 48-hour hold.

    ``prefix`` reaches the registration through a relation (``"registrations__"`` from a session).
    """
    return Q(**{f"{prefix}status": RegistrationStatus.CONFIRMED}) | Q(
        **{f"{prefix}status": RegistrationStatus.PENDING, f"{prefix}hold_until__gt": now}
    )


class Registration(models.Model):
    """A person's place in one session. One row per (session, person), reused on re-registering."""

    # No index of its own: every index below starts with the session.
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="registrations", db_index=False
    )
    # No index of its own: report_registration_person below starts with the person.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    request = models.ForeignKey(
        RegistrationRequest, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=16, choices=RegistrationStatus.choices)
    hold_until = models.DateTimeField(_("seat held until"), null=True, blank=True)
    #: The join link's secret is derived from this salt by HMAC and never stored
    #: (``registrations.join_tokens``): the salt alone opens nothing.
    join_salt = models.CharField(max_length=16, default=new_join_salt, editable=False)
    #: The SHA-256 digest of the clear join token of a link mailed before issue #16, else "".
    join_legacy_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    waitlisted_at = models.DateTimeField(_("waitlisted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    #: When the person confirmed it by the mail link, or staff added or promoted it; set for a
    #: confirmed waitlisted place too (``confirmed_q``).
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, default="form")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="registrations_once"),
            models.UniqueConstraint(fields=["join_salt"], name="registrations_join_salt"),
        ]
        indexes = [
            models.Index(
                fields=["join_legacy_digest"],
                name="registrations_join_legacy",
                condition=~Q(join_legacy_digest=""),
            ),
            models.Index(fields=["session", "status", "hold_until"]),
            models.Index(fields=["session", "status", "waitlisted_at"]),
            # The impact report's covering indexes (made by reports migration 0002).
            models.Index(fields=["person", "status", "session"], name="report_registration_person"),
            models.Index(
                fields=["session", "status", "person"], name="report_registration_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.email} · {self.session} · {self.status}"


class JoinClick(models.Model):
    """A use of the personal join link: the first signal of attendance."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="clicks")
    clicked_at = models.DateTimeField(default=timezone.now)
    redirected = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("join click")
        verbose_name_plural = _("join clicks")

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.clicked_at:%Y-%m-%d %H:%M}"


class ReminderKind(models.TextChoices):
    DAY = "24h", _("24 hours before")
    HOUR = "1h", _("1 hour before")


class ReminderSent(models.Model):
    """Written before a reminder goes out; the unique constraint makes it at most once."""

    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="reminders",
        db_index=False,  # leads the unique (registration, kind) index
    )
    kind = models.CharField(max_length=8, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} {self.kind}"


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Waiting for confirmation")
    COMMITTED = "committed", _("Imported")


class RegistrationImport(models.Model):
    """Registrations of a past or outside series that staff uploaded (Eventbrite, Zoom, Google
    Forms, CiviCRM…). The file is kept with the column mapping staff chose, so the preview
    survives a page reload; importing it writes every row in one transaction."""

    series = models.ForeignKey(
        Series, verbose_name=_("series"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), editable=False)
    #: field (name, email, organisation…) -> column header, as detected or changed by staff.
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    notify = models.BooleanField(_("mail the people imported"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.STAGED
    )
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    created_by = models.ForeignKey(
        "core.User",
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration import")
        verbose_name_plural = _("registration imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
