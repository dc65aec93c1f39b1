"""The section tree: thematic sections of the network platform, with access that inherits.

Each section has an access mode modelled on Indico's (``inherit``, the default, then ``public``,
``members``, ``staff``; see ``convene.core.access.Access``) and lists of extra organisations
and people who may enter. What a section resolves to is stored, not worked out at each read:

* ``effective_access``: its own mode, or its parent's effective access when it inherits (a
  section at the root that inherits is members-only). A section can only be stricter than its
  parent: ``public`` under a members-only parent stays members-only.
* ``entrant_organisations`` / ``entrant_people``: who is on its extra list in effect. A section
  that inherits takes its parent's entrants and adds its own; a section that sets its own mode
  starts afresh with its own list only (as Indico's protected categories do). So an
  organisation invited to "Crisis management" may enter "Covid-19 lockdown 2020" below it,
  unless that subsection sets its own mode.

``sections.services`` recomputes both for a section and all its descendants whenever a section
or its parent changes; reads never walk the tree.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.core.translated import TranslatedCharField, TranslatedTextField

#: The levels a section can resolve to (never ``inherit``).
EFFECTIVE_CHOICES = [(a.value, a.label) for a in Access if a != Access.INHERIT]


class Section(models.Model):
    """A thematic section, such as "Crisis management". Access inherits from the parent."""

    #: In the content languages (``convene.core.translated``); ``str(name)`` is the viewer's.
    name = TranslatedCharField(_("name"))
    description = TranslatedTextField(_("description"), blank=True, default=dict)
    slug = models.SlugField(_("slug"), max_length=100, db_index=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.INHERIT
    )
    extra_organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("extra organisations who may enter"),
        blank=True,
        related_name="+",
    )
    extra_people = models.ManyToManyField(
        "directory.Person",
        verbose_name=_("extra people who may enter"),
        blank=True,
        related_name="+",
    )
    #: Computed by ``sections.services``: never set by hand.
    effective_access = models.CharField(
        _("access in effect"),
        max_length=16,
        choices=EFFECTIVE_CHOICES,
        default=Access.MEMBERS,
        editable=False,
    )
    entrant_organisations = models.ManyToManyField(
        "directory.Organisation",
        through="SectionEntrantOrganisation",
        related_name="+",
        editable=False,
    )
    entrant_people = models.ManyToManyField(
        "directory.Person", through="SectionEntrantPerson", related_name="+", editable=False
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "name", "id"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["slug"], name="sections_section_slug")]

    def __str__(self) -> str:
        return str(self.name)


class SectionEntrantOrganisation(models.Model):
    """An organisation on a section's extra list in effect (its own or inherited)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, db_index=False)
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["section", "organisation"], name="sections_entrant_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section_id}: organisation {self.organisation_id}"


class SectionEntrantPerson(models.Model):
    """A person on a section's extra list in effect (their own or inherited)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, db_index=False)
    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "person"], name="sections_entrant_person")
        ]

    def __str__(self) -> str:
        return f"{self.section_id}: person {self.person_id}"
