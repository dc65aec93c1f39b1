"""The member-list import: headers as people write them, exact matches update, fuzzy matches
wait for staff, one transaction, the same file twice changes nothing, and the CLI's exits."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from convene.core.models import AuditLog
from convene.directory.models import MemberImport, Membership, Organisation
from convene.directory.services.member_import import (
    NEW,
    member_import_commit,
    member_import_decide,
    member_import_plan,
    member_import_stage,
    member_list_import,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


MEMBER_LIST = (
    "Name,Kind,Country,Domains,Aliases,Member from,Member until\n"
    "Stadt Essen,local authority,DE,essen.example,City of Essen,2015-01-01,\n"
    "Ajuntament de Barcelona,Local authority,Spain,bcn.example,Barcelona City Council,"
    "01/03/2012,2020\n"
    "Région Wallonne,regional_authority,BE,,,2018-06-01,\n"
).encode()


def snapshot() -> list[tuple]:
    orgs = Organisation.objects.order_by("name")
    return [
        (
            o.name,
            o.kind,
            o.country,
            sorted(o.aliases.values_list("name", flat=True)),
            sorted(o.domains.values_list("domain", flat=True)),
            sorted(o.memberships.values_list("member_from", "member_until")),
        )
        for o in orgs
    ]


def test_a_member_list_creates_its_organisations_with_their_periods():
    _plan, counts = member_list_import(actor=None, file_name="members.csv", data=MEMBER_LIST)
    assert counts["create"] == 3
    barcelona = Organisation.objects.get(name="Ajuntament de Barcelona")
    assert barcelona.country == "ES"
    assert list(barcelona.aliases.values_list("name", flat=True)) == ["Barcelona City Council"]
    assert list(barcelona.memberships.values_list("member_from", "member_until")) == [
        (dt.date(2012, 3, 1), dt.date(2020, 12, 31))
    ]
    assert AuditLog.objects.filter(code="directory.member_import.committed").count() == 1


def test_the_same_file_twice_changes_nothing():
    member_list_import(actor=None, file_name="members.csv", data=MEMBER_LIST)
    before = snapshot()
    _plan, counts = member_list_import(actor=None, file_name="members.csv", data=MEMBER_LIST)
    assert counts == {"create": 0, "update": 0, "unchanged": 3, "review": 0, "errors": 0}
    assert snapshot() == before


def test_french_headers_and_snake_case_headers_are_read():
    data = (
        b"nom;type;pays;domaines;autres noms;membre depuis;membre jusqu'au\n"
        b"Ville de Lyon;ville;France;lyon.example;;2019;\n"
    )
    member_list_import(actor=None, file_name="membres.csv", data=data)
    lyon = Organisation.objects.get(name="Ville de Lyon")
    assert (lyon.kind, lyon.country) == ("local_authority", "FR")
    assert lyon.memberships.get().member_from == dt.date(2019, 1, 1)
    data = (
        b"name,kind,country,member_from,member_until\n"
        b"Ville de Lyon,local_authority,FR,2019-01-01,2024-12-31\n"
    )
    _plan, counts = member_list_import(actor=None, file_name="m.csv", data=data)
    assert counts["update"] == 1
    assert lyon.memberships.get().member_until == dt.date(2024, 12, 31)


def test_an_exact_match_ignoring_case_and_accents_updates_the_organisation():
    liege = f.member_city()
    data = (
        b"Name,Kind,Country,Domains,Member from\n"
        b"VILLE DE LIEGE,local authority,BE,liege-ville.example,2010-01-01\n"
    )
    _plan, counts = member_list_import(actor=None, file_name="m.csv", data=data)
    assert counts["update"] == 1 and counts["create"] == 0
    assert set(liege.domains.values_list("domain", flat=True)) == {
        "liege.example",
        "liege-ville.example",
    }
    assert Organisation.objects.count() == 1


def test_a_fuzzy_match_waits_for_staff_and_is_never_merged_unseen():
    liege = f.member_city()  # Ville de Liège
    data = "Name,Kind,Country\nCity of Liège,local authority,BE\n".encode()
    (row,) = member_import_plan(data=data).rows
    assert (row.action, row.candidate) == ("review", liege)
    _plan, counts = member_list_import(actor=None, file_name="m.csv", data=data)
    assert counts["review"] == 1
    assert Organisation.objects.count() == 1
    assert not liege.aliases.exists()


def test_province_is_not_folded_into_the_city():
    liege = f.member_city()
    data = b"Name,Kind,Country\nProvince de Li\xc3\xa8ge,regional authority,BE\n"
    (row,) = member_import_plan(data=data).rows
    assert row.action == "create"
    member_list_import(actor=None, file_name="m.csv", data=data)
    assert not liege.aliases.filter(name__icontains="province").exists()


def test_staff_decisions_apply_when_confirmed(monkeypatch):
    liege = f.member_city()
    data = b"Name,Kind,Country\nLiege City Hall,local authority,BE\n"
    from convene.directory.services import member_import as module
    from convene.resolution.types import Resolution

    def fake_resolve(*, text: str, email: str = "", country: str = "") -> Resolution:
        return Resolution(
            "0", "matched", str(liege.pk), "local_authority", "BE", None, 0.7, "fuzzy"
        )

    monkeypatch.setattr(module, "resolve_text", fake_resolve)
    staged = member_import_stage(actor=None, file_name="m.csv", data=data)
    assert member_import_plan(data=data, decisions=staged.decisions).review
    member_import_decide(member_import=staged, decisions={"2": str(liege.pk)})
    counts = member_import_commit(actor=None, member_import=staged)
    assert counts["update"] == 1
    assert liege.aliases.filter(name="Liege City Hall").exists()

    other = member_import_stage(
        actor=None, file_name="m.csv", data=data.replace(b"Hall", b"Office")
    )
    member_import_decide(member_import=other, decisions={"2": NEW})
    assert member_import_commit(actor=None, member_import=other)["create"] == 1
    assert Organisation.objects.filter(name="Liege City Office").exists()


def test_one_bad_row_imports_nothing_and_names_its_line():
    data = MEMBER_LIST + b"Bad Place,spaceship,BE,,,,\n"
    with pytest.raises(ValidationError, match="line 5"):
        member_list_import(actor=None, file_name="m.csv", data=data)
    assert not Organisation.objects.exists()
    assert not MemberImport.objects.exists()


def test_a_failure_while_writing_rolls_everything_back(monkeypatch):
    """A refusal on the last row (a concurrent change, say) undoes the rows before it."""
    staged = member_import_stage(actor=None, file_name="m.csv", data=MEMBER_LIST)
    from convene.directory.services import member_import as module

    calls = {"n": 0}
    real_create = module.organisation_create

    def flaky(**kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise ValidationError({"name": "refused"})
        return real_create(**kwargs)

    monkeypatch.setattr(module, "organisation_create", flaky)
    with pytest.raises(ValidationError, match="line 4: refused"):
        member_import_commit(actor=None, member_import=staged)
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    staged.refresh_from_db()
    assert staged.status == "staged"


def test_duplicate_rows_overlaps_and_bad_dates_are_errors():
    f.member_city()
    data = (
        "Name,Kind,Country,Member from,Member until\n"
        "Stadt Essen,city,DE,2015-01-01,\n"
        "STADT ESSEN,city,DE,2015-01-01,\n"
        "Ville de Liège,city,BE,2012-01-01,\n"
        "Comune di Torino,city,IT,31/31/2020,\n"
        "Comune di Milano,city,Atlantis,,\n"
        "Comune di Roma,city,IT,,2020-01-01\n"
    ).encode()
    plan = member_import_plan(data=data)
    lines = dict(plan.errors)
    assert set(lines) == {3, 4, 5, 6, 7}
    assert "line 2" in lines[3]
    assert "overlaps" in lines[4]


def test_an_xlsx_member_list_is_read_with_its_dates():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Organisation", "Type", "Country", "Member from"])
    excel_day = dt.datetime(2016, 5, 1)  # noqa: DTZ001 (Excel cells have no time zone)
    sheet.append(["Gemeente Mechelen", "Local authority", "BE", excel_day])
    buffer = io.BytesIO()
    book.save(buffer)
    member_list_import(actor=None, file_name="m.xlsx", data=buffer.getvalue())
    mechelen = Organisation.objects.get(name="Gemeente Mechelen")
    assert mechelen.memberships.get().member_from == dt.date(2016, 5, 1)


def test_a_file_that_is_not_a_table_is_refused():
    with pytest.raises(ValidationError):
        member_import_stage(actor=None, file_name="x.csv", data=b"")
    with pytest.raises(ValidationError, match="no kind, country column"):
        member_list_import(actor=None, file_name="x.csv", data=b"name\nX\n")


# The command line -------------------------------------------------------------------------


def test_dry_run_prints_one_line_per_kind_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "members.csv"
    path.write_bytes(MEMBER_LIST)
    call_command("orgs_import", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "would create: 3" in out
    assert "would update: 0" in out
    assert "left in review: 0" in out
    assert not Organisation.objects.exists()
    call_command("orgs_import", str(path))
    assert "created: 3" in capsys.readouterr().out
    call_command("orgs_import", str(path))
    assert "unchanged: 3" in capsys.readouterr().out


def test_a_bad_file_exits_2_with_the_row_and_the_reason(tmp_path):
    path = tmp_path / "members.csv"
    path.write_bytes(MEMBER_LIST + b"Bad Place,spaceship,BE,,,,\n")
    with pytest.raises(CommandError, match=r"members.csv: line 5: Unknown kind") as info:
        call_command("orgs_import", str(path), "--dry-run")
    assert info.value.returncode == 2
    with pytest.raises(CommandError) as info:
        call_command("orgs_import", str(tmp_path / "missing.csv"))
    assert info.value.returncode == 2
