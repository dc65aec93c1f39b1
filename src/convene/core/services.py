"""Writes of the core app: staff accounts and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import ApiToken, User

TOKEN_PREFIX = "cvn_"  # noqa: S105 (a public marker, not a secret)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def staff_create(
    *, actor: User | None, email: str, name: str = "", password: str | None = None
) -> tuple[User, str | None]:
    """Create a staff account, or make an existing account staff.

    Returns the user and the password that was set: the one given, a generated one for a new
    account, or None when an existing account keeps its password.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is not None:
        if password is not None:
            user.set_password(password)
        user.is_staff = True
        user.is_active = True
        user.save(update_fields=["password", "is_staff", "is_active"])
        audit_record(actor=actor, code="core.staff.updated", obj=user)
        return user, password
    password = password or secrets.token_urlsafe(12)
    user = User.objects.create_user(email, password, name=name, is_staff=True, is_superuser=True)
    audit_record(actor=actor, code="core.staff.created", obj=user)
    return user, password


@transaction.atomic
def api_token_create(*, actor: User | None, user: User, label: str = "") -> tuple[ApiToken, str]:
    """Create a bearer token for a staff ``user``; the raw token is returned once, never stored."""
    if not (user.is_active and user.is_staff):
        raise ValidationError({"user": _("API tokens are for active staff accounts only.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, digest=token_digest(raw), prefix=raw[:12], label=label
    )
    audit_record(actor=actor, code="core.api_token.created", obj=token, details={"label": label})
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, code="core.api_token.revoked", obj=token)
    return token
