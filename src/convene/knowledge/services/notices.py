"""The mails sent when minutes are first published: one per confirmed registrant of the session,
never two (``MinutesNotice`` is unique per minutes and person, and is written before the mail).

A registrant who may read the minutes (a member user by the rule of ``convene.core.access``, or
anyone when the minutes are public) gets the link; the others are told the minutes are for
members and how their organisation can join the network."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from convene.core.links import site_url
from convene.core.mail import ConveneMail, compose_mail
from convene.directory.models import Person
from convene.knowledge.access import people_may_view
from convene.knowledge.models import Minutes, MinutesNotice, MinutesNoticeKind, MinutesState
from convene.registrations.models import Registration, confirmed_q


def membership_contact() -> str:
    """Where an organisation asks to join: ``MEMBERSHIP_CONTACT_EMAIL``, else the sender."""
    from email.utils import parseaddr

    return settings.MEMBERSHIP_CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def _mail(minutes: Minutes, person: Person, kind: str) -> ConveneMail:
    session = minutes.session
    context = {
        "person": person,
        "session": session,
        "network": settings.NETWORK_NAME,
        "minutes_url": site_url(reverse("minutes:minutes", args=[session.slug])),
        "membership_url": site_url(reverse("minutes:membership")),
        "contact": membership_contact(),
    }
    return compose_mail(
        f"knowledge/mail/minutes_{kind}",
        context,
        language=person.preferred_language,
        to=[person.email],
    )


def _registrants(minutes: Minutes) -> list[Person]:
    people = (
        Registration.objects.filter(confirmed_q(), session_id=minutes.session_id)
        .select_related("person__organisation", "person__user")
        .order_by("person_id")
    )
    return [registration.person for registration in people]


def minutes_notices_send(*, minutes_id: int) -> int:
    """Send the notices not yet sent for these minutes; how many were sent. Nothing while they
    are a draft (unpublished before the job ran): they were mailed at first publication only."""
    minutes = (
        Minutes.objects.select_related("session__series__section").filter(pk=minutes_id).first()
    )
    if minutes is None or minutes.state != MinutesState.PUBLISHED:
        return 0
    already = set(minutes.notices.values_list("person_id", flat=True))
    people = [p for p in _registrants(minutes) if p.pk not in already and p.email]
    readers = people_may_view(people, minutes)
    sent = 0
    for person in people:
        kind = MinutesNoticeKind.READER if person.pk in readers else MinutesNoticeKind.NOT_MEMBER
        try:
            with transaction.atomic():
                notice = MinutesNotice.objects.create(minutes=minutes, person=person, kind=kind)
        except IntegrityError:
            continue  # another run of the job took this person meanwhile
        try:
            sent += _mail(minutes, person, kind).send()
        except Exception:
            notice.delete()  # not sent: a later run may try again
            raise
    return sent
