"""The demo's two sign-in people: a member official and a partner from a non-member
organisation, and the lines ``convene demo`` prints for them.

Member sign-in (a single-use link from ``convene.core.tokens.sign_in_token_issue``, for the
person's user account) lands with the access work; until its page exists on this branch,
:func:`demo_sign_in_lines` prints who to sign in as and :func:`member_sign_in_link` is the
one function to wire (it returns ``""`` while there is no sign-in page).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from convene.core.models import User
from convene.directory.models import Organisation, Person
from convene.directory.services.organisations import person_create

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
        out.append(person)
    return out


def member_sign_in_link(person: Person) -> str:
    """A single-use sign-in link for ``person``, or ``""`` while this branch has no member
    sign-in page. The lead wires it to ``sign_in_token_issue`` with the person's user."""
    try:
        path = reverse("access:sign-in")
    except NoReverseMatch:
        return ""
    return f"{settings.SITE_URL}{path}"


def demo_sign_in_lines() -> list[str]:
    lines = []
    for label, (name, email, organisation, _country) in (
        ("Demo member", DEMO_MEMBER),
        ("Demo non-member", DEMO_NON_MEMBER),
    ):
        person = Person.objects.filter(email__iexact=email).first()
        link = member_sign_in_link(person) if person is not None else ""
        where = link or "(member sign-in arrives with the access work)"
        lines.append(f"{label}: {name} <{email}>, {organisation}: {where}")
    return lines
