"""Frozen reports: the document of a report as it was on the day it was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _


class ReportSnapshot(models.Model):
    """A report frozen by staff: its whole document (figures, sessions, organisations, topics)
    and the version of the definitions that made it, so the page and its files can be produced
    again exactly, whatever happens to the data afterwards (erasures, merges, new memberships).

    The document holds figures and the names of organisations and sessions, never people.
    """

    title = models.CharField(_("title"), max_length=200)
    scope_kind = models.CharField(_("scope"), max_length=16)
    represented_by = models.CharField(_("represented by"), max_length=16)
    definitions_version = models.CharField(_("definitions version"), max_length=16)
    document = models.JSONField(_("document"))
    created_at = models.DateTimeField(_("frozen"), default=now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("frozen by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report snapshot")
        verbose_name_plural = _("report snapshots")

    def __str__(self) -> str:
        return self.title
