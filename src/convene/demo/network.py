"""The demo network as it really is: its organisations (with their membership periods) and
the people of the 2020 series. This is the ground truth the exports are written from. No
Django.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from anyascii import anyascii

from convene.demo.cities import City, pick_cities
from convene.demo.institutions import COURT, NATIONAL, POLICE, UNIVERSITY
from convene.demo.places import (
    BY_CODE,
    COUNTRIES,
    GREEK_MUNICIPALITIES,
    REGIONAL_DESIGNATIONS,
    REGIONS,
)

AUTHORITY_KINDS = ("local_authority", "regional_authority")
#: The 2020 series ran from 14 April to 28 May 2020: membership is judged on those days.
SERIES_START = dt.date(2020, 4, 14)
SERIES_END = dt.date(2020, 5, 28)


@dataclass
class Org:
    key: str
    name: str
    kind: str
    country: str
    domain: str
    aliases: tuple[str, ...] = ()
    english: str = ""
    city: str = ""
    #: (from, until or None)
    periods: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    in_member_list: bool = True
    population: int = 0
    region: str = ""

    @property
    def is_authority(self) -> bool:
        return self.kind in AUTHORITY_KINDS

    def member_on(self, day: dt.date) -> bool:
        return any(start <= day and (end is None or day <= end) for start, end in self.periods)

    @property
    def member_2020(self) -> bool:
        return self.member_on(SERIES_START)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def _designation(country: str, city: City) -> tuple[str, str]:
    base = BY_CODE[country]
    designation, domain = REGIONAL_DESIGNATIONS.get(
        (country, city.region), (base.designation, base.domain)
    )
    name = designation.format(city=city.name)
    if designation.startswith("Ville de "):
        name = _elide(name)
    return name, domain.format(slug=slug(city.name).replace("-", ""))


def _authorities(rng: random.Random) -> list[Org]:
    out: list[Org] = []
    for country in COUNTRIES:
        if country.code == "GR":
            for english, name, domain in GREEK_MUNICIPALITIES[: country.authorities]:
                out.append(
                    Org(
                        f"la:GR:{slug(english)}",
                        name,
                        "local_authority",
                        "GR",
                        domain,
                        english=f"Municipality of {english}",
                        city=english,
                    )
                )
            continue
        for city in pick_cities(country.code, country.authorities, rng):
            name, domain = _designation(country.code, city)
            out.append(
                Org(
                    f"la:{country.code}:{slug(city.name)}",
                    name,
                    "local_authority",
                    country.code,
                    domain,
                    english=f"City of {city.english}",
                    city=city.name,
                    population=city.population,
                    region=city.region,
                )
            )
    for code, name, domain, english in REGIONS:
        out.append(
            Org(
                f"ra:{code}:{slug(name)}", name, "regional_authority", code, domain, english=english
            )
        )
    return out


def _memberships(authorities: list[Org], rng: random.Random) -> None:
    """About 150 members today; 140 of them (and 10 who left since) were members in 2020."""
    named = [
        o
        for o in authorities
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
    others = [o for o in authorities if o not in named]
    rng.shuffle(others)
    order = named + others
    for index, org in enumerate(order):
        if index < 130:  # members since before 2020, still members
            org.periods.append((dt.date(rng.randint(2000, 2019), 1, 1), None))
        elif index < 140:  # members in 2020 who left since
            org.periods.append(
                (dt.date(rng.randint(2000, 2018), 1, 1), dt.date(rng.randint(2021, 2024), 12, 31))
            )
        elif index < 160:  # joined after the series
            org.periods.append((dt.date(rng.randint(2021, 2025), rng.choice((1, 7)), 1), None))
        elif index < 175:  # former members, gone before 2020
            start = rng.randint(2000, 2010)
            org.periods.append(
                (dt.date(start, 1, 1), dt.date(rng.randint(start + 3, 2019), 12, 31))
            )


def _institutions(authorities: list[Org], rng: random.Random) -> list[Org]:
    out = [
        Org(f"in:{slug(i.name)}", i.name, i.kind, i.country, i.domain, i.aliases, i.english)
        for i in NATIONAL
    ]
    seen = {o.name for o in out}
    cities = [o for o in authorities if o.kind == "local_authority" and o.city]
    rng.shuffle(cities)
    for org in cities:
        for templates, kind, prefix in (
            (UNIVERSITY, "research", "uni"),
            (COURT, "public_body", "justice"),
            (POLICE, "public_body", "police"),
        ):
            template = templates.get(org.country)
            if not template or rng.random() > {"uni": 0.8, "justice": 0.6, "police": 0.5}[prefix]:
                continue
            if org.population < {"uni": 90_000, "justice": 70_000, "police": 120_000}[prefix]:
                continue
            if org.country == "BE" and prefix == "uni":
                template = "Universiteit {city}" if org.region == "VLG" else template
            name = template.format(city=org.city)
            name = _elide(name) if org.country in ("FR", "BE", "LU") else name
            if name in seen:
                continue
            seen.add(name)
            english = f"University of {org.city}" if kind == "research" else ""
            out.append(
                Org(
                    f"in:{slug(name)}",
                    name,
                    kind,
                    org.country,
                    f"{prefix}-{slug(org.city).replace('-', '')}.{org.country.lower()}",
                    english=english,
                    city=org.city,
                )
            )
    return out


def _elide(name: str) -> str:
    """French elision: "Tribunal judiciaire d'Amiens", not "de Amiens"."""
    return re.sub(r"\bde ([AEIOUÉÈÎ])", r"d'\1", name)


@dataclass
class Network:
    organisations: list[Org]

    @property
    def by_key(self) -> dict[str, Org]:
        return {o.key: o for o in self.organisations}


def build_network(rng: random.Random) -> Network:
    authorities = _authorities(rng)
    _memberships(authorities, rng)
    institutions = _institutions(authorities, rng)
    return Network(authorities + institutions)
