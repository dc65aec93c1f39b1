"""The :class:`Resolver`: weighs a registrant's evidence in the order the package's docstring
gives, and answers with the first reading it can name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from convene.resolution.analysis import Analyser, Analysis
from convene.resolution.countrywords import country_code
from convene.resolution.domains import domain_of
from convene.resolution.engine import answers
from convene.resolution.engine.emails import EmailEvidence, read_email
from convene.resolution.engine.index import DirectoryIndex, Entry, dedupe, name_words, places_of
from convene.resolution.fuzzy import named_ok
from convene.resolution.gazetteer import Gazetteer, load
from convene.resolution.naming import readable_name
from convene.resolution.normalise import CONNECTORS, fold, segments
from convene.resolution.types import Organisation, Registrant, Resolution


def _one_edit(word: str) -> set[str]:
    """Spellings one letter dropped, doubled, changed (to any letter) or two swapped away."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    out = {word[:i] + word[i + 1 :] for i in range(len(word))}
    out |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    out |= {word[:i] + c + word[i + 1 :] for i in range(len(word)) for c in letters}
    out |= {word[:i] + c + word[i:] for i in range(len(word) + 1) for c in letters}
    out.discard(word)
    return out


#: How many answers a resolver remembers (see :meth:`Resolver.resolve`).
_MEMO_SIZE = 4096


