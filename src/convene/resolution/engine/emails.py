"""What a registrant's email address says: the organisations listed for its domain, the
country of its top-level domain, and the place its labels spell."""

from __future__ import annotations

from dataclasses import dataclass

from convene.resolution.domains import domain_of, inspect_domain, parents
from convene.resolution.engine.index import DirectoryIndex, Entry, dedupe
from convene.resolution.gazetteer import Gazetteer, Place
from convene.resolution.lexicon import CUES


@dataclass(frozen=True, slots=True)
class EmailEvidence:
    """What the email address says, computed once per row."""

    domain: str
    country: str | None  # from the top-level domain
    orgs: list[Entry]  # organisations of the most specific listed domain
    all_ids: set[str]  # organisations of any listed parent domain
    place: Place | None  # the place the domain spells


def read_email(address: str, index: DirectoryIndex, gazetteer: Gazetteer) -> EmailEvidence:
    domain = domain_of(address)
    info = inspect_domain(domain)
    # The most specific listed domain decides alone (europol.europa.eu before
    # europa.eu); any listed parent keeps a text match from counting as a conflict.
    listed = (
        [] if info.webmail else [index.domains[p] for p in parents(domain) if p in index.domains]
    )
    return EmailEvidence(
        domain=domain,
        country=info.country,
        orgs=dedupe(listed[0]) if listed else [],
        all_ids={e.org.id for entries in listed for e in entries},
        place=_domain_place(gazetteer, info.place_words, info.country),
    )


def _domain_place(
    gazetteer: Gazetteer, words: tuple[str, ...], country: str | None
) -> Place | None:
    """The place a domain spells, unless another label names something else
    (``polizei.berlin.de`` is the police, not the city)."""
    if any(
        CUES.get(part) and CUES[part].role in ("kind", "legal")
        for word in words
        for part in word.split()
    ):
        return None
    hint = frozenset({country}) if country else frozenset()
    for word in words:
        places = gazetteer.lookup(word, hint)
        if places and (not country or places[0].country == country):
            return places[0]
    return None
