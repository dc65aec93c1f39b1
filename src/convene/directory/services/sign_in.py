"""Member sign-in by magic link: a person types their email, gets a link that works once within
30 minutes (``core.tokens``: only its digest is stored), opens it, presses a button, and is
signed in. Opening the link verifies the email (the member rule's second fact). Staff keep their
password and second factor: a staff account is never signed in by a link."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from convene.core import ratelimit
from convene.core.models import LinkPurpose, User
from convene.core.tasks import enqueue_with_transaction
from convene.core.tokens import LinkState, link_token_find, sign_in_token_use
from convene.directory.models import Person
from convene.directory.selectors import person_get_by_email
from convene.directory.services.accounts import person_email_verify, person_user_ensure
from convene.directory.tasks import send_sign_in_link_task


class RateLimited(Exception):
    """Too many sign-in links asked for one address or from one client; try again later."""


def sign_in_link_request(*, email: str, ip: str, next_path: str = "") -> bool:
    """Mail a sign-in link to ``email`` if a person has it (and it is not a staff account's).

    Returns whether a mail was queued, for tests and logs only: callers must answer the same
    either way, so that nobody learns whether an address is known. Raises ``ValidationError``
    for an address that is not one, and :class:`RateLimited` past the limits (counted per
    address and per client whether the address is known or not).
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    ip_limit, ip_window = settings.RATE_LIMITS["sign_in_ip"]
    email_limit, email_window = settings.RATE_LIMITS["sign_in_email"]
    within_ip = ratelimit.hit("sign_in_ip", ip, limit=ip_limit, window=ip_window)
    within_email = ratelimit.hit(
        "sign_in_email", email.lower(), limit=email_limit, window=email_window
    )
    if not (within_ip and within_email):
        raise RateLimited(_("Too many attempts. Please wait a few minutes and try again."))
    person = person_get_by_email(email=email)
    if person is None or _is_staff_account(person):
        return False
    with transaction.atomic():
        enqueue_with_transaction(send_sign_in_link_task, person_id=person.pk, next_path=next_path)
    return True


def _is_staff_account(person: Person) -> bool:
    accounts = User.objects.filter(email__iexact=person.email)
    if person.user_id:
        accounts = accounts | User.objects.filter(pk=person.user_id)
    return accounts.filter(is_staff=True).exists() or accounts.filter(is_superuser=True).exists()


def sign_in_link_state(*, raw: str) -> LinkState:
    """Whether a sign-in link would work, without spending it (the page with the button)."""
    state, _token = link_token_find(raw=raw, purposes=[LinkPurpose.SIGN_IN])
    return state


@transaction.atomic
def sign_in_link_use(*, raw: str) -> tuple[LinkState, User | None]:
    """Spend the link: verify the person's email, and return their account (created with no
    usable password the first time) for the view to sign in. ``(state, None)`` when the link
    does not work, or when the person is staff (who sign in with their password)."""
    state, person_id = sign_in_token_use(raw=raw)
    if person_id is None:
        return state, None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return LinkState.UNKNOWN, None
    try:
        user = person_user_ensure(person=person)
    except ValidationError:
        return LinkState.UNKNOWN, None
    if not user.is_active:
        return LinkState.REVOKED, None
    person_email_verify(person=person)
    return LinkState.VALID, user
