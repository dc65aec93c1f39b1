"""A batch names one new organisation in several spellings: one organisation, as if the
registrants had come one after the other (issue 20: the demo's registration import)."""

from __future__ import annotations

from convene.resolution.engine import Resolver
from convene.resolution.engine.batch import regroup_new
from convene.resolution.types import Organisation, Registrant


def test_typos_of_a_new_organisation_join_the_spelling_most_rows_use() -> None:
    resolver = Resolver([Organisation("1", "Ville de Liège", "local_authority", "BE")])
    typed = [
        ("Università degli Studi di Arzezo", "IT"),
        ("Università degli Studi di Arezzo", "IT"),
        ("Università degli Studi di Arezzo", "IT"),
        ("Université de Rennes", "FR"),
        ("Université de Rnnes", "FR"),
        ("Université de Rouen", "FR"),
    ]
    rows = [
        Registrant(str(i), text, "x@gmail.com", country) for i, (text, country) in enumerate(typed)
    ]
    answers = resolver.resolve_many(rows)
    assert answers[0].cluster != answers[1].cluster  # one by one, the typo is another key

    grouped = regroup_new(resolver, rows, answers)

    assert len({a.cluster for a in grouped[:3]}) == 1
    assert grouped[0].name == "Università degli Studi di Arezzo"
    assert "the same new organisation" in grouped[0].explanation
    assert grouped[3].cluster == grouped[4].cluster != grouped[5].cluster  # Rouen is another
    assert [a.status for a in grouped] == ["new"] * 6


def test_answers_other_than_new_are_left_alone() -> None:
    resolver = Resolver([Organisation("1", "Ville de Liège", "local_authority", "BE")])
    rows = [Registrant("0", "Ville de Liège", "", "BE"), Registrant("1", "n/a", "", "")]
    answers = resolver.resolve_many(rows)
    assert regroup_new(resolver, rows, answers) == answers
