"""The 1,090 registrants of the 2020 series: who they are, where they work, what they typed
in the registration form's "Organisation" box, and which sessions they chose. No Django.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from anyascii import anyascii

from convene.demo.network import Network, Org
from convene.demo.places import BY_CODE, COUNTRIES, Country

REGISTRANTS = 1090
LOCAL_AUTHORITIES = 110
MEMBERS = 68
INSTITUTIONS = 158
#: Institutions represented that the member list does not know: the engine meets them first.
UNKNOWN_INSTITUTIONS = 40
#: People who typed no organisation at all.
WITHOUT_ORGANISATION = 12
SESSIONS_PER_PERSON = (1, 2, 3, 4, 5, 6)
SESSIONS_WEIGHTS = (44, 26, 14, 8, 5, 3)


@dataclass
class Person:
    key: str
    first: str
    last: str
    email: str
    country: str
    language: str
    org: Org | None
    typed: str
    sessions: list[int]
    job_title: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


_JOBS = (
    "Project officer",
    "Head of prevention",
    "Policy adviser",
    "Researcher",
    "Chargé de mission",
    "Referent",
    "Coordinator",
    "Deputy mayor",
    "Social worker",
    "Police officer",
    "Analyst",
    "Director",
    "",
)


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    if rng.random() < 0.5:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]  # two letters swapped
    else:
        w = w[:j] + w[j + 1 :]  # a letter dropped
    words[i] = w
    return " ".join(words)


def typed_organisation(org: Org, rng: random.Random) -> str:
    """What a person of ``org`` types in the form, the way people really do."""
    country = BY_CODE.get(org.country)
    roll = rng.random()
    name = org.name
    if org.is_authority and org.kind == "local_authority":
        if roll < 0.32:
            text = name
        elif roll < 0.52 and country:
            text = (
                f"{name}{rng.choice((' - ', ', ', ' – ', ' / '))}{rng.choice(country.departments)}"
            )
        elif roll < 0.64 and org.english:
            text = org.english
        elif roll < 0.72:
            text = org.city or name
        elif roll < 0.80:
            text = name.upper()
        elif roll < 0.86:
            text = anyascii(name) if org.country != "GR" else name
        elif roll < 0.92:
            text = _typo(name, rng)
        elif org.country == "FR":
            text = f"Mairie de {org.city}"
        else:
            text = name.lower()
    else:
        if roll < 0.50:
            text = name
        elif roll < 0.62 and org.aliases:
            text = rng.choice(org.aliases)
        elif roll < 0.70 and org.english:
            text = org.english
        elif roll < 0.78:
            text = name.lower()
        elif roll < 0.84:
            text = _typo(name, rng)
        elif roll < 0.90:
            text = anyascii(name)
        else:
            text = name
    return " ".join(text.split())


def _local_part(first: str, last: str, rng: random.Random) -> str:
    given, family = (re.sub(r"[^a-z]", "", anyascii(x).lower()) for x in (first, last))
    pattern = rng.choice(("{f}.{l}", "{f}.{l}", "{i}.{l}", "{i}{l}", "{f}_{l}", "{l}.{f}"))
    return pattern.format(f=given, l=family, i=given[:1])


def _weights(count: int, rng: random.Random) -> list[float]:
    """A few organisations send many people, most send one to five."""
    return [1.0 / (rank + 1) ** 0.75 * rng.uniform(0.6, 1.4) for rank in range(count)]


_INITIALS = "ABCDEFGHJKLMNPRSTVW"


def _unique_name(country: Country, taken: set[str], rng: random.Random) -> tuple[str, str]:
    """A first and last name no one else in the series has: among a thousand registrants,
    two people of one name are rare, and a video tool without emails could not tell them
    apart. Short name lists run out, so a middle initial or a double name makes it unique."""
    for attempt in range(40):
        first, last = rng.choice(country.first_names), rng.choice(country.last_names)
        if attempt >= 10:
            first = f"{first} {rng.choice(_INITIALS)}."
        if attempt >= 25:
            last = f"{last}-{rng.choice(country.last_names)}"
        key = f"{first} {last}".casefold()
        if key not in taken:
            taken.add(key)
            return first, last
    raise RuntimeError("no unique name left")  # pragma: no cover (40 draws always find one)


def choose_represented(network: Network, rng: random.Random) -> list[Org]:
    authorities = [o for o in network.organisations if o.is_authority]
    members = [o for o in authorities if o.member_2020]
    others = [o for o in authorities if not o.member_2020]
    named = [
        o
        for o in members
        if o.city
        in {
            "Barcelona",
            "Bordeaux",
            "Essen",
            "Liège",
            "Mechelen",
            "Rotterdam",
            "Amsterdam",
            "Molenbeek-Saint-Jean",
        }
    ]
    rest = [o for o in members if o not in named]
    chosen = named + rng.sample(rest, MEMBERS - len(named))
    chosen += rng.sample(others, LOCAL_AUTHORITIES - MEMBERS)
    institutions = [o for o in network.organisations if not o.is_authority]
    picked = rng.sample(institutions, INSTITUTIONS)
    for org in rng.sample(picked, UNKNOWN_INSTITUTIONS):
        org.in_member_list = False
    return chosen + picked


def build_people(network: Network, rng: random.Random, sessions: int) -> list[Person]:
    represented = choose_represented(network, rng)
    rng.shuffle(represented)
    # Everyone represented sends one person; the rest are drawn, authorities weighing more.
    weights = [
        w * (1.6 if o.is_authority else 1.0)
        for w, o in zip(_weights(len(represented), rng), represented, strict=True)
    ]
    extra = REGISTRANTS - WITHOUT_ORGANISATION - len(represented)
    slots: list[Org | None] = [*represented, *rng.choices(represented, weights, k=extra)]
    slots += [None] * WITHOUT_ORGANISATION
    rng.shuffle(slots)
    emails: set[str] = set()
    names: set[str] = set()
    people: list[Person] = []
    fallback = [c for c in COUNTRIES if c.authorities >= 10]
    for index, org in enumerate(slots):
        country = BY_CODE.get(org.country) if org else None
        country = country or rng.choice(fallback)
        first, last = _unique_name(country, names, rng)
        if org is not None and rng.random() < 0.78:
            domain = org.domain
        else:
            domain = rng.choice(country.webmail)
        local = _local_part(first, last, rng)
        email, n = f"{local}@{domain}", 1
        while email.lower() in emails:
            n += 1
            email = f"{local}{n}@{domain}"
        emails.add(email.lower())
        count = rng.choices(SESSIONS_PER_PERSON, SESSIONS_WEIGHTS)[0]
        chosen = sorted(rng.sample(range(sessions), count))
        typed = typed_organisation(org, rng) if org else rng.choice(("", "", "-", "n/a"))
        people.append(
            Person(
                key=f"p{index + 1:04d}",
                first=first if rng.random() > 0.03 else first.upper(),
                last=last if rng.random() > 0.08 else last.upper(),
                email=email if rng.random() > 0.05 else email.capitalize(),
                country=country.code if org is None or rng.random() > 0.2 else "",
                language=country.language,
                org=org,
                typed=typed,
                sessions=chosen,
                job_title=rng.choice(_JOBS),
            )
        )
    return people
