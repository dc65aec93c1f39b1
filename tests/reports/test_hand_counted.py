"""The report of a network counted by hand, built through the API only (issue #14).

Everything is made as staff and the public would make it: organisations, the series and its
sessions through the staff API, registrations through the public ``POST /api/registrations`` and
confirmed by the link in their mail, attendance through the import API once the sessions were
held. The only service calls are those no endpoint offers: holding the meeting (moving a session
into the past, ``tests.attendance.meeting.held``) and adding the network's organiser domain.

The network (series "hand", sessions held in 2020, threshold: the default 10 minutes)::

    Ville de Liège   local authority  BE  member from 2010, open-ended      liege.example
    Stadt Essen      local authority  DE  member from 2021 (after the series) essen.example
    ULiège           research         BE  no membership                      uliege.example
    Peace NGO        ngo              FR  no membership                      peace-ngo.example

    h1  14 April 2020 14:00-15:30   h2  21 April 2020   h3  28 April 2020 (no file imported)

    Anne   Liège      registers h1 h2 h3, confirms   attends h1 (90 min)
    Bram   Essen      registers h1, confirms         attends h1 (55 min)
    Chloé  Peace NGO  registers h2, confirms         attends h2 (fr)
    Dirk   Essen      registers h1 h2, confirms      attends h1 for 4 minutes: below 10, not counted
    Eva    Liège      registers h2, never confirms   does not attend
    Wim    ULiège     registered for another series only (a known person)  walks in to h2
    the organiser     webconf@forum.example (the network's own domain)     in h1 and h2
    a guest           ghost@elsewhere.example, nobody knows them           attends h1
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.utils import timezone

from convene.attendance.services.undo import organiser_domain_add
from convene.core.mail import outbox_list
from convene.programme.models import Session
from tests.attendance.builders import zoom_report
from tests.attendance.meeting import held

pytestmark = pytest.mark.django_db

AHEAD = (timezone.now() + dt.timedelta(days=30)).replace(microsecond=0)
HELD = {"h1": dt.date(2020, 4, 14), "h2": dt.date(2020, 4, 21), "h3": dt.date(2020, 4, 28)}
ORGANISER = ("Forum Secretariat", "webconf@forum.example")
#: What the switch ``represented=attendees`` changes, and the key naming it.
SWITCHED = {
    "local_authorities", "institutions", "countries", "by_country", "pending_review",
    "represented_by",
}  # fmt: skip


def at(day: dt.date, clock: str) -> str:
    """A Zoom US-style timestamp (clock is 24-hour HH:MM)."""
    hour, minute = (int(part) for part in clock.split(":"))
    suffix = "PM" if hour >= 12 else "AM"
    return f"{day:%m/%d/%Y} {(hour - 1) % 12 + 1:02d}:{minute:02d}:00 {suffix}"


def zoom(slug: str, *people: tuple[str, str, str, str]) -> bytes:
    """A Zoom participants file of session ``slug``: (name, email, joined, left) per person."""
    day = HELD[slug]
    rows = [(name, email, at(day, join), at(day, left)) for name, email, join, left in people]
    return zoom_report(rows).encode()


H1 = zoom(
    "h1",
    (*ORGANISER, "13:55", "15:35"),
    ("Anne Lambert", "anne@liege.example", "14:00", "15:30"),
    ("Bram Vogel", "bram@essen.example", "14:05", "15:00"),
    ("Dirk Weber", "dirk@essen.example", "14:10", "14:14"),
    ("Ghost Guest", "ghost@elsewhere.example", "14:00", "15:00"),
)
H2 = zoom(
    "h2",
    (*ORGANISER, "13:55", "15:35"),
    ("Chloé Martin", "chloe@peace-ngo.example", "14:00", "15:30"),
    ("Wim Peeters", "wim@uliege.example", "14:02", "15:20"),
)


def post(api: Client, path: str, body: dict) -> dict:
    response = api.post(path, body, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()


def register(client: Client, series: str, sessions: list[str], name: str, email: str, **kw: str):
    """The public endpoint, as a registration form elsewhere would call it: a held seat. The
    confirmation mail is queued on commit, which a test's transaction never reaches: run it."""
    body = {"series": series, "sessions": sessions, "name": name, "email": email, "consent": True}
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = post(client, "/api/registrations", body | kw)
    assert {r["status"] for r in answer["registrations"]} == {"pending"}


def confirm_by_mail(client: Client, email: str) -> None:
    """Click the confirmation link of the person's newest mail (a POST, as the button does)."""
    [mail, *_older] = [m for m in outbox_list() if m.to == email]
    link = re.search(r"http://[^/\s]+(/r/\S+/confirm/)", mail.text)
    assert link is not None, mail.text
    assert client.post(link.group(1)).status_code == 302


def import_file(api: Client, slug: str, data: bytes) -> dict:
    upload = SimpleUploadedFile(f"{slug}.csv", data, content_type="text/csv")
    response = api.post(f"/api/sessions/{slug}/attendance", {"file": upload})
    assert response.status_code == 201, response.content
    return response.json()


