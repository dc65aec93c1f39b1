"""Prepared reads give what the plain queryset gives, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.db.models import Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from convene.core.prepared import Prepared
from convene.programme.models import Session
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2030, 5, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions():
    series = f.series()
    return [
        f.session(series, slug=f"s{n}", starts_at=NOW + dt.timedelta(days=n), capacity=10 + n)
        for n in range(4)
    ]


def test_objects_equal_the_queryset_with_related_rows_and_converted_values(sessions):
    by_slugs = Prepared(
        lambda slugs: Session.objects.select_related("series").filter(slug__in=slugs).order_by("pk")
    )
    for slugs in (["s1"], ["s0", "s3"], ["s3", "nope", "s2"], ["nope"]):
        expected = list(
            Session.objects.select_related("series").filter(slug__in=slugs).order_by("pk")
        )
        got = by_slugs.objects(slugs=slugs)
        assert got == expected
        for a, b in zip(got, expected, strict=True):
            fields = [f.attname for f in Session._meta.concrete_fields]
            assert [getattr(a, n) for n in fields] == [getattr(b, n) for n in fields]
            assert a.starts_at.tzinfo is not None and a.languages == b.languages
        with CaptureQueriesContext(connection) as queries:
            assert [s.series.title for s in got] == [s.series.title for s in expected]
        assert len(queries) == 0  # the series came with the session


def test_rows_and_count_adapt_datetimes_as_the_orm_does(sessions):
    starting_after = Prepared(
        lambda after: (
            Session.objects.filter(starts_at__gt=after)
            .order_by("pk")
            .values_list("slug", "starts_at")
        )
    )
    for days in (-1, 0, 1, 2, 9):
        after = NOW + dt.timedelta(days=days)
        expected = list(
            Session.objects.filter(starts_at__gt=after)
            .order_by("pk")
            .values_list("slug", "starts_at")
        )
        assert starting_after.rows(after=after) == expected
        assert starting_after.count(after=after) == len(expected)


def test_a_function_of_a_param(sessions):
    by_title = Prepared(
        lambda title: Session.objects.filter(Exact(Lower("title"), Lower(title))).values_list(
            "slug", flat=True
        )
    )
    sessions[2].title = "Public Spaces After Dark"
    sessions[2].save(update_fields=["title"])
    expected = list(
        Session.objects.filter(
            Exact(Lower("title"), Lower(Value("PUBLIC spaces after dark")))
        ).values_list("slug", flat=True)
    )
    assert expected == ["s2"]
    assert [r[0] for r in by_title.rows(title="PUBLIC spaces after dark")] == expected


def test_the_sql_is_built_once_per_shape(sessions):
    built = []

    def build(slugs):
        built.append(len(slugs))
        return Session.objects.filter(slug__in=slugs).values_list("pk")

    by_slugs = Prepared(build)
    for slugs in (["s0"], ["s1"], ["s0", "s1"], ["s2", "s3"], ["s3"]):
        assert len(by_slugs.rows(slugs=slugs)) == len(slugs)
    assert built == [1, 2]


@pytest.mark.django_db(transaction=True)  # autocommit outside the atomic block, as in production
def test_locking_read_needs_a_transaction(sessions):
    lock = Prepared(
        lambda pk: Session.objects.select_for_update().filter(pk=pk).values_list("capacity")
    )
    with transaction.atomic():
        assert lock.rows(pk=sessions[1].pk) == [(11,)]
    with pytest.raises(TransactionManagementError):
        lock.rows(pk=sessions[1].pk)


def test_insert_writes_what_save_writes():
    from convene.core.models import AuditLog
    from convene.core.prepared import insert
    from convene.directory.models import Person

    saved = Person(email="a@one.example", name="Ana", country="ES", organisation_text="Ajuntament")
    saved.save(force_insert=True)
    inserted = Person(
        email="b@two.example", name="Ana", country="ES", organisation_text="Ajuntament"
    )
    insert([inserted])
    assert inserted.pk is not None and inserted.pk != saved.pk
    assert not inserted._state.adding
    fields = [f.attname for f in Person._meta.concrete_fields if f.attname not in {"id", "email"}]
    [a, b] = Person.objects.filter(pk__in=[saved.pk, inserted.pk]).order_by("pk").values(*fields)
    assert a["updated_at"] is not None and b["updated_at"] is not None  # auto_now ran
    assert {**a, "created_at": None, "updated_at": None} == {
        **b,
        "created_at": None,
        "updated_at": None,
    }

    entries = [
        AuditLog(actor_label="system", code="core.test.done", details={"n": n}) for n in (1, 2)
    ]
    insert(entries)
    assert [e.pk for e in entries] == sorted(e.pk for e in entries)
    assert [AuditLog.objects.get(pk=e.pk).details for e in entries] == [{"n": 1}, {"n": 2}]


def test_a_failed_insert_marks_the_transaction_for_rollback():
    from django.db import IntegrityError

    from convene.core.prepared import insert
    from convene.directory.models import Person

    Person.objects.create(email="a@one.example", name="Ana")
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            insert([Person(email="A@ONE.example", name="Ana again")])
        assert transaction.get_rollback()
    assert Person.objects.count() == 1  # rolled back to the savepoint, usable again
