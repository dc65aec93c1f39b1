"""The decision: which organisation did a registrant mean?

Precision comes before recall: a wrong match corrupts a report, a review costs staff one
click. So the engine only matches on evidence it can name, in this order:

1. the exact text, a segment of it, or its language-independent key (see
   :mod:`analysis`) equals a directory name or alias;
2. the email domain is listed on a directory organisation, and the text does not
   contradict it (a department name, or nothing);
3. the email domain spells a place whose local authority is in the directory;
4. fuzzy matching (see :mod:`fuzzy`) only among directory entries whose kind and country
   agree, and only when the best candidate clearly beats the second;

and otherwise says ``new`` (with kind, country and cluster key), ``review`` when two
readings compete, or ``none`` for "n/a", "retired", "student" and the like.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from convene.resolution.analysis import Analyser, Analysis
from convene.resolution.countrywords import country_code
from convene.resolution.domains import domain_of, inspect_domain, parents
from convene.resolution.fuzzy import FuzzyEntry, FuzzyIndex, named_ok, plain_words
from convene.resolution.gazetteer import Gazetteer, Place, load
from convene.resolution.lexicon import CUES
from convene.resolution.normalise import fold, segments
from convene.resolution.types import Organisation, Registrant, Resolution
from convene.resolution.wordlists import GONE_PREFIXES, NONE_PREFIXES, NONE_VALUES

__all__ = ["Resolver", "country_code"]

_LOCAL_KEYS = ("la:", "lad:", "metro:", "lax:", "metrox:")
#: How many answers a resolver remembers (see :meth:`Resolver.resolve`).
_MEMO_SIZE = 4096


@dataclass(frozen=True, slots=True)
class _Entry:
    org: Organisation
    source: str  # the directory string that produced the key, for explanations
    named: frozenset[str] = frozenset()  # countries the directory string names


@dataclass(frozen=True, slots=True)
class _Email:
    """What the email address says, computed once per row."""

    domain: str
    country: str | None  # from the top-level domain
    orgs: list[_Entry]  # organisations of the most specific listed domain
    all_ids: set[str]  # organisations of any listed parent domain
    place: Place | None  # the place the domain spells


def _name_words(signature: str | None) -> frozenset[str]:
    """The words of a ``k:`` key that are neither cue labels nor places: the name proper."""
    if not signature or not signature.startswith("k:"):
        return frozenset()
    return frozenset(w for w in plain_words(signature[2:]) if not w.startswith("@"))


def _places_of(signature: str | None) -> frozenset[int]:
    if not signature:
        return frozenset()
    if signature.startswith(("la:", "metro:")):
        return frozenset({int(signature.split(":", 1)[1])})
    words = signature.split(":", 1)[1].split()
    return frozenset(int(w[1:]) for w in words if w.startswith("@") and w[1:].isdigit())


class Resolver:
    """Holds the directory indexes; build once, then resolve many rows."""

    def __init__(
        self, directory: Sequence[Organisation], gazetteer: Gazetteer | None = None
    ) -> None:
        self.gazetteer = gazetteer or load()
        self.analyser = Analyser(self.gazetteer)
        self.orgs = {org.id: org for org in directory}
        self._exact: dict[str, list[_Entry]] = {}
        self._keys: dict[str, list[_Entry]] = {}
        self._domains: dict[str, list[_Entry]] = {}
        self._org_places: dict[str, set[int]] = {}  # the places an organisation's names name
        self._fuzzy = FuzzyIndex()
        # word -> (all plain words of a directory key, entry): for "contains" reviews
        self._words: dict[str, list[tuple[frozenset[str], _Entry]]] = {}
        # (text, email domain, country) -> answer; see resolve().
        self._memo: dict[tuple[str, str, str], Resolution] = {}
        for org in directory:
            for text in (org.name, *org.aliases):
                self._index_text(org, text)
            for domain in org.domains:
                domain = domain.strip().lower().lstrip("@")
                if domain:
                    _add(self._domains, domain, _Entry(org, domain))

    def _index_text(self, org: Organisation, text: str) -> None:
        folded = fold(text)
        if not folded:
            return
        _add(self._exact, folded, _Entry(org, text))
        hint = frozenset({org.country})
        analyses = [self.analyser.analyse(seg, hint, strict=True) for seg in segments(text)]
        for analysis in analyses:
            key = analysis.signature
            self._org_places.setdefault(org.id, set()).update(_places_of(key))
            if key and (org.kind == "local_authority" or not key.startswith(_LOCAL_KEYS)):
                _add(self._keys, key, _Entry(org, text, analysis.named_countries))
        best = max(analyses, key=lambda a: a.strength, default=None)
        if best is not None and best.core:
            places = _places_of(best.signature)
            self._fuzzy.add(best.core, FuzzyEntry(org, text, places, best.named_countries))
            words = _name_words(best.signature)
            if any(len(w) >= 4 for w in words):
                for word in words:
                    self._words.setdefault(word, []).append(
                        (words, _Entry(org, text, best.named_countries))
                    )

    # -- resolving -------------------------------------------------------------------------

    def resolve_many(self, rows: Iterable[Registrant]) -> list[Resolution]:
        return [self.resolve(row) for row in rows]

    def resolve(self, row: Registrant) -> Resolution:
        """Resolve one registrant; never raises on any text, email or country.

        The answer depends only on the text, the email's domain and the country (the directory
        is fixed for the resolver's life), so it is remembered: colleagues who type their
        organisation the same way are resolved once. Only the row id differs between them.
        """
        key = (row.organisation, domain_of(row.email), row.country)
        known = self._memo.get(key)
        if known is None:
            known = self._resolve(row)
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = known
        return known if known.row_id == row.row_id else replace(known, row_id=row.row_id)

    def _resolve(self, row: Registrant) -> Resolution:
        text = row.organisation or ""
        folded = fold(text)
        explicit = country_code(row.country)
        email = self._email(row.email)
        if _names_none(text, folded):
            if not folded and len(email.orgs) == 1:
                return self._match(row, email.orgs[0], 0.85, f"email domain {email.domain}")
            reason = "no organisation given" if not folded else f"'{text.strip()}' names none"
            return Resolution(row.row_id, "none", None, None, explicit, None, 0.95, reason)

        country = explicit or email.country
        hint = frozenset({country}) if country else frozenset()
        parts = segments(text) or [folded]
        analyses = [self.analyser.analyse(seg, hint) for seg in parts]
        best = max(analyses, key=lambda a: a.strength)

        found = self._exact_hits(folded, parts, analyses, best, country)
        if found is not None:
            return self._decide_exact(row, best, explicit, email, *found)
        if email.orgs:
            return self._decide_domain(row, best, explicit, email)
        vague = best.kind in (None, "local_authority") and best.place is None and not best.metro
        if vague and email.place is not None:
            entries = _dedupe(self._keys.get(f"la:{email.place.geonameid}", ()))
            if len(entries) == 1:
                why = f"email domain {email.domain} spells {email.place.name}"
                return self._match(row, entries[0], 0.8, why)
        fuzzy = self._decide_fuzzy(row, best, explicit or _country_of(best, email.country))
        return (
            fuzzy or self._contained(row, best, explicit) or self._new(row, best, explicit, email)
        )

    def _contained(
        self, row: Registrant, best: Analysis, explicit: str | None
    ) -> Resolution | None:
        """A directory name inside a longer text ("Eurocities network", "KU Leuven
        Institute of Criminology") is worth a review: it may be the organisation, or a
        body of its own ("Thales Alenia Space")."""
        if best.kind == "local_authority":
            return None
        mine = _name_words(best.signature)
        found: dict[str, _Entry] = {}
        for word in mine:
            for theirs, entry in self._words.get(word, ()):
                if (
                    theirs <= mine
                    and best.kind in (None, entry.org.kind)
                    and named_ok(best.named_countries, entry.named, entry.org.country)
                ):
                    found.setdefault(entry.org.id, entry)
        if not found:
            return None
        names = " / ".join(sorted(f"'{e.source}'" for e in found.values()))
        return self._review(row, best, explicit, 0.5, f"contains {names}")

    def _email(self, address: str) -> _Email:
        domain = domain_of(address)
        info = inspect_domain(domain)
        # The most specific listed domain decides alone (europol.europa.eu before
        # europa.eu); any listed parent keeps a text match from counting as a conflict.
        listed = (
            []
            if info.webmail
            else [self._domains[p] for p in parents(domain) if p in self._domains]
        )
        return _Email(
            domain=domain,
            country=info.country,
            orgs=_dedupe(listed[0]) if listed else [],
            all_ids={e.org.id for entries in listed for e in entries},
            place=self._domain_place(info.place_words, info.country),
        )

    def _decide_exact(
        self,
        row: Registrant,
        best: Analysis,
        explicit: str | None,
        email: _Email,
        entries: list[_Entry],
        how: str,
    ) -> Resolution:
        orgs = _dedupe(entries)
        if len(orgs) > 1:
            names = " / ".join(sorted({e.org.name for e in orgs}))
            return self._review(row, best, explicit, 0.5, f"{how} fits several: {names}")
        entry = orgs[0]
        if not email.orgs:
            conf = 0.97 if best.designated else 0.95
            return self._match(row, entry, conf, f"{how} '{entry.source}'")
        if entry.org.id in email.all_ids:
            why = f"{how} '{entry.source}' + email domain {email.domain}"
            return self._match(row, entry, 0.99, why)
        other = email.orgs[0].org
        # A bare city name is where someone works, and the email says for whom:
        # "Utrecht" from uu.nl is Utrecht University, because that is in Utrecht.
        if best.bare_place and best.place is not None and len(email.orgs) == 1:
            if best.place.geonameid in self._org_places.get(other.id, set()):
                why = f"email domain {email.domain} of '{other.name}', in {best.place.name}"
                return self._match(row, email.orgs[0], 0.85, why)
        why = f"{how} '{entry.source}' but email domain {email.domain} belongs to '{other.name}'"
        return self._review(row, best, explicit, 0.5, why)

    def _decide_domain(
        self, row: Registrant, best: Analysis, explicit: str | None, email: _Email
    ) -> Resolution:
        entry = email.orgs[0]
        if len(email.orgs) == 1 and not self._contradicts(best, entry.org):
            why = f"email domain {email.domain} of '{entry.org.name}'"
            if best.cue:
                why += f", text '{best.cue}'"
            return self._match(row, entry, 0.9, why)
        why = f"text does not fit '{entry.org.name}' of email domain {email.domain}"
        return self._review(row, best, explicit, 0.4, why)

    def _decide_fuzzy(
        self, row: Registrant, best: Analysis, country: str | None
    ) -> Resolution | None:
        if best.kind == "local_authority" and best.place is not None:
            return None  # a known place that is not in the directory is a new one
        outcome = self._fuzzy.search(
            best.core, best.kind, country, _places_of(best.signature), best.named_countries
        )
        if outcome is None:
            return None
        top = outcome.top
        if outcome.decided:
            conf = 0.75 + (outcome.score - 90.0) / 100
            why = f"close to '{top.source}' ({outcome.score:.0f}/100)"
            return self._match(row, _Entry(top.org, top.source), conf, why)
        note = f"'{top.source}' ({outcome.score:.0f}/100)"
        if outcome.runner:
            note += f" or '{outcome.runner[0].source}' ({outcome.runner[1]:.0f}/100)"
        return self._review(row, best, country, 0.5, f"not sure: {note}")

    def _exact_hits(
        self,
        folded: str,
        parts: list[str],
        analyses: list[Analysis],
        best: Analysis,
        country: str | None,
    ) -> tuple[list[_Entry], str] | None:
        """Exact name, alias or key hits, most literal first.

        When the registrant's country is known, the first level with an organisation in
        that country wins: "Essen" from Belgium is the Belgian municipality even if the
        German city lists "Essen" as an alias.
        """
        levels: list[tuple[list[_Entry], str]] = []
        if folded in self._exact:
            levels.append((self._exact[folded], "name"))
        for seg, analysis in zip(parts, analyses, strict=False):
            if seg in self._exact:
                entries = [e for e in self._exact[seg] if not self._where(analysis, best, e)]
                if entries:
                    levels.append((entries, "name"))
        for analysis in [best, *(a for a in analyses if a is not best)]:
            key = analysis.signature
            if not key or key not in self._keys:
                continue
            entries = [
                e
                for e in self._keys[key]
                if not self._where(analysis, best, e)
                and named_ok(analysis.named_countries, e.named, e.org.country)
            ]
            if not entries:
                continue
            if analysis.place is not None and key.startswith(("la:", "metro:")):
                place = f"{analysis.place.name} ({analysis.place.country})"
                how = f"'{analysis.cue}' + {place} =" if analysis.designated else f"{place} ="
            else:
                how = f"'{analysis.segment}' same as"
            levels.append((entries, how))
        if not levels:
            return None
        if country:
            for entries, how in levels:
                inside = [e for e in entries if e.org.country == country]
                if inside:
                    return inside, how
        return levels[0]

    def _where(self, analysis: Analysis, best: Analysis, entry: _Entry) -> bool:
        """Is this segment only saying where the organisation is? A bare place beside the
        segment that names something else: "Universität Duisburg-Essen, Essen" is not the
        city of Essen."""
        return analysis is not best and analysis.bare_place and self._contradicts(best, entry.org)

    def _contradicts(self, analysis: Analysis, org: Organisation) -> bool:
        """Does the text point elsewhere than the organisation its email belongs to?"""
        if analysis.kind is None:
            return False
        if analysis.kind != org.kind:
            return True
        if analysis.place is not None and analysis.kind == "local_authority":
            entries = self._keys.get(analysis.signature or "", [])
            return org.id not in {e.org.id for e in entries}
        return False

    def _domain_place(self, words: tuple[str, ...], country: str | None) -> Place | None:
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
            places = self.gazetteer.lookup(word, hint)
            if places and (not country or places[0].country == country):
                return places[0]
        return None

    # -- answers ---------------------------------------------------------------------------

    def _match(self, row: Registrant, entry: _Entry, conf: float, why: str) -> Resolution:
        org = entry.org
        return Resolution(
            row.row_id, "matched", org.id, org.kind, org.country, None, round(conf, 2), why
        )

    def _review(
        self, row: Registrant, best: Analysis, country: str | None, conf: float, why: str
    ) -> Resolution:
        country = country or (best.place.country if best.place else None)
        return Resolution(
            row.row_id,
            "review",
            None,
            best.kind,
            country,
            _cluster(best, best.kind or "other", country),
            conf,
            why,
        )

    def _new(
        self,
        row: Registrant,
        best: Analysis,
        explicit: str | None,
        email: _Email,
    ) -> Resolution:
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
                _cluster(best, "local_authority", place.country),
                0.9 if best.designated else 0.75,
                f"new {label}: {how} {place.name} ({place.country})",
            )
        vague = best.kind in (None, "local_authority") and not best.metro
        if vague and email.place is not None:
            place = email.place
            cluster = f"local_authority:{place.country}:{place.key}"
            return Resolution(
                row.row_id,
                "new",
                None,
                "local_authority",
                place.country,
                cluster,
                0.7,
                f"new local authority: email domain {email.domain} spells {place.name}",
            )
        country = explicit or _country_of(best, email.country)
        if best.kind == "local_authority" and not best.core:
            return self._review(
                row, best, country, 0.3, f"municipal department '{best.cue}' without its city"
            )
        if not best.kind and not best.core:
            return self._review(row, best, country, 0.3, "no organisation name in the text")
        kind = best.kind or "other"
        conf = 0.8 if best.kind else 0.3
        why = f"new {kind.replace('_', ' ')}: '{best.cue}'" if best.cue else "new: no kind cue"
        return Resolution(
            row.row_id, "new", None, kind, country, _cluster(best, kind, country), conf, why
        )


def _names_none(text: str, folded: str) -> bool:
    """ "n/a", "retired", or a description of a person ("retired police officer")."""
    if folded in NONE_VALUES:
        return True
    first = folded.split(" ", 1)[0]
    if first in GONE_PREFIXES:
        return True
    # "PhD student" names none; "Student, Université de Liège" or "student at the
    # University of Liège" names the university.
    return first in NONE_PREFIXES and len(folded.split()) <= 3 and len(segments(text)) == 1


def _country_of(analysis: Analysis, domain_country: str | None) -> str | None:
    if analysis.place is not None:
        return analysis.place.country
    if len(analysis.named_countries) == 1:
        return next(iter(analysis.named_countries))
    if domain_country:
        return domain_country
    if len(analysis.countries) == 1:
        return next(iter(analysis.countries))
    return analysis.language_country


def _cluster(analysis: Analysis, kind: str, country: str | None) -> str:
    return f"{kind}:{country or 'XX'}:{analysis.core or analysis.segment}"


def _add(index: dict[str, list[_Entry]], key: str, entry: _Entry) -> None:
    bucket = index.setdefault(key, [])
    if all(e.org.id != entry.org.id for e in bucket):
        bucket.append(entry)


def _dedupe(entries: Iterable[_Entry]) -> list[_Entry]:
    seen: dict[str, _Entry] = {}
    for entry in entries:
        seen.setdefault(entry.org.id, entry)
    return list(seen.values())