class Resolver:
    """Holds the directory indexes; build once, then resolve many rows."""

    def __init__(
        self, directory: Sequence[Organisation], gazetteer: Gazetteer | None = None
    ) -> None:
        self.gazetteer = gazetteer or load()
        self.analyser = Analyser(self.gazetteer)
        self.orgs = {org.id: org for org in directory}
        self.index = DirectoryIndex(directory, self.analyser)
        # (text, email domain, country) -> answer; see resolve().
        self._memo: dict[tuple[str, str, str], Resolution] = {}
        self._countries: dict[str, str | None] = {}  # folded country field -> code

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
        explicit = self._country(row.country)
        email = read_email(row.email, self.index, self.gazetteer)
        if answers.names_none(text, folded):
            if not folded and len(email.orgs) == 1:
                return answers.matched(row, email.orgs[0], 0.85, f"email domain {email.domain}")
            reason = "no organisation given" if not folded else f"'{text.strip()}' names none"
            return Resolution(row.row_id, "none", None, None, explicit, None, 0.95, reason)

        country = explicit or email.country
        hint = frozenset({country}) if country else frozenset()
        parts = self.analyser.join_places(segments(text)) or [folded]
        analyses = [self.analyser.analyse(seg, hint) for seg in parts]
        best = max(analyses, key=lambda a: a.strength)

        found = self._exact_hits(folded, parts, analyses, best, country)
        if found is not None:
            return self._decide_exact(row, best, explicit, email, *found)
        if email.orgs:
            return self._decide_domain(row, best, explicit, email)
        vague = best.kind in (None, "local_authority") and best.place is None and not best.metro
        if vague and email.place is not None:
            entries = dedupe(self.index.keys.get(f"la:{email.place.geonameid}", ()))
            if len(entries) == 1:
                why = f"email domain {email.domain} spells {email.place.name}"
                return answers.matched(row, entries[0], 0.8, why)
        fuzzy = self._decide_fuzzy(row, best, explicit or answers.country_of(best, email.country))
        held = fuzzy or self._contained(row, best, explicit)
        if held is not None:
            return held
        new = answers.new(row, best, explicit, email)
        if new.status != "new" or new.kind is None:
            return new
        name = readable_name(text, best, new.kind, new.country, self.gazetteer, email.place)
        return replace(new, name=name)

    def _country(self, value: str) -> str | None:
        """The country field as a code: an ISO code or English name ("DE", "Germany"), the
        country's name in a European language ("Deutschland", "Ελλάδα", "Suomi"), or one of
        these with one letter dropped, doubled, changed or two swapped ("Germnay")."""
        code = country_code(value)
        if code is not None or not value:
            return code
        key = fold(value)
        if key not in self._countries:
            words = self.gazetteer.country_words
            found = words.get(key)
            if found is None and len(key) >= 5:
                near = {words[k] for k in _one_edit(key) if k in words}
                found = near.pop() if len(near) == 1 else None
            self._countries[key] = found
        return self._countries[key]

    # -- exact names, aliases and keys -----------------------------------------------------

    def _exact_hits(
        self,
        folded: str,
        parts: list[str],
        analyses: list[Analysis],
        best: Analysis,
        country: str | None,
    ) -> tuple[list[Entry], str] | None:
        """Exact name, alias or key hits, most literal first.

        When the registrant's country is known, the first level with an organisation in
        that country wins: "Essen" from Belgium is the Belgian municipality even if the
        German city lists "Essen" as an alias.
        """
        exact, keys = self.index.exact, self.index.keys
        levels: list[tuple[list[Entry], str]] = []
        if folded in exact:
            levels.append((exact[folded], "name"))
        for seg, analysis in zip(parts, analyses, strict=False):
            if seg in exact:
                entries = [e for e in exact[seg] if not self._where(analysis, best, e)]
                if entries:
                    levels.append((entries, "name"))
        for analysis in [best, *(a for a in analyses if a is not best)]:
            key = analysis.signature
            if not key or key not in keys:
                continue
            entries = [
                e
                for e in keys[key]
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

    def _decide_exact(
        self,
        row: Registrant,
        best: Analysis,
        explicit: str | None,
        email: EmailEvidence,
        entries: list[Entry],
        how: str,
    ) -> Resolution:
        orgs = dedupe(entries)
        if len(orgs) > 1:
            names = " / ".join(sorted({e.org.name for e in orgs}))
            return answers.review(row, best, explicit, 0.5, f"{how} fits several: {names}")
        entry = orgs[0]
        if not email.orgs:
            conf = 0.97 if best.designated else 0.95
            return answers.matched(row, entry, conf, f"{how} '{entry.source}'")
        if entry.org.id in email.all_ids:
            why = f"{how} '{entry.source}' + email domain {email.domain}"
            return answers.matched(row, entry, 0.99, why)
        other = email.orgs[0].org
        if len(email.orgs) == 1 and self._homonym(best, other):
            why = f"email domain {email.domain} tells which {best.place.name if best.place else ''}"
            return answers.matched(row, email.orgs[0], 0.9, f"{why}: '{other.name}'")
        # A bare city name is where someone works, and the email says for whom:
        # "Utrecht" from uu.nl is Utrecht University, because that is in Utrecht.
        if best.bare_place and best.place is not None and len(email.orgs) == 1:
            if best.place.geonameid in self.index.org_places.get(other.id, set()):
                why = f"email domain {email.domain} of '{other.name}', in {best.place.name}"
                return answers.matched(row, email.orgs[0], 0.85, why)
        why = f"{how} '{entry.source}' but email domain {email.domain} belongs to '{other.name}'"
        return answers.review(row, best, explicit, 0.5, why)

    # -- the email domain ------------------------------------------------------------------

    def _decide_domain(
        self, row: Registrant, best: Analysis, explicit: str | None, email: EmailEvidence
    ) -> Resolution:
        entry = email.orgs[0]
        if len(email.orgs) == 1 and not self._contradicts(best, entry.org):
            why = f"email domain {email.domain} of '{entry.org.name}'"
            if best.cue:
                why += f", text '{best.cue}'"
            return answers.matched(row, entry, 0.9, why)
        why = f"text does not fit '{entry.org.name}' of email domain {email.domain}"
        return answers.review(row, best, explicit, 0.4, why)

    # -- fuzzy matching, then containment --------------------------------------------------

    def _decide_fuzzy(
        self, row: Registrant, best: Analysis, country: str | None
    ) -> Resolution | None:
        if best.kind == "local_authority" and best.place is not None:
            return None  # a known place that is not in the directory is a new one
        outcome = self.index.fuzzy.search(
            best.core, best.kind, country, places_of(best.signature), best.named_countries
        )
        if outcome is None:
            return None
        top = outcome.top
        if outcome.decided:
            conf = 0.75 + (outcome.score - 90.0) / 100
            why = f"close to '{top.source}' ({outcome.score:.0f}/100)"
            return answers.matched(row, Entry(top.org, top.source), conf, why)
        note = f"'{top.source}' ({outcome.score:.0f}/100)"
        if outcome.runner:
            note += f" or '{outcome.runner[0].source}' ({outcome.runner[1]:.0f}/100)"
        return answers.review(row, best, country, 0.5, f"not sure: {note}")

    def _contained(
        self, row: Registrant, best: Analysis, explicit: str | None
    ) -> Resolution | None:
        """A directory name inside a longer text ("Eurocities network", "KU Leuven
        Institute of Criminology") is worth a review: it may be the organisation, or a
        body of its own ("Thales Alenia Space")."""
        if best.kind == "local_authority":
            return None
        mine = name_words(best.signature)
        found: dict[str, Entry] = {}
        for word in mine:
            for theirs, entry in self.index.words.get(word, ()):
                if (
                    theirs <= mine
                    and best.kind in (None, entry.org.kind)
                    and named_ok(best.named_countries, entry.named, entry.org.country)
                ):
                    found.setdefault(entry.org.id, entry)
        if not found:
            return None
        names = " / ".join(sorted(f"'{e.source}'" for e in found.values()))
        return answers.review(row, best, explicit, 0.5, f"contains {names}")

    # -- contradictions --------------------------------------------------------------------

    def _where(self, analysis: Analysis, best: Analysis, entry: Entry) -> bool:
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
            entries = self.index.keys.get(analysis.signature or "", [])
            return org.id not in {e.org.id for e in entries} and not self._homonym(analysis, org)
        return False

    def _homonym(self, analysis: Analysis, org: Organisation) -> bool:
        """Two towns of one name in one country ("Frankfurt am Main" and "Frankfurt (Oder)",
        "Halle (Saale)" and "Halle (Westf.)"): the text names one of them by its short name
        and the email domain belongs to a local authority of that country whose name says
        all the text says. Then the email tells which."""
        if analysis.kind != "local_authority" or analysis.place is None:
            return False
        if org.kind != "local_authority" or org.country != analysis.place.country:
            return False
        typed = set(analysis.segment.split()) - CONNECTORS
        return any(typed <= set(fold(name).split()) for name in (org.name, *org.aliases))
