"""The demo's two sign-in people: a member official and a partner from a non-member
organisation, and the lines ``convene demo`` prints for them.

Both sign in as any person does, by a single-use link valid for 30 minutes
(``directory.tasks.sign_in_url``); ``convene demo`` prints a fresh one at every start. The
member's address is not on the city's domain, so staff approve the person's link to the city
(``person_organisation_approve``), as they would for an official writing from a private address.
"""

from __future__ import annotations

from convene.core.models import User
from convene.directory.models import Organisation, Person
from convene.directory.services.accounts import (
    person_email_verify,
    person_organisation_approve,
    person_user_ensure,
)
from convene.directory.services.organisations import person_create
from convene.directory.tasks import sign_in_url

DEMO_MEMBER = ("Sofia Marchetti", "demo.member@bordeaux.example", "Ville de Bordeaux", "FR")
DEMO_NON_MEMBER = ("Noah Weber", "demo.partner@ngo.example", "Weisser Ring", "DE")


def demo_people(*, actor: User) -> list[Person]:
    """Create the demo member and non-member (through the directory service), once."""
    out = []
    for name, email, organisation_name, country in (DEMO_MEMBER, DEMO_NON_MEMBER):
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            organisation = Organisation.objects.filter(
                name=organisation_name, country=country
            ).first()
            person = person_create(
                actor=actor,
                email=email,
                name=name,
                organisation=organisation,
                organisation_text=organisation_name,
                country=country,
            )
        if person.organisation_id is not None and person.organisation_approved_at is None:
            person = person_organisation_approve(actor=actor, person=person)
        # As their first sign-in would: the link verifies the email and opens the account.
        person_email_verify(person=person)
        person_user_ensure(person=person)
        out.append(person)
    return out


def member_sign_in_link(person: Person) -> str:
    """A new single-use sign-in link for ``person`` (30 minutes)."""
    return sign_in_url(person)


def demo_sign_in_lines() -> list[str]:
    lines = []
    for label, (name, email, organisation, _country) in (
        ("Demo member", DEMO_MEMBER),
        ("Demo non-member", DEMO_NON_MEMBER),
    ):
        person = Person.objects.filter(email__iexact=email).first()
        link = member_sign_in_link(person) if person is not None else ""
        lines.append(f"{label}: {name} <{email}>, {organisation}: {link}")
    return lines
