"""The directory: organisations, their aliases, email domains and membership periods, and people."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.countries import country_choices


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    REGIONAL_AUTHORITY = "regional_authority", _("Regional authority")
    PUBLIC_BODY = "public_body", _("Public body")
    RESEARCH = "research", _("Research")
    NGO = "ngo", _("Non-governmental organisation")
    PRIVATE = "private", _("Private sector")
    OTHER = "other", _("Other")


AUTHORITY_KINDS = (OrganisationKind.LOCAL_AUTHORITY, OrganisationKind.REGIONAL_AUTHORITY)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    geonames_id = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True)
    resolution_cluster = models.CharField(
        _("resolution cluster"),
        max_length=200,
        blank=True,
        help_text=_("Set when the resolution engine created this organisation from a registrant."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "country", name="directory_organisation_name_country_unique"
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="directory_organisation_not_own_parent"
            ),
        ]
        # Declared here rather than with db_index=True, which on PostgreSQL adds a second,
        # LIKE-only index; clusters are only ever compared whole.
        indexes = [
            models.Index(fields=["kind", "country"]),
            models.Index(fields=["resolution_cluster"], name="directory_org_cluster"),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(models.Model):
    """Another name for an organisation: a translation, an old name, a spelling staff accepted."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        db_index=False,  # leads the unique (organisation, lower(name)) index
    )
    name = models.CharField(_("alias"), max_length=300)

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("name"), name="directory_alias_unique_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationDomain(models.Model):
    """An email domain that belongs to one organisation (lower case, no ``@``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("email domain"), max_length=253)

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")
        ordering = ["domain"]
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["domain"], name="directory_domain_unique")]

    def __str__(self) -> str:
        return self.domain


class Membership(models.Model):
    """A period of membership of the network. ``member_until`` is the last day, inclusive."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        db_index=False,  # leads the (organisation, member_from, member_until) index
    )
    member_from = models.DateField(_("member from"))
    member_until = models.DateField(_("member until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation_id", "member_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_until__isnull=True)
                | Q(member_until__gte=models.F("member_from")),
                name="directory_membership_until_after_from",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "member_from", "member_until"])]

    def __str__(self) -> str:
        until = self.member_until.isoformat() if self.member_until else "…"
        return f"{self.organisation} {self.member_from.isoformat()}–{until}"

    def covers(self, day: dt.date) -> bool:
        return self.member_from <= day and (self.member_until is None or day <= self.member_until)


class ResolutionStatus(models.TextChoices):
    """How a person's organisation was settled."""

    PENDING = "pending", _("Not resolved yet")
    MATCHED = "matched", _("Matched to the directory")
    NEW = "new", _("New organisation")
    REVIEW = "review", _("Waiting for staff review")
    NONE = "none", _("No organisation")
    STAFF = "staff", _("Decided by staff")


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


class Person(models.Model):
    """Someone the network knows: a registrant, an attendee, a speaker."""

    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    organisation_text = models.CharField(_("organisation as typed"), max_length=300, blank=True)
    resolution_status = models.CharField(
        _("organisation resolution"),
        max_length=16,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.PENDING,
    )
    resolution_confidence = models.FloatField(_("resolution confidence"), null=True, blank=True)
    resolution_explanation = models.CharField(
        _("resolution explanation"), max_length=500, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=country_choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.EN
    )
    #: The sign-in account of this person (a member signs in by magic link; no password).
    user = models.OneToOneField(
        "core.User",
        verbose_name=_("sign-in account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    #: When the person last opened a link sent to this email (a confirmed registration, a
    #: sign-in link); None until then. Changing the email must clear it.
    email_verified_at = models.DateTimeField(_("email verified"), null=True, blank=True)
    #: When staff approved the link between this person and their organisation (for an email
    #: outside the organisation's domains), and which organisation it was: the approval counts
    #: only while the person still belongs to that one (a new resolution does not inherit it).
    organisation_approved_at = models.DateTimeField(
        _("link to the organisation approved"), null=True, blank=True
    )
    organisation_approved_for = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation approved"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: The participant-directory opt-in, as it stands now (the consent records keep its history).
    listed_in_directory = models.BooleanField(
        _("listed in the participant directory"), default=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="directory_person_email_ci_unique"),
        ]
        # Declared here rather than with db_index=True, which on PostgreSQL adds a second,
        # LIKE-only index; the status is only ever compared whole.
        indexes = [models.Index(fields=["resolution_status"], name="directory_person_resolution")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ImportStatus(models.TextChoices):
    STAGED = "staged", _("Waiting for confirmation")
    COMMITTED = "committed", _("Imported")


class MemberImport(models.Model):
    """A member list staff uploaded: the file is kept, so its preview survives a page reload
    and staff decisions on fuzzy matches (``decisions``: line → organisation id or ``"new"``)
    apply when it is imported."""

    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"), editable=False)
    decisions = models.JSONField(_("decisions"), default=dict, blank=True)
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
        verbose_name = _("member list import")
        verbose_name_plural = _("member list imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
