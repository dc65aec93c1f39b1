"""Match merged attendees to a session's registrants, strongest evidence first.

1. the personal join-link token (or registrant id) the video tool echoed back; a link mailed
   before join secrets were derived is known by its SHA-256 digest only (``token_digest``);
2. the email, case-insensitive;
3. one of the registrant's known alternate emails;
4. a similar name, among *this session's* registrants only, above a safe threshold and
   clearly ahead of the runner-up (two "Marie Dupont"s are a tie, never a guess);
5. otherwise unmatched, for the staff queue.

Then :func:`match_known` gives the attendees still unmatched a second chance among people
already in the directory (who came without registering): by email, then alternate email,
then a name that is unique and clearly ahead among the people of the organisation the
attendee's email domain points to.

Then "attended" is decided: at least N minutes or P % of the session. Pure Python; the
Django import service passes plain :class:`Registrant` objects and stores the result.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from .merge import Attendee
from .parsers.names import name_key
from .parsers.records import ATTENDEE

Method = Literal["token", "email", "alternate_email", "name", "unmatched"]


@dataclass(frozen=True, slots=True)
class Registrant:
    """What matching needs to know about one registration of the session."""

    id: str
    name: str
    email: str | None = None
    alternate_emails: tuple[str, ...] = ()
    token: str | None = None
    #: SHA-256 hex digest of an older join token, echoed back by meetings held before.
    token_digest: str | None = None


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """A person already in the directory; ``organisation`` is its id, if any."""

    id: str
    name: str
    email: str | None = None
    alternate_emails: tuple[str, ...] = ()
    organisation: str | None = None


@dataclass(frozen=True, slots=True)
class MatchPolicy:
    """Thresholds, set per series. ``min_percent`` is a share of the session (0-100)."""

    min_minutes: float = 10.0
    min_percent: float | None = None
    name_threshold: float = 90.0
    tie_margin: float = 4.0

    def attended(self, minutes: float, session_minutes: float | None = None) -> bool:
        """At least ``min_minutes``, or at least ``min_percent`` of the session."""
        if minutes >= self.min_minutes:
            return True
        if self.min_percent is not None and session_minutes:
            return minutes >= session_minutes * self.min_percent / 100.0
        return False


@dataclass(frozen=True, slots=True)
class Match:
    attendee: Attendee
    registrant: Registrant | None
    method: Method
    score: float
    attended: bool
    candidates: tuple[tuple[str, float], ...] = ()
    person: KnownPerson | None = None  # a known person who did not register (match_known)

    @property
    def is_matched(self) -> bool:
        return self.registrant is not None or self.person is not None

    @property
    def audience(self) -> bool:
        """Counts in the session's audience: attended, and not a host."""
        return self.attended and self.attendee.role == ATTENDEE


@dataclass(frozen=True, slots=True)
class MatchResult:
    matches: tuple[Match, ...]

    @property
    def unmatched(self) -> tuple[Match, ...]:
        return tuple(m for m in self.matches if not m.is_matched)

    @property
    def audience(self) -> int:
        """Distinct people who attended: matched registrants once, unmatched people each."""
        people: set[tuple[str, str]] = set()
        for m in self.matches:
            if m.audience and m.registrant is not None:
                people.add(("registrant", m.registrant.id))
            elif m.audience and m.person is not None:
                people.add(("person", m.person.id))
        return len(people) + sum(1 for m in self.matches if m.audience and not m.is_matched)


