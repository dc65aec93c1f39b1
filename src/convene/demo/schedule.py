"""The 2020 lockdown series: fourteen webconferences, Tuesdays and Thursdays at 14:00 Brussels
time, 14 April to 28 May 2020, one hour each, in English and French. No Django."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

ZONE = zoneinfo.ZoneInfo("Europe/Brussels")
SERIES_SLUG = "lockdown-2020"
SERIES_TITLE = {
    "en": "Covid-19 lockdown webconferences",
    "fr": "Webconférences du confinement Covid-19",
}


@dataclass(frozen=True)
class PlannedSession:
    number: int
    slug: str
    title_en: str
    title_fr: str
    topic: str
    day: dt.date

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.day, dt.time(14, 0), tzinfo=ZONE)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(hours=1)


_TOPICS = (
    (
        "domestic-violence",
        "Domestic violence during the lockdown",
        "Les violences conjugales pendant le confinement",
    ),
    ("polarisation", "Polarisation and the pandemic", "Polarisation et pandémie"),
    ("public-spaces", "The security of public spaces", "La sécurité des espaces publics"),
    (
        "terrorist-threats",
        "Terrorist threats in times of crisis",
        "Les menaces terroristes en temps de crise",
    ),
    (
        "vulnerable-groups",
        "Solidarity with vulnerable groups: shelters for the homeless",
        "Solidarité avec les personnes vulnérables : l'hébergement des sans-abri",
    ),
    (
        "unaccompanied-minors",
        "Unaccompanied minors in the streets",
        "Les mineurs non accompagnés dans la rue",
    ),
    (
        "fundamental-rights",
        "Respect for fundamental rights during the lockdown",
        "Le respect des droits fondamentaux pendant le confinement",
    ),
    (
        "crime-trends",
        "Crime trends under the lockdown",
        "L'évolution de la délinquance pendant le confinement",
    ),
    (
        "organised-crime",
        "Organised crime and the pandemic",
        "La criminalité organisée face à la pandémie",
    ),
    (
        "crisis-communication",
        "Crisis communication with residents",
        "La communication de crise avec les habitants",
    ),
    (
        "public-spaces-reopening",
        "Public spaces and the end of the lockdown",
        "Espaces publics et déconfinement",
    ),
    (
        "security-cooperation",
        "Cooperation between security stakeholders",
        "La coopération entre acteurs de la sécurité",
    ),
    (
        "ramadan-lockdown",
        "Community relations: Ramadan under the lockdown",
        "Relations avec les communautés : le ramadan confiné",
    ),
    (
        "european-cooperation",
        "European cooperation after the crisis",
        "La coopération européenne après la crise",
    ),
)


def sessions() -> list[PlannedSession]:
    days: list[dt.date] = []
    day = dt.date(2020, 4, 14)
    while len(days) < len(_TOPICS):
        if day.weekday() in (1, 3):  # Tuesday, Thursday
            days.append(day)
        day += dt.timedelta(days=1)
    return [
        PlannedSession(
            number=i + 1,
            slug=f"webconference-{i + 1:02d}-{topic}",
            title_en=f"Webconference {i + 1}: {en}",
            title_fr=f"Webconférence {i + 1} : {fr}",
            topic=topic,
            day=days[i],
        )
        for i, (topic, en, fr) in enumerate(_TOPICS)
    ]
