"""Links that stand in for passwords: confirmation, "my registrations", calendar feed, join.

Every secret is random and stored only as a SHA-256 digest (issue #16):

* confirmation: the digest is ``RegistrationRequest.token``; the secret is made when the mail is
  rendered, so it never waits in the job queue;
* join: derived by HMAC from the registration's ``join_salt`` (``join_tokens``), so the feed and
  every reminder can rebuild it without storing it;
* "my registrations" and the calendar feed: rows of :class:`convene.core.models.LinkToken`, one
  per mail, each revocable. A "my registrations" link works until the person's last session has
  ended (``manage_link_state``), so cancelling from an old mail works; asking for a link by email
  revokes the links asked for earlier that way, not those in registration mails. A link asked
  for by email also works for ``ON_DEMAND_LIFETIME`` after it was sent, so someone whose
  sessions are all over can still reach their page to export or erase their data.

Making a link writes its digest, so these helpers are called where a mail is built, once per
mail, never to display a page.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from convene.core.links import site_url
from convene.core.models import LinkPurpose, LinkToken
from convene.core.tokens import (
    LinkState,
    link_digest,
    link_token_find,
    link_token_issue,
    link_tokens_revoke,
    new_secret,
)
from convene.directory.models import Person
from convene.registrations.join_tokens import join_secret
from convene.registrations.models import Registration, RegistrationRequest

MANAGE_PURPOSES = (LinkPurpose.MANAGE, LinkPurpose.MANAGE_ON_DEMAND)
#: How long a "my registrations" link asked for by email works, even after the last session.
ON_DEMAND_LIFETIME = dt.timedelta(days=7)


def absolute(path: str) -> str:
    return site_url(path)


def confirm_url(request: RegistrationRequest) -> str:
    """A new confirmation secret for ``request``; the one mailed before stops working."""
    raw = new_secret()
    request.token = link_digest(raw)
    request.save(update_fields=["token"])
    return absolute(reverse("registrations:confirm", args=[raw]))


def manage_token(person: Person) -> str:
    """A "my registrations" secret for a registration mail or reminder."""
    return link_token_issue(purpose=LinkPurpose.MANAGE, subject_id=person.pk)


def manage_url(person: Person) -> str:
    return absolute(reverse("registrations:manage", args=[manage_token(person)]))


def manage_url_on_demand(person: Person) -> str:
    """The link of "email me my link": the links asked for before this way stop working."""
    link_tokens_revoke(purposes=[LinkPurpose.MANAGE_ON_DEMAND], subject_id=person.pk)
    raw = link_token_issue(purpose=LinkPurpose.MANAGE_ON_DEMAND, subject_id=person.pk)
    return absolute(reverse("registrations:manage", args=[raw]))


def _last_session_ended(person_id: int) -> bool:
    last_end = Registration.objects.filter(person_id=person_id).aggregate(
        last=Max("session__ends_at")
    )["last"]
    return last_end is None or last_end <= timezone.now()


def manage_link_state(token: str) -> tuple[LinkState, LinkToken | None]:
    """A "my registrations" link's state: it works until the person's last session ended, and
    one asked for by email at least ``ON_DEMAND_LIFETIME`` after it was sent."""
    state, found = link_token_find(raw=token, purposes=MANAGE_PURPOSES)
    if state is not LinkState.VALID or found is None:
        return state, found
    fresh_on_demand = (
        found.purpose == LinkPurpose.MANAGE_ON_DEMAND
        and timezone.now() < found.created_at + ON_DEMAND_LIFETIME
    )
    if not fresh_on_demand and _last_session_ended(found.subject_id):
        return LinkState.EXPIRED, found
    return state, found


def feed_token(person: Person) -> str:
    return link_token_issue(purpose=LinkPurpose.FEED, subject_id=person.pk)


def feed_url(person: Person) -> str:
    return absolute(reverse("registrations:personal-feed", args=[feed_token(person)]))


def feed_url_reset(person: Person) -> str:
    """A new calendar-feed link; every earlier one stops working."""
    link_tokens_revoke(purposes=[LinkPurpose.FEED], subject_id=person.pk)
    return feed_url(person)


def person_id_from_feed_token(token: str) -> int | None:
    state, found = link_token_find(raw=token, purposes=[LinkPurpose.FEED])
    if state is not LinkState.VALID or found is None or _last_session_ended(found.subject_id):
        return None
    return found.subject_id


def join_url(registration: Registration) -> str:
    return absolute(reverse("registrations:join", args=[join_secret(registration.join_salt)]))


def leave_url(registration: Registration) -> str:
    """Where a mail client unsubscribes from staff messages about a session (one click)."""
    return absolute(
        reverse("registrations:leave", args=[manage_token(registration.person), registration.pk])
    )


#: The session key listing the "my registrations" links this browser opened (by digest).
_OPENED = "manage_opened"


def manage_link_open(request: HttpRequest, token: str) -> None:
    """This browser pressed the button of a "my registrations" link: its pages show personal
    data from now on (a mail scanner that only opens the link sees none)."""
    opened = [d for d in request.session.get(_OPENED, []) if d != link_digest(token)]
    request.session[_OPENED] = [*opened[-19:], link_digest(token)]


def manage_link_opened(request: HttpRequest, token: str) -> bool:
    return link_digest(token) in request.session.get(_OPENED, [])