def _lower(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


class _NameIndex:
    """Registrant names blocked by word prefix, so each lookup scores a handful only."""

    def __init__(self, registrants: Sequence[Registrant]) -> None:
        self.keys: list[str] = []
        self.blocks: dict[str, set[int]] = defaultdict(set)
        for index, registrant in enumerate(registrants):
            key = name_key(registrant.name)
            self.keys.append(key)
            for token in key.split():
                self.blocks[token[:3]].add(index)

    def scores(self, names: Sequence[str]) -> dict[int, float]:
        best: dict[int, float] = {}
        for name in names:
            query = name_key(name)
            tokens = query.split()
            if not tokens or (len(tokens) == 1 and len(query) < 4):
                continue
            candidates = set().union(*(self.blocks.get(token[:3], set()) for token in tokens))
            for index in candidates:
                score = _similarity(query, self.keys[index])
                if score > best.get(index, 0.0):
                    best[index] = score
        return best


def _similarity(query: str, key: str) -> float:
    """Word-order-free similarity; a missing middle name still matches ("Jordi Puig" and
    "Jordi Puig i Serra"), but only when both names have at least two words."""
    score = fuzz.ratio(query, key)
    if score < 100 and query.count(" ") >= 1 and key.count(" ") >= 1:
        score = max(score, fuzz.token_set_ratio(query, key) - 8)
    return float(score)


def match_attendees(
    attendees: Sequence[Attendee],
    registrants: Sequence[Registrant],
    *,
    policy: MatchPolicy | None = None,
    session_minutes: float | None = None,
) -> MatchResult:
    """Match every attendee; the registrants must be this session's only."""
    policy = policy or MatchPolicy()
    by_token: dict[str, Registrant] = {}
    by_email: dict[str, Registrant] = {}
    by_alternate: dict[str, Registrant] = {}
    for registrant in registrants:
        by_token.setdefault(registrant.id, registrant)
        if registrant.token:
            by_token[registrant.token] = registrant
        if registrant.token_digest:
            by_token[f"sha256:{registrant.token_digest}"] = registrant
        email = _lower(registrant.email)
        if email:
            by_email.setdefault(email, registrant)
        for alternate in registrant.alternate_emails:
            alt = _lower(alternate)
            if alt:
                by_alternate.setdefault(alt, registrant)
    exact: dict[int, tuple[Registrant, Method]] = {}
    for position, attendee in enumerate(attendees):
        found = _exact(attendee, by_token, by_email, by_alternate)
        if found:
            exact[position] = found
    claimed = {registrant.id for registrant, _ in exact.values()}
    free = [registrant for registrant in registrants if registrant.id not in claimed]
    index = _NameIndex(free)
    proposals: dict[int, tuple[int, float, tuple[tuple[str, float], ...]]] = {}
    for position, attendee in enumerate(attendees):
        if position in exact:
            continue
        scores = index.scores(attendee.names or (attendee.name,))
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:3]
        shortlist = tuple((free[i].id, s) for i, s in ranked if s >= policy.name_threshold - 15)
        if not ranked or ranked[0][1] < policy.name_threshold:
            proposals[position] = (-1, 0.0, shortlist)
        elif len(ranked) > 1 and _tied(ranked[0][1], ranked[1][1], policy):
            proposals[position] = (-1, ranked[0][1], shortlist)
        else:
            proposals[position] = (ranked[0][0], ranked[0][1], shortlist)
    # One registrant can be claimed by name only once: keep the clearly best claimant.
    claimants: dict[int, list[int]] = defaultdict(list)
    for position, (target, _, _) in proposals.items():
        if target >= 0:
            claimants[target].append(position)
    for positions in claimants.values():
        if len(positions) > 1:
            ordered = sorted(positions, key=lambda p: -proposals[p][1])
            top, runner = proposals[ordered[0]][1], proposals[ordered[1]][1]
            losers = ordered if _tied(top, runner, policy) else ordered[1:]
            for position in losers:
                _, score, shortlist = proposals[position]
                proposals[position] = (-1, score, shortlist)
    matches: list[Match] = []
    for position, attendee in enumerate(attendees):
        attended = policy.attended(attendee.minutes, session_minutes)
        if position in exact:
            registrant, method = exact[position]
            matches.append(Match(attendee, registrant, method, 100.0, attended))
            continue
        target, score, shortlist = proposals[position]
        if target >= 0:
            matches.append(Match(attendee, free[target], "name", score, attended, shortlist))
        else:
            matches.append(Match(attendee, None, "unmatched", score, attended, shortlist))
    return MatchResult(tuple(matches))