def attendance(api: Client, slug: str) -> dict[str, dict]:
    """The session's attendees from the API, by email."""
    response = api.get(f"/api/sessions/{slug}/attendance")
    assert response.status_code == 200, response.content
    return {row["email"]: row for row in response.json()["items"]}


def counted(row: dict) -> bool:
    return row["attended"] and row["role"] == "attendee"


def report(api: Client, **query: str) -> dict:
    response = api.get("/api/reports", {"series": "hand", **query})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def network(api_client: Client, client: Client) -> Client:
    """The network above, through the API, up to the sessions being held (no file yet)."""
    for name, kind, country, domain, memberships in (
        ("Ville de Liège", "local_authority", "BE", "liege.example", [{"from": "2010-01-01"}]),
        ("Stadt Essen", "local_authority", "DE", "essen.example", [{"from": "2021-01-01"}]),
        ("Université de Liège", "research", "BE", "uliege.example", []),
        ("Peace NGO", "ngo", "FR", "peace-ngo.example", []),
    ):
        body = {"name": name, "kind": kind, "country": country, "domains": [domain]}
        post(api_client, "/api/organisations", body | {"memberships": memberships})
    for series in ("hand", "other"):
        post(api_client, "/api/series", {"slug": series, "title": f"Series {series}"})
    for n, slug in enumerate(("h1", "h2", "h3", "o1")):
        starts = AHEAD + dt.timedelta(days=7 * n)
        post(
            api_client,
            f"/api/series/{'other' if slug == 'o1' else 'hand'}/sessions",
            {
                "slug": slug,
                "title": slug.upper(),
                "starts_at": starts.isoformat(),
                "ends_at": (starts + dt.timedelta(minutes=90)).isoformat(),
                "status": "published",
            },
        )

    people = (
        (["h1", "h2", "h3"], "Anne Lambert", "anne@liege.example", "Ville de Liège", "BE", "en"),
        (["h1"], "Bram Vogel", "bram@essen.example", "Stadt Essen", "DE", "en"),
        (["h2"], "Chloé Martin", "chloe@peace-ngo.example", "Peace NGO", "FR", "fr"),
        (["h1", "h2"], "Dirk Weber", "dirk@essen.example", "Stadt Essen", "DE", "en"),
        (["h2"], "Eva Jacobs", "eva@liege.example", "Ville de Liège", "BE", "fr"),
    )
    for sessions, name, email, organisation, country, language in people:
        register(
            client, "hand", sessions, name, email,
            organisation=organisation, country=country, language=language,
        )  # fmt: skip
        if name != "Eva Jacobs":  # Eva never clicks her link
            confirm_by_mail(client, email)
    # Wim is known to the directory through another series; he never registers for "hand".
    register(client, "other", ["o1"], "Wim Peeters", "wim@uliege.example",
             organisation="Université de Liège", country="BE")  # fmt: skip
    confirm_by_mail(client, "wim@uliege.example")

    for slug, day in HELD.items():
        held(Session.objects.get(slug=slug), day)
    return api_client


