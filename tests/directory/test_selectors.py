import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.directory.selectors import (
    organisation_is_member,
    organisation_list,
    organisation_suggestions,
    organisations_matching,
)
from convene.directory.services import MembershipPeriod, organisation_create

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def liege():
    """Member 2018-01-01..2019-12-31, lapsed in 2020, member again from 2021-03-01."""
    return organisation_create(
        actor=None,
        name="Ville de Liège",
        kind="local_authority",
        country="BE",
        memberships=[
            MembershipPeriod(D(2018, 1, 1), D(2019, 12, 31)),
            MembershipPeriod(D(2021, 3, 1), None),
        ],
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2017, 12, 31), False),  # the day before the first period
        (D(2018, 1, 1), True),  # first day counts
        (D(2019, 12, 31), True),  # member_until is inclusive
        (D(2020, 1, 1), False),  # the gap between periods
        (D(2021, 2, 28), False),
        (D(2021, 3, 1), True),  # open-ended period
        (D(2035, 6, 1), True),
    ],
)
def test_member_on_date(liege, day, expected):
    assert organisation_is_member(organisation=liege, on=day) is expected


def test_never_a_member():
    ngo = organisation_create(actor=None, name="Efus Watch", kind="ngo", country="FR")
    assert organisation_is_member(organisation=ngo, on=D(2020, 5, 1)) is False


def test_list_annotates_membership_for_the_day(liege):
    organisation_create(actor=None, name="Stadt Essen", kind="local_authority", country="DE")
    on_2020 = {o.name: o.is_member for o in organisation_list(member_on=D(2020, 6, 1))}
    on_2022 = {o.name: o.is_member for o in organisation_list(member_on=D(2022, 6, 1))}
    assert on_2020 == {"Stadt Essen": False, "Ville de Liège": False}
    assert on_2022 == {"Stadt Essen": False, "Ville de Liège": True}


def test_list_query_count_does_not_grow():
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            rows = list(organisation_list(member_on=D(2020, 1, 1)))
            for row in rows:
                list(row.aliases.all()), list(row.domains.all()), list(row.memberships.all())
        return len(ctx.captured_queries)

    organisation_create(
        actor=None,
        name="Gemeente Utrecht",
        kind="local_authority",
        country="NL",
        aliases=["Utrecht"],
    )
    few = count()
    for n in range(10):
        organisation_create(
            actor=None,
            name=f"Town {n}",
            kind="local_authority",
            country="FR",
            aliases=[f"Ville {n}"],
            domains=[f"town{n}.example"],
            memberships=[MembershipPeriod(D(2019, 1, 1))],
        )
    assert count() == few == 4


def test_person_found_by_email_whatever_its_case():
    from convene.directory.models import Person
    from convene.directory.selectors import person_get_by_email

    person = Person.objects.create(email="Ana.Lopez@Barcelona.example", name="Ana López")
    assert person_get_by_email(email="ana.lopez@barcelona.example") == person
    assert person_get_by_email(email=" ANA.LOPEZ@BARCELONA.EXAMPLE ") == person
    assert person_get_by_email(email="ana@barcelona.example") is None


def test_person_email_lookup_uses_the_unique_index():
    """Every registration looks the person up by email: a full scan of people grows with the
    directory (``email__iexact`` cannot use the index on LOWER(email))."""
    from convene.directory.models import Person
    from convene.directory.selectors import person_email_is

    sql, params = Person.objects.filter(person_email_is("a@b.example")).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # tiny table: make the index count
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "directory_person_email_ci_unique" in plan


def test_people_by_email_finds_a_batch_in_one_query_any_case(db):
    """The registration import looks up a whole file's people at once (issue 20)."""
    from convene.directory.models import Person
    from convene.directory.selectors import people_by_email

    ana = Person.objects.create(email="Ana.Lopez@Barcelona.example", name="Ana López")
    jan = Person.objects.create(email="jan@gent.example", name="Jan")
    asked = ["ana.lopez@barcelona.example", " JAN@GENT.EXAMPLE", "nobody@x.example"]
    with CaptureQueriesContext(connection) as queries:
        found = people_by_email(asked)
    assert len(queries) == 1
    assert found == {asked[0]: ana, asked[1]: jan}


@pytest.mark.parametrize("query", ["Liege", "LIÈGE", "liège", "  liege ", "de lie"])
def test_organisations_matching_ignores_case_and_accents(liege, query):
    organisation_create(actor=None, name="Stadt Essen", kind="local_authority", country="DE")
    assert list(organisations_matching(query)) == [liege]


def test_organisations_matching_reads_aliases_scripts_and_umlauts():
    munich = organisation_create(
        actor=None, name="Landeshauptstadt München", kind="local_authority", country="DE"
    )
    athens = organisation_create(
        actor=None,
        name="Δήμος Αθηναίων",
        kind="local_authority",
        country="GR",
        aliases=["City of Athens"],
    )
    assert list(organisations_matching("muenchen")) == [munich]
    assert list(organisations_matching("MÜNCHEN")) == [munich]
    assert list(organisations_matching("αθηναίων")) == [athens]
    assert list(organisations_matching("Dimos Athinaion")) == [athens]
    assert list(organisations_matching("city of ATHENS")) == [athens]
    assert list(organisations_matching("")) == []
    assert list(organisations_matching(" – ")) == []
    assert list(organisations_matching("Wien")) == []


def test_suggestions_ignore_accents(liege):
    assert organisation_suggestions(text="Liege") == ["Ville de Liège"]
    assert organisation_suggestions(text="li") == []