def _tied(top: float, runner: float, policy: MatchPolicy) -> bool:
    """Too close to call, unless the best is an exact (word-order-free) name."""
    if top == 100.0 and runner < 100.0:
        return False
    return top - runner < policy.tie_margin


def _exact(
    attendee: Attendee,
    by_token: dict[str, Registrant],
    by_email: dict[str, Registrant],
    by_alternate: dict[str, Registrant],
) -> tuple[Registrant, Method] | None:
    for ident in attendee.participant_ids:
        if ident in by_token:
            return by_token[ident], "token"
        digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()
        if f"sha256:{digest}" in by_token:
            return by_token[f"sha256:{digest}"], "token"
    emails = [e for e in (_lower(attendee.email), *map(_lower, attendee.emails)) if e]
    for email in emails:
        if email in by_email:
            return by_email[email], "email"
    for email in emails:
        if email in by_alternate:
            return by_alternate[email], "alternate_email"
    return None


def email_domain(email: str | None) -> str | None:
    """The lower-case domain of an address, or None."""
    address = _lower(email)
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1] or None


def match_known(
    matches: Sequence[Match],
    people: Sequence[KnownPerson],
    *,
    organisation_by_domain: dict[str, str],
    policy: MatchPolicy | None = None,
) -> MatchResult:
    """Give the still unmatched attendees a second chance among ``people`` (the directory):
    by email, then alternate email, then a name unique and clearly ahead among the people of
    the organisation their email domain points to (``organisation_by_domain``)."""
    policy = policy or MatchPolicy()
    as_registrants = [
        Registrant(id=p.id, name=p.name, email=p.email, alternate_emails=p.alternate_emails)
        for p in people
    ]
    by_id = {p.id: p for p in people}
    by_email: dict[str, Registrant] = {}
    by_alternate: dict[str, Registrant] = {}
    for candidate in as_registrants:
        email = _lower(candidate.email)
        if email:
            by_email.setdefault(email, candidate)
        for alternate in candidate.alternate_emails:
            alt = _lower(alternate)
            if alt:
                by_alternate.setdefault(alt, candidate)
    indexes: dict[str, tuple[list[Registrant], _NameIndex]] = {}
    result: list[Match] = []
    for match in matches:
        if match.is_matched:
            result.append(match)
            continue
        attendee = match.attendee
        found = _exact(attendee, {}, by_email, by_alternate)
        if found:
            candidate, method = found
            result.append(_known(match, by_id[candidate.id], method, 100.0))
            continue
        domains = {email_domain(e) for e in (attendee.email, *attendee.emails)} - {None}
        organisations = {organisation_by_domain[d] for d in domains if d in organisation_by_domain}
        if len(organisations) != 1:
            result.append(match)
            continue
        organisation = organisations.pop()
        if organisation not in indexes:
            members = [r for r in as_registrants if by_id[r.id].organisation == organisation]
            indexes[organisation] = (members, _NameIndex(members))
        members, index = indexes[organisation]
        ranked = sorted(
            index.scores(attendee.names or (attendee.name,)).items(), key=lambda i: -i[1]
        )
        if (
            ranked
            and ranked[0][1] >= policy.name_threshold
            and not (len(ranked) > 1 and _tied(ranked[0][1], ranked[1][1], policy))
        ):
            result.append(_known(match, by_id[members[ranked[0][0]].id], "name", ranked[0][1]))
        else:
            result.append(match)
    return MatchResult(tuple(result))


def _known(match: Match, person: KnownPerson, method: Method, score: float) -> Match:
    return Match(
        match.attendee, None, method, score, match.attended, match.candidates, person=person
    )
