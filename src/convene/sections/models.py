"""The section tree: thematic sections of the network platform, with access that inherits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionAccess(models.TextChoices):
    INHERIT = "inherit", _("Same as the parent section")
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    STAFF = "staff", _("Staff only")


class Section(models.Model):
    """A thematic section, such as "Crisis management". Access inherits from the parent."""

    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, db_index=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    access = models.CharField(
        _("access"), max_length=16, choices=SectionAccess.choices, default=SectionAccess.INHERIT
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["name"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["slug"], name="sections_section_slug")]

    def __str__(self) -> str:
        return self.name
