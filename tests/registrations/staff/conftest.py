"""Shared by the staff-page tests: registering through the services, the pages' URLs, the
exports read back, and a mixed list of registrants."""

from __future__ import annotations

import csv
import io

import pytest
from python_calamine import CalamineWorkbook

from convene.directory.services import organisation_create
from convene.programme.models import Session
from convene.registrations.models import Registration
from convene.registrations.services import (
    registration_cancel,
    registration_request_confirm,
    registration_request_create,
)
from tests import factories as f

BOM = b"\xef\xbb\xbf"


def register(session: Session, *, confirm: bool = True, **kw: object) -> Registration:
    """One registration for ``session`` through the services, confirmed unless told not to."""
    request = registration_request_create(
        series=session.series, sessions=[session], registrant=f.registrant(**kw)
    )
    if confirm:
        registration_request_confirm(request=request)
    return Registration.objects.get(request=request, session=session)


def session_url(session: Session) -> str:
    return f"/staff/sessions/{session.slug}/registrations/"


def series_url(session: Session) -> str:
    return f"/staff/series/{session.series.slug}/registrations/"


def rows_of(response) -> list[dict[str, str]]:
    """The CSV export parsed back with the csv module."""
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(content: bytes) -> list[list[object]]:
    """The XLSX export read back with calamine, a reader independent of openpyxl."""
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return workbook.get_sheet_by_index(0).to_python()


@pytest.fixture
def session() -> Session:
    return f.session(f.series(), capacity=3)


@pytest.fixture
def ngo():
    return organisation_create(
        actor=None,
        name="Association Entraide",
        kind="ngo",
        country="FR",
        domains=["entraide.example"],
    )


def page_url(template: str, session: Session) -> str:
    return template.format(session=session_url(session), series=series_url(session))


@pytest.fixture
def mixed(session, ngo):
    """A member city's officer (confirmed), an NGO worker (pending), a waitlisted one, and a
    cancelled one; and someone in another series who must never show."""
    f.member_city()
    member = register(session, name="Alice Mertens", email="alice@liege.example")
    pending = register(
        session,
        confirm=False,
        name="Bruno Costa",
        email="bruno@entraide.example",
        organisation="Association Entraide",
        country="PT",
    )
    register(
        session,
        name="Carla Rossi",
        email="carla@comune.example",
        organisation="Comune di Bari",
        country="IT",
    )
    full = f.session(session.series, capacity=0)
    waiting = register(
        full,
        name="Dieter Wolf",
        email="dieter@stadt.example",
        organisation="Stadt Köln",
        country="DE",
    )
    gone = register(
        session,
        name="Emma Smit",
        email="emma@gemeente.example",
        organisation="Gemeente Delft",
        country="NL",
    )
    registration_cancel(actor=None, registration=gone)
    register(f.session(), name="Zed Elsewhere")
    return {"member": member, "pending": pending, "waiting": waiting, "full": full}


def names_in(body: str) -> set[str]:
    everyone = {"Alice Mertens", "Bruno Costa", "Carla Rossi", "Dieter Wolf", "Emma Smit"}
    return {name for name in everyone | {"Zed Elsewhere"} if name in body}
