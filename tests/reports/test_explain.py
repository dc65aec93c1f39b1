"""Every figure opens onto the rows behind it, and the rows add up to the figure."""

from __future__ import annotations

import pytest
from django.db.models.functions import Lower
from django.http import Http404

from convene.attendance.models import Attendance
from convene.directory.models import Organisation, Person
from convene.reports.explain import figure_rows
from convene.reports.scope import scope_get
from convene.reports.selectors import report_figures
from convene.reports.serialise import report_as_json

pytestmark = pytest.mark.django_db

#: Figures that are not a count of their rows (see explain.py and the definitions).
NOT_A_COUNT = {"attendees", "pending_review", "audience", "members_share", "countries"}


def flatten(data: dict, prefix: str = "") -> dict[str, int]:
    """The integer figures of the JSON object, by dotted name."""
    out: dict[str, int] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, int) and not isinstance(value, bool):
            out[name] = value
    return out


@pytest.mark.parametrize("represented_by", ["registrants", "attendees"])
@pytest.mark.parametrize("scope", [{"series": "lockdown"}, {}, {"section": "urban-security"}])
def test_the_rows_behind_each_figure_add_up_to_it(world, scope, represented_by):
    the_scope = scope_get(**scope)
    data = report_as_json(report_figures(scope=the_scope, represented_by=represented_by))
    figures = flatten({k: v for k, v in data.items() if k not in ("scope", "audience")})
    for row in data["audience"]["per_session"]:
        figures[f"audience.per_session.{row['session']}"] = row["attendees"]
    for row in data["topics"]:
        figures[f"topics.{row['topic']}"] = row["registrations"]
    checked = 0
    for name, value in figures.items():
        if name in NOT_A_COUNT:
            continue
        rows = figure_rows(scope=the_scope, figure=name, represented_by=represented_by)
        assert rows.count() == value, name
        checked += 1
    assert checked > 30

    def rows(name):
        return figure_rows(scope=the_scope, figure=name, represented_by=represented_by)

    unmatched = rows("attendees.unmatched").values("key").distinct().count()
    assert rows("attendees").count() + unmatched == data["attendees"]
    texts = rows("pending_review").annotate(text=Lower("organisation_text"))
    assert texts.values("text").distinct().count() == data["pending_review"]
    assert rows("countries").count() == sum(data["by_country"].values())
    assert len(data["by_country"]) == data["countries"]
    audience = [s.audience for s in rows("audience")]
    assert audience == [row["attendees"] for row in data["audience"]["per_session"]]


def test_rows_are_the_people_and_organisations_expected(world):
    scope = scope_get(series="lockdown")

    def names(figure, represented_by="registrants"):
        rows = figure_rows(scope=scope, figure=figure, represented_by=represented_by)
        return sorted(str(row.name) for row in rows)

    assert names("local_authorities.members") == ["Generalitat de Catalunya", "Ville de Liège"]
    assert names("local_authorities.by_kind.local_authority") == [
        "Ajuntament de Barcelona",
        "Stadt Essen",
        "Ville de Liège",
    ]
    assert names("institutions.total", "attendees") == ["Ministère de l'Intérieur", "Peace NGO"]
    assert names("participants.returning") == ["Jon"]
    assert names("attendees") == ["Anne", "Bruno", "Dora", "Fatima", "Hugo", "Jon"]
    assert names("pending_review") == ["Ines"]
    assert names("by_country.de") == ["Clara"]
    assert names("audience.per_session.s3") == ["Dora", "Hugo", "Jon"]
    assert isinstance(figure_rows(scope=scope, figure="members_share").first(), Person)
    assert isinstance(
        figure_rows(scope=scope, figure="institutions.by_kind.ngo").first(), Organisation
    )
    assert isinstance(figure_rows(scope=scope, figure="attendees.unmatched").first(), Attendance)


def test_an_unknown_figure_is_404_naming_it(world):
    with pytest.raises(Http404, match="^figure: "):
        figure_rows(scope=scope_get(series="lockdown"), figure="nonsense")
    with pytest.raises(Http404, match="^represented: "):
        figure_rows(scope=scope_get(), figure="registrants", represented_by="all")  # type: ignore[arg-type]
