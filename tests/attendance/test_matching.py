"""Matching merged attendees to registrants, strongest evidence first."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from convene.attendance.matching import (
    KnownPerson,
    Match,
    MatchPolicy,
    Registrant,
    match_attendees,
    match_known,
)
from convene.attendance.merge import Attendee

T0 = datetime(2020, 4, 14, 12, 0, tzinfo=UTC)


def attendee(
    name: str,
    minutes: float = 30,
    *,
    email: str | None = None,
    ids: tuple[str, ...] = (),
    names: tuple[str, ...] = (),
    role: str = "attendee",
) -> Attendee:
    return Attendee(
        key=f"name:{name}",
        name=name,
        email=email,
        role=role,  # type: ignore[arg-type]
        minutes=minutes,
        first_join=T0,
        last_leave=T0 + timedelta(minutes=minutes),
        connections=1,
        intervals=(),
        lines=(2,),
        emails=(email,) if email else (),
        names=names or (name,),
        participant_ids=ids,
    )


REGISTRANTS = [
    Registrant("r1", "Marie Dupont", "marie.dupont@mairie-bordeaux.example", token="tok-marie"),
    Registrant("r2", "Hans Becker", "h.becker@essen.example", ("hans.becker@gmail.example",)),
    Registrant("r3", "Jordi Puig i Serra", "jpuig@bcn.example"),
    Registrant("r4", "Anna Rossi", "anna@torino.example"),
    Registrant("r5", "Anna Rossi", "anna.rossi@milano.example"),
    Registrant("r6", "Pieter Van den Berg", "p.vandenberg@rotterdam.example"),
    Registrant("r7", "Sophie Lambert", "sophie@liege.example"),
]


def one(found: Attendee, registrants: list[Registrant] | None = None) -> Match:
    (match,) = match_attendees([found], registrants or REGISTRANTS).matches
    return match


def test_token_beats_a_different_email() -> None:
    match = one(attendee("M. D.", email="someone@else.example", ids=("tok-marie",)))
    assert (match.registrant and match.registrant.id, match.method) == ("r1", "token")


def test_a_token_known_only_by_its_digest_still_matches() -> None:
    """Join tokens mailed before issue #16 are stored as SHA-256 digests only."""
    old = "clear-token-echoed-by-an-old-meeting"
    registrants = [
        Registrant("r9", "Aino Virtanen", token_digest=hashlib.sha256(old.encode()).hexdigest())
    ]
    [match] = match_attendees([attendee("A. V.", ids=(old,))], registrants).matches
    assert (match.registrant and match.registrant.id, match.method) == ("r9", "token")
    [other] = match_attendees([attendee("A. V.", ids=("another",))], registrants).matches
    assert other.method != "token"


def test_registrant_id_counts_as_token() -> None:
    match = one(attendee("x", ids=("r7",)))
    assert (match.registrant and match.registrant.id, match.method) == ("r7", "token")


def test_email_is_case_insensitive() -> None:
    match = one(attendee("H", email="H.Becker@Essen.example"))
    assert (match.registrant and match.registrant.id, match.method) == ("r2", "email")


def test_alternate_email() -> None:
    match = one(attendee("Hans", email="hans.becker@gmail.example"))
    assert (match.registrant and match.registrant.id, match.method) == ("r2", "alternate_email")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Becker, Hans", "r2"),
        ("DUPONT Marie", "r1"),
        ("Jordi Puig", "r3"),  # registered with the full name
        ("Pieter van den Berg", "r6"),
        ("Sophie Lambret", "r7"),  # a typo
    ],
)
def test_name_similarity(name: str, expected: str) -> None:
    match = one(attendee(name))
    assert match.method == "name"
    assert match.registrant is not None and match.registrant.id == expected


@pytest.mark.parametrize("name", ["Anna Rossi", "Marie", "Totally Different", "Marc Dupuis"])
def test_ties_and_weak_names_stay_unmatched(name: str) -> None:
    match = one(attendee(name))
    assert match.registrant is None
    assert match.method == "unmatched"


def test_tie_lists_the_candidates_for_staff() -> None:
    match = one(attendee("Anna Rossi"))
    assert {candidate for candidate, _ in match.candidates} == {"r4", "r5"}


def test_name_match_only_among_registrants_not_already_matched() -> None:
    result = match_attendees(
        [attendee("Marie Dupont", email="marie.dupont@mairie-bordeaux.example"),
         attendee("Marie Dupont")],
        REGISTRANTS,
    )  # fmt: skip
    first, second = result.matches
    assert first.method == "email"
    assert second.registrant is None


