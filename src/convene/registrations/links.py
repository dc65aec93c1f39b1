"""Links that stand in for passwords: confirmation, management (magic link), join, feeds."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from convene.core.links import site_url
from convene.directory.models import Person
from convene.registrations.models import Registration, RegistrationRequest

MANAGE_SALT = "convene.registrations.manage"
FEED_SALT = "convene.registrations.feed"
MANAGE_MAX_AGE = 60 * 60 * 24 * 180  # a magic link works for 180 days


def absolute(path: str) -> str:
    return site_url(path)


def confirm_url(request: RegistrationRequest) -> str:
    return absolute(reverse("registrations:confirm", args=[request.token]))


def manage_token(person: Person) -> str:
    return signing.TimestampSigner(salt=MANAGE_SALT).sign(str(person.pk))


def manage_url(person: Person) -> str:
    return absolute(reverse("registrations:manage", args=[manage_token(person)]))


def person_id_from_manage_token(token: str) -> int | None:
    try:
        value = signing.TimestampSigner(salt=MANAGE_SALT).unsign(token, max_age=MANAGE_MAX_AGE)
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def feed_token(person: Person) -> str:
    return signing.Signer(salt=FEED_SALT).sign(str(person.pk)).replace(":", ".")


def person_id_from_feed_token(token: str) -> int | None:
    try:
        value = signing.Signer(salt=FEED_SALT).unsign(token.replace(".", ":"))
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def feed_url(person: Person) -> str:
    return absolute(reverse("registrations:personal-feed", args=[feed_token(person)]))


def join_url(registration: Registration) -> str:
    return absolute(reverse("registrations:join", args=[registration.join_token]))
