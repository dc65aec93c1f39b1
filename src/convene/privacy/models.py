"""What privacy keeps of its own: the record of each erasure, without personal data."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureReason(models.TextChoices):
    PERSON = "person", _("Asked by the person")
    STAFF = "staff", _("Done by staff on the person's behalf")
    RETENTION = "retention", _("Retention period passed")


class ErasureRecord(models.Model):
    """One person erased. It holds no personal data: the anonymous token that replaced the
    person's name and email, the id the person's row had, and when. A restore from a backup
    taken earlier replays these records (``privacy.services.erasure.erasure_replay``) so an
    erased person never comes back."""

    anonymous_token = models.CharField(_("anonymous token"), max_length=40)
    person_id = models.BigIntegerField(_("person id at erasure"))
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    reason = models.CharField(
        _("reason"), max_length=16, choices=ErasureReason.choices, default=ErasureReason.STAFF
    )

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        ordering = ["erased_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["anonymous_token"], name="privacy_erasure_token"),
        ]
        indexes = [models.Index(fields=["erased_at"], name="privacy_erasure_time")]

    def __str__(self) -> str:
        return self.anonymous_token

    def as_dict(self) -> dict[str, Any]:
        """The record as plain JSON data, for a backup's erasure journal and its replay."""
        return {
            "anonymous_token": self.anonymous_token,
            "person_id": self.person_id,
            "erased_at": self.erased_at.isoformat(),
            "reason": self.reason,
        }


class RetentionRun(models.Model):
    """The daily retention job's claim on its day: one row per day, so several workers
    running ``convene tick`` apply retention once."""

    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    counts = models.JSONField(_("counts"), default=dict, blank=True)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["day"], name="privacy_retention_day")]

    def __str__(self) -> str:
        return self.day.isoformat()