def test_two_attendees_claiming_one_registrant_by_name() -> None:
    result = match_attendees([attendee("Sophie Lambert"), attendee("Sophie Lambertt")], REGISTRANTS)
    first, second = result.matches
    assert first.registrant is not None and first.registrant.id == "r7"
    assert second.registrant is None


def test_original_names_help_matching() -> None:
    match = one(attendee("JP", names=("JP", "Jordi Puig i Serra")))
    assert match.registrant is not None and match.registrant.id == "r3"


def test_only_this_sessions_registrants_are_considered() -> None:
    match = one(attendee("Hans Becker"), [REGISTRANTS[0]])
    assert match.registrant is None


@pytest.mark.parametrize(
    ("minutes", "policy", "session", "expected"),
    [
        (10, MatchPolicy(), None, True),
        (9.9, MatchPolicy(), None, False),
        (9.9, MatchPolicy(min_minutes=60, min_percent=10), 90, True),
        (8.9, MatchPolicy(min_minutes=60, min_percent=10), 90, False),
        (30, MatchPolicy(min_minutes=60, min_percent=50), None, False),
    ],
)
def test_attended_threshold(
    minutes: float, policy: MatchPolicy, session: float | None, expected: bool
) -> None:
    (match,) = match_attendees(
        [attendee("Marie Dupont", minutes)], REGISTRANTS, policy=policy, session_minutes=session
    ).matches
    assert match.attended is expected


def test_audience_counts_distinct_people_and_not_hosts() -> None:
    result = match_attendees(
        [
            attendee("Staff", 70, email="staff@forum.example", role="host"),
            attendee("Marie", 30, email="marie.dupont@mairie-bordeaux.example"),
            attendee("Marie phone", 30, ids=("tok-marie",)),
            attendee("Unknown caller", 40),
            attendee("Brief visitor", 2),
        ],
        REGISTRANTS,
    )
    assert result.audience == 2  # Marie once, plus the unknown caller
    assert len(result.unmatched) == 3


# --- Known people (the directory), after the registrants ----------------------------------------

DIRECTORY = [
    KnownPerson("1", "Marc Dubois", "marc@liege.example", organisation="10"),
    KnownPerson("2", "Eva de Vries", "eva@utrecht.example", ("eva.p@mail.example",)),
    KnownPerson("3", "Sophie Martin", "sophie.m@liege.example", organisation="10"),
    KnownPerson("4", "Luc Bernard", "luc1@liege.example", organisation="10"),
    KnownPerson("5", "Luc Bernard", "luc2@liege.example", organisation="10"),
    KnownPerson("6", "Anne Roy", "anne@lyon.example", organisation="20"),
]


def known(*attendees: Attendee) -> dict[str, Match]:
    first = match_attendees(attendees, [Registrant("r1", "Ana Lima", "ana@porto.example")])
    result = match_known(first.matches, DIRECTORY, organisation_by_domain={"liege.example": "10"})
    return {m.attendee.name: m for m in result.matches}


def test_known_people_by_email_then_alternate_then_name_within_the_organisation():
    found = known(
        attendee("Ana Lima", email="ana@porto.example"),
        attendee("M. D.", email="MARC@liege.example"),
        attendee("Eva", email="eva.p@mail.example"),
        attendee("Sophie Martin", email="smartin@liege.example"),
        attendee("Luc Bernard", email="lbernard@liege.example"),
        attendee("Anne Roy", email="aroy@liege.example"),
        attendee("Sophie Martin (2)", email="sophie@gmail.example", names=("Sophie Martin",)),
    )
    assert found["Ana Lima"].registrant is not None and found["Ana Lima"].person is None
    assert (found["M. D."].person.id, found["M. D."].method) == ("1", "email")  # type: ignore[union-attr]
    assert (found["Eva"].person.id, found["Eva"].method) == ("2", "alternate_email")  # type: ignore[union-attr]
    assert (found["Sophie Martin"].person.id, found["Sophie Martin"].method) == ("3", "name")  # type: ignore[union-attr]
    assert found["Luc Bernard"].person is None  # two of that name at Liège: a tie
    assert found["Anne Roy"].person is None  # Anne Roy is not at the organisation of liege.example
    assert found["Sophie Martin (2)"].person is None  # a domain no organisation owns
    assert all(m.registrant is None for name, m in found.items() if name != "Ana Lima")


def test_known_people_count_once_in_the_audience():
    result = match_known(
        match_attendees([attendee("Marc", 40, email="marc@liege.example")], []).matches,
        DIRECTORY,
        organisation_by_domain={},
    )
    assert result.audience == 1 and not result.unmatched
