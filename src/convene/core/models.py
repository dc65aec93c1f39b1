"""Core models: staff accounts, the audit log, API tokens, link tokens and rate counters."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    """Accounts are keyed by email; use ``core.services.staff_create`` to make staff."""

    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: programme staff and the administrator."""

    email = models.EmailField(_("email"), max_length=254)
    name = models.CharField(_("name"), max_length=200, blank=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        # core_user_email is implied by the case-insensitive one, but Django's check auth.E003
        # wants the USERNAME_FIELD unique on its own.
        constraints = [
            models.UniqueConstraint(fields=["email"], name="core_user_email"),
            models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class AuditLog(models.Model):
    """One entry for every change a service makes: who, what, to which object, when."""

    actor = models.ForeignKey(
        User, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(_("actor label"), max_length=254, blank=True)
    code = models.CharField(_("code"), max_length=100)
    # Indexed by the (content_type, object_id) index below.
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, db_index=False
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        # Declared here rather than with db_index=True, which on PostgreSQL adds a second,
        # LIKE-only index on the code; codes are only ever compared whole.
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["code"], name="core_auditlog_code"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.code} {self.object_repr}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64)
    prefix = models.CharField(_("prefix"), max_length=12)
    label = models.CharField(_("label"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        # Unique through a constraint, as unique=True adds a second, LIKE-only index on PostgreSQL.
        constraints = [models.UniqueConstraint(fields=["digest"], name="core_apitoken_digest")]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class RateCounter(models.Model):
    """One fixed window of one rate limit, counted by an atomic ``UPDATE … SET count = count + 1``
    (``convene.core.ratelimit``): the default shared store when there is no Redis. Django's
    database cache is not used for this, as its increment is a read followed by a write."""

    key = models.CharField(max_length=120)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key"], name="core_ratecounter_key")]
        indexes = [models.Index(fields=["expires_at"], name="core_ratecounter_expires")]

    def __str__(self) -> str:
        return f"{self.key} = {self.count}"


class LinkPurpose(models.TextChoices):
    MANAGE = "manage", _("“My registrations” link in a registration mail or reminder")
    MANAGE_ON_DEMAND = "manage-asked", _("“My registrations” link asked for by email")
    FEED = "feed", _("Calendar feed")
    SIGN_IN = "sign-in", _("Sign-in link")


class LinkToken(models.Model):
    """A secret carried by a link that grants something. Only its SHA-256 digest is stored; the
    raw secret goes into the mail once. ``subject_id`` is the id of what it grants access to (a
    person, for every purpose so far); it never appears in the link. Each row can be revoked on
    its own."""

    purpose = models.CharField(_("purpose"), max_length=16, choices=LinkPurpose.choices)
    subject_id = models.BigIntegerField(_("subject"))
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    #: None: the purpose decides how long the link works (a manage link: until the person's
    #: last session has ended).
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    single_use = models.BooleanField(_("single use"), default=False)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("link token")
        verbose_name_plural = _("link tokens")
        constraints = [models.UniqueConstraint(fields=["digest"], name="core_linktoken_digest")]
        indexes = [
            models.Index(fields=["purpose", "subject_id"], name="core_linktoken_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.subject_id}"