def test_every_figure_of_a_hand_counted_network(network, staff_client, client):
    api = network

    # (a) The organiser, before the network's domain is known: just another unknown guest.
    without = import_file(api, "h1", H1)
    # People in the file: 5. Audience: the organiser, Anne, Bram and the guest (Dirk's 4
    # minutes are below the series' 10). Unmatched: the organiser and the guest.
    assert (without["people"], without["hosts"], without["audience"], without["unmatched"]) == (
        5, 0, 4, 2,
    )  # fmt: skip
    before = report(api)
    assert before["audience"]["per_session"] == [{"session": "h1", "attendees": 4}]
    assert before["attendees"] == 4  # Anne, Bram, and two unmatched keys: guest and organiser
    assert api.delete(f"/api/attendance/imports/{without['import_id']}").status_code == 204
    organiser_domain_add(actor=None, domain="forum.example")
    with_domain = import_file(api, "h1", H1)
    # Now the organiser is on the organising team: 1 host, audience 3 (Anne, Bram, the guest),
    # and only the guest waits in the unmatched queue (staff are never asked about their own).
    assert (
        with_domain["people"], with_domain["hosts"], with_domain["audience"],
        with_domain["unmatched"],
    ) == (5, 1, 3, 1)  # fmt: skip
    h2 = import_file(api, "h2", H2)
    # h2: the organiser (host), Chloé (registered) and Wim, the walk-in known by his email.
    assert (h2["people"], h2["hosts"], h2["audience"]) == (3, 1, 2)
    rows = {slug: attendance(api, slug) for slug in ("h1", "h2")}
    # Unmatched attendees (in the audience, linked to nobody): the guest in h1, none in h2.
    assert [r["email"] for r in rows["h1"].values() if r["person_id"] is None and counted(r)] == [
        "ghost@elsewhere.example"
    ]
    assert not [r for r in rows["h2"].values() if r["person_id"] is None and counted(r)]
    assert rows["h1"]["webconf@forum.example"]["role"] == "host"
    dirk = rows["h1"]["dirk@essen.example"]
    assert (dirk["minutes"], dirk["attended"]) == (4, False) and dirk["registration_id"]
    wim = rows["h2"]["wim@uliege.example"]  # known person, not registered
    assert counted(wim) and wim["person_id"] is not None and wim["registration_id"] is None

    figures = report(api)
    assert figures == {
        "scope": {"kind": "series", "series": "hand", "section": None, "from": None, "until": None},
        # h1, h2, h3: all published (h3 held but without a file).
        "sessions": 3,
        # Confirmed registrations: Anne 3 + Bram 1 + Chloé 1 + Dirk 2 = 7 (Eva's not confirmed).
        "registrations": 7,
        # Anne, Bram, Chloé, Dirk.
        "registrants": 4,
        # Anne, Bram, the guest (one unmatched key), Chloé, Wim. Not Dirk (4 minutes), not the
        # organiser.
        "attendees": 5,
        # h1: Anne, Bram, the guest = 3; h2: Chloé, Wim = 2; h3 has no attendance: left out.
        "audience": {
            "per_session": [{"session": "h1", "attendees": 3}, {"session": "h2", "attendees": 2}],
            "mean": 2.5,
            "median": 2.5,
            "min": 2,
            "max": 3,
        },
        # Represented by registrants: Liège (Anne) and Essen (Bram, Dirk). Liège is a member on
        # the sessions' dates; Essen only from 2021.
        "local_authorities": {
            "represented": 2,
            "members": 1,
            "by_kind": {"local_authority": 2, "regional_authority": 0},
            "members_by_kind": {"local_authority": 1, "regional_authority": 0},
        },
        # Peace NGO (Chloé). ULiège is Wim's, and Wim is no registrant.
        "institutions": {
            "total": 1,
            "members": 0,
            "by_kind": {"public_body": 0, "research": 0, "ngo": 1, "private": 0, "other": 0},
            "members_by_kind": dict.fromkeys(
                ("public_body", "research", "ngo", "private", "other"), 0
            ),
        },
        # BE (Anne), DE (Bram, Dirk), FR (Chloé).
        "countries": 3,
        "by_country": {"DE": 2, "BE": 1, "FR": 1},
        # Every registrant's organisation was found by its email domain.
        "pending_review": 0,
        "represented_by": "registrants",
        # Nobody registered for an earlier session of the network.
        "participants": {"new": 4, "returning": 0},
        # Anne only (Liège).
        "member_registrants": 1,
        "members_share": 0.25,
        # Chloé writes French; Anne, Bram and Dirk English.
        "languages": {"en": 3, "fr": 1},
        "topics": [],
    }
    assert list(figures["by_country"]) == ["DE", "BE", "FR"]  # largest first

    # Eva's registration is shown apart on the page, not counted.
    page = staff_client.get("/staff/reports/", {"series": "hand"}).content.decode()
    assert "Awaiting confirmation: 1 registration" in page

    # (b) Represented by attendees: Wim's walk-in brings ULiège (research, BE) in; Dirk, who
    # did not stay long enough, no longer counts for Germany; the guest represents nothing.
    by_attendees = report(api, represented="attendees")
    assert {key: by_attendees[key] for key in SWITCHED} == {
        "represented_by": "attendees",
        # Liège (Anne) and Essen (Bram): the same two, Liège the member.
        "local_authorities": figures["local_authorities"],
        "institutions": {
            "total": 2,  # Peace NGO (Chloé) and ULiège (Wim)
            "members": 0,
            "by_kind": {"public_body": 0, "research": 1, "ngo": 1, "private": 0, "other": 0},
            "members_by_kind": figures["institutions"]["members_by_kind"],
        },
        "countries": 3,
        "by_country": {"BE": 2, "DE": 1, "FR": 1},  # Anne and Wim; Bram; Chloé
        "pending_review": 0,
    }
    # The switch changes organisations and countries only.
    assert {k: v for k, v in by_attendees.items() if k not in SWITCHED} == {
        k: v for k, v in figures.items() if k not in SWITCHED
    }

    # (c) Eva confirms by her link: one more registrant and registration, none awaiting.
    confirm_by_mail(client, "eva@liege.example")
    confirmed = report(api)
    assert (confirmed["registrants"], confirmed["registrations"]) == (5, 8)
    assert confirmed["languages"] == {"en": 3, "fr": 2}
    assert (confirmed["member_registrants"], confirmed["members_share"]) == (2, 0.4)  # +Eva
    assert confirmed["audience"] == figures["audience"]  # she did not attend
    page = staff_client.get("/staff/reports/", {"series": "hand"}).content.decode()
    assert "Awaiting confirmation: 0 registrations" in page
