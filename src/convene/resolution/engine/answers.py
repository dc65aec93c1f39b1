"""How each answer is worded: ``matched``, ``review``, ``new`` and ``none``, with the
confidence and the one-line explanation staff read in the review queue."""

from __future__ import annotations

from convene.resolution.analysis import Analysis
from convene.resolution.engine.emails import EmailEvidence
from convene.resolution.engine.index import Entry
from convene.resolution.normalise import CONNECTORS, segments
from convene.resolution.types import Registrant, Resolution
from convene.resolution.wordlists import (
    CITIZEN_PREFIXES,
    GONE_PREFIXES,
    NONE_PREFIXES,
    NONE_VALUES,
)


def matched(row: Registrant, entry: Entry, conf: float, why: str) -> Resolution:
    org = entry.org
    return Resolution(
        row.row_id, "matched", org.id, org.kind, org.country, None, round(conf, 2), why
    )


def review(
    row: Registrant, best: Analysis, country: str | None, conf: float, why: str
) -> Resolution:
    country = country or (best.place.country if best.place else None)
    return Resolution(
        row.row_id,
        "review",
        None,
        best.kind,
        country,
        cluster(best, best.kind or "other", country),
        conf,
        why,
    )


def new(row: Registrant, best: Analysis, explicit: str | None, email: EmailEvidence) -> Resolution:
    """An organisation the directory does not have yet, or a review when the text is too
    thin to create one."""
    if best.kind == "local_authority" and best.place is not None:
        place = best.place
        label = "inter-municipal body" if best.metro else "local authority"
        how = f"'{best.cue}' + place" if best.designated else "place"
        return Resolution(
            row.row_id,
            "new",
            None,
            "local_authority",
            place.country,
            cluster(best, "local_authority", place.country),
            0.9 if best.designated else 0.75,
            f"new {label}: {how} {place.name} ({place.country})",
        )
    vague = best.kind in (None, "local_authority") and not best.metro
    if vague and email.place is not None:
        place = email.place
        return Resolution(
            row.row_id,
            "new",
            None,
            "local_authority",
            place.country,
            f"local_authority:{place.country}:{place.key}",
            0.7,
            f"new local authority: email domain {email.domain} spells {place.name}",
        )
    country = explicit or country_of(best, email.country)
    if best.kind == "local_authority" and not best.core:
        return review(
            row, best, country, 0.3, f"municipal department '{best.cue}' without its city"
        )
    if not best.kind and not best.core:
        return review(row, best, country, 0.3, "no organisation name in the text")
    kind = best.kind or "other"
    conf = 0.8 if best.kind else 0.3
    why = f"new {kind.replace('_', ' ')}: '{best.cue}'" if best.cue else "new: no kind cue"
    return Resolution(
        row.row_id, "new", None, kind, country, cluster(best, kind, country), conf, why
    )


def names_none(text: str, folded: str) -> bool:
    """ "n/a", "retired", or a description of a person ("retired police officer")."""
    if folded in NONE_VALUES:
        return True
    words = folded.split()
    first = words[0] if words else ""
    if first in GONE_PREFIXES:
        return True
    # "Bürger der Stadt Köln", "Resident of Manchester": someone who lives there.
    if first in CITIZEN_PREFIXES and len(words) > 2 and words[1] in CONNECTORS:
        return True
    parts = segments(text)
    # "Particulier / citoyen": every part says the same.
    if len(parts) > 1 and all(part in NONE_VALUES for part in parts):
        return True
    # "PhD student" names none; "Student, Université de Liège" or "student at the
    # University of Liège" names the university.
    return first in NONE_PREFIXES and len(words) <= 3 and len(parts) == 1


def country_of(analysis: Analysis, domain_country: str | None) -> str | None:
    """The country a text most likely means, from the strongest evidence down."""
    if analysis.place is not None:
        return analysis.place.country
    if len(analysis.named_countries) == 1:
        return next(iter(analysis.named_countries))
    if domain_country:
        return domain_country
    if len(analysis.countries) == 1:
        return next(iter(analysis.countries))
    return analysis.language_country


def cluster(analysis: Analysis, kind: str, country: str | None) -> str:
    """The key that groups rows naming the same new organisation, for one review each."""
    return f"{kind}:{country or 'XX'}:{analysis.core or analysis.segment}"
