"""Minutes, practice records and topic proposals of the demo network, as data files for the
knowledge services to load. Written from the series plan; modest and plain. No Django."""

from __future__ import annotations

import random
from typing import Any

from convene.demo.schedule import PlannedSession

#: (title, cities, session topic, summary)
PRACTICES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "Emergency shelters for the homeless",
        ("Barcelona", "Bordeaux", "Essen", "Liège"),
        "vulnerable-groups",
        "Sports halls and hotels turned into shelters within days, with health checks at the "
        "door and social workers on site around the clock.",
    ),
    (
        "Keeping neighbourhoods together against polarisation",
        ("Mechelen", "Rotterdam"),
        "polarisation",
        "Neighbourhood mediators and online dialogue tables to answer rumours and hate speech "
        "while residents stay at home.",
    ),
    (
        "Ramadan under the lockdown",
        ("Mechelen",),
        "ramadan-lockdown",
        "Mosques, youth workers and the city agreed on evening rules, food distribution and "
        "messages in several languages before Ramadan began.",
    ),
    (
        "Municipal action against organised crime",
        ("Amsterdam", "Rotterdam"),
        "organised-crime",
        "Administrative checks on businesses bought with criminal money, shared between city, "
        "police and prosecutors, and Italian municipalities' anti-mafia registers.",
    ),
    (
        "Unaccompanied minors in the streets",
        ("Bordeaux", "Molenbeek-Saint-Jean"),
        "unaccompanied-minors",
        "Street teams that kept contact with minors living outside, with a night shelter and a "
        "health follow-up during the lockdown.",
    ),
)

_PARAGRAPHS = (
    "The moderator opened the session and recalled that the webconferences answer the "
    "questions members sent to the secretariat.",
    "Speakers from {cities} described what changed in the first weeks of the lockdown and "
    "which measures they would keep.",
    "Participants asked how the police and social services share information when offices "
    "are closed, and how to reach residents who do not read the city's channels.",
    "Several cities reported fewer calls in the first days, then a sharp rise once people "
    "found ways to reach the services discreetly.",
    "The discussion turned to funding: the cost of emergency measures, and which of them "
    "national governments will cover.",
)


def minutes_for(session: PlannedSession, cities: list[str], rng: random.Random) -> str:
    paragraphs = rng.sample(_PARAGRAPHS, 3)
    body = "\n\n".join(p.format(cities=", ".join(cities)) for p in paragraphs)
    return (
        f"# {session.title_en}\n\n"
        f"*{session.day:%d %B %Y}, 14:00–15:00 (Brussels time), in English and French.*\n\n"
        f"## Summary\n\n{body}\n\n"
        "## Follow-up\n\n"
        "- The secretariat shares the speakers' slides with members.\n"
        "- Cities that want to contribute a practice send it before the next session.\n"
    )


def content(
    sessions: list[PlannedSession], cities: list[str], rng: random.Random
) -> dict[str, Any]:
    by_topic = {s.topic: s for s in sessions}
    return {
        "section": ["Crisis management", "Covid-19 lockdown 2020"],
        "minutes": [
            {
                "session": s.slug,
                "language": "en",
                "text": minutes_for(s, rng.sample(cities, 3), rng),
            }
            for s in sessions
        ],
        "practices": [
            {
                "title": title,
                "cities": list(where),
                "session": by_topic[topic].slug,
                "summary": summary,
            }
            for title, where, topic, summary in PRACTICES
        ],
        "proposals": [
            {"title": title, "supports": rng.randint(3, 40)}
            for title in (
                "Night-time economy after the reopening",
                "Drug markets and the pandemic",
                "Cyber-harassment of local elected officials",
                "Mental health crises in public spaces",
                "Heat waves and vulnerable residents",
            )
        ],
    }
