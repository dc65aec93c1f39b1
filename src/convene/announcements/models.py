"""Announcing a series: a mail staff write once and send to chosen people of the directory who
agreed to hear from the network (consent ``network_news``), with who got it, who left the list
and which addresses bounced."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.translated import TranslatedCharField, TranslatedTextField
from convene.directory.models import OrganisationKind, Person
from convene.programme.models import Series


class AudienceGroup(models.TextChoices):
    MEMBERS = "members", _("People of member organisations")
    PAST_PARTICIPANTS = "past_participants", _("Past participants")
    EVERYONE = "everyone", _("Everyone in the directory")


class AnnouncementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")


class Announcement(models.Model):
    """A series' announcement. A draft can be changed and previewed; sending it fixes its
    recipients once (``status`` moves to ``sent`` under a row lock, so a double click sends
    nothing twice)."""

    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="announcements",
        db_index=False,  # the (series, sent_at) index serves lookups by series
    )
    subject = TranslatedCharField(_("subject"))
    body = TranslatedTextField(_("message"))
    #: ``AudienceGroup`` values: their people are added together.
    groups = models.JSONField(_("groups"), default=list)
    #: Country codes and organisation kinds that narrow the groups (empty: no narrowing).
    countries = models.JSONField(_("countries"), default=list, blank=True)
    kinds = models.JSONField(_("kinds of organisation"), default=list, blank=True)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=AnnouncementStatus.choices,
        default=AnnouncementStatus.DRAFT,
    )
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["series", "sent_at"], name="announcements_series_sent")]

    def __str__(self) -> str:
        return str(self.subject)

    def get_group_labels(self) -> list[str]:
        return [str(AudienceGroup(g).label) for g in self.groups if g in AudienceGroup.values]

    def get_kind_labels(self) -> list[str]:
        return [str(OrganisationKind(k).label) for k in self.kinds if k in OrganisationKind.values]


class AnnouncementRecipient(models.Model):
    """One person an announcement was sent to, and what became of it."""

    announcement = models.ForeignKey(
        Announcement,
        on_delete=models.CASCADE,
        related_name="recipients",
        db_index=False,  # leads the unique (announcement, person) index
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(_("email"), max_length=254)
    language = models.CharField(_("language"), max_length=8, default="en")
    #: SHA-256 of the unsubscribe link's secret (the secret itself is only in the mail).
    token_digest = models.CharField(max_length=64, blank=True, editable=False)
    mailed_at = models.DateTimeField(_("mailed"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["announcement_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "person"], name="announcements_recipient_once"
            ),
        ]
        indexes = [
            models.Index(
                fields=["token_digest"],
                name="announcements_token",
                condition=~Q(token_digest=""),
            ),
            models.Index(Lower("email"), name="announcements_recipient_email"),
        ]

    def __str__(self) -> str:
        return self.email


class BounceSource(models.TextChoices):
    STAFF = "staff", _("Recorded by staff")
    PROVIDER = "provider", _("Reported by the mail provider")


class BouncedAddress(models.Model):
    """An address mail could not be delivered to: announcements skip it from then on."""

    email = models.EmailField(_("email"), max_length=254)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=BounceSource.choices)
    first_bounced_at = models.DateTimeField(_("first bounce"), default=timezone.now)
    last_bounced_at = models.DateTimeField(_("last bounce"), default=timezone.now)
    count = models.PositiveIntegerField(_("bounces"), default=1)

    class Meta:
        verbose_name = _("bounced address")
        verbose_name_plural = _("bounced addresses")
        ordering = ["-last_bounced_at", "-id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="announcements_bounced_email_unique"),
        ]

    def __str__(self) -> str:
        return self.email
