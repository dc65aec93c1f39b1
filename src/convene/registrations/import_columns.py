"""Reading a registration list from another tool: its columns, detected from the headers that
Eventbrite's attendee report, Zoom's registration report (webinar and meeting), a Google Forms
sheet, a CiviCRM participant export, a Microsoft Forms export or a Teams webinar's registrant
list use (each tool's header row is in docs/imports.md and tested in
tests/registrations/test_import_headers.py), and each row checked into plain data. No writes;
the import service is ``convene.registrations.services.imports``.

Staff can change the detected mapping in the preview (field → column header).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from convene.core.tables import Table, country_code_of, header_key, match_columns, parse_day
from convene.programme.models import Session
from convene.resolution.normalise import fold

#: Fields of a registration, with the headers that name them (folded when compared).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "full name",
        "display name",
        "participant name",
        "attendee name",
        "your name",
        "registrant name",
        "name (original name)",
        "nom",
        "nom complet",
        "nom et prenom",
        "prenom et nom",
        "votre nom",
        "vollstandiger name",
    ),
    "first_name": (
        "first name",
        "given name",
        "first",
        "firstname",
        "buyer first name",
        "prenom",
        "votre prenom",
        "vorname",
    ),
    "last_name": (
        "last name",
        "surname",
        "family name",
        "last",
        "lastname",
        "buyer last name",
        "nom de famille",
        "nachname",
    ),
    "email": (
        "email",
        "email address",
        "e-mail",
        "e-mail address",
        "attendee email",
        "email address (primary)",
        "your email",
        "your email address",
        "work email",
        "buyer email",
        "adresse email",
        "adresse e-mail",
        "adresse electronique",
        "courriel",
        "votre adresse e-mail",
        "e-mail-adresse",
        "e-mail adresse",
    ),
    "organisation": (
        "organisation",
        "organization",
        "company",
        "company name",
        "current employer",
        "employer",
        "institution",
        "your organisation",
        "your organization",
        "organisation name",
        "organization name",
        "company / organization",
        "organisme",
        "structure",
        "etablissement",
        "votre organisation",
        "organisation / structure",
        "organisation/entreprise",
        "arbeitgeber",
        "organisation (firma)",
        "firma",
    ),
    "country": (
        "country",
        "country/region",
        "country/region name",
        "home country",
        "work country",
        "country/region of residence",
        "pays",
        "land",
    ),
    "language": ("language", "preferred language", "langue", "langue preferee", "sprache"),
    "job_title": (
        "job title",
        "position",
        "function",
        "fonction",
        "poste",
        "position/funktion",
        "funktion",
    ),
    "sessions": (
        "sessions",
        "session",
        "session slug",
        "event",
        "event name",
        "event title",
        "event date",
        "event start date",
        "event start date/time",
        "topic",
        "webinar",
        "webinar date",
        "date",
        "which sessions",
        "sessions choisies",
        "seances",
        "webinaire",
    ),
    "status": (
        "approval status",
        "participant status",
        "attendee status",
        "registration status",
        "status",
        "statut",
    ),
}

FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("Email"),
    "organisation": gettext_lazy("Organisation"),
    "country": gettext_lazy("Country"),
    "language": gettext_lazy("Language"),
    "job_title": gettext_lazy("Job title"),
    "sessions": gettext_lazy("Sessions (slug, date or title)"),
    "status": gettext_lazy("Status (cancelled or denied rows are left out)"),
}

#: Statuses (folded) that mean the person is not registered: the row is left out.
_NOT_REGISTERED = {
    "denied",
    "cancelled",
    "canceled",
    "rejected",
    "refunded",
    "declined",
    "no show refunded",
    "not attending",
    "deleted",
    "transferred",
    "expired",
    "pending approval",
    "pendingapproval",
    "rejected by organizer",
    "rejectedbyorganizer",
    "waitlisted",
    "waitlist",
    "on waitlist",
    "blocked",
    "annule",
    "annulee",
    "refuse",
}

_LANGUAGES = {
    "en": "en",
    "english": "en",
    "anglais": "en",
    "fr": "fr",
    "french": "fr",
    "francais": "fr",
}


def detect_mapping(headers: list[str]) -> dict[str, str]:
    """field → header, from the headers' folded forms."""
    return {name: headers[i] for name, i in match_columns(headers, COLUMNS).items()}


def is_header_row(cells: list[str]) -> bool:
    """Does this row name the registrants' columns (an email column and a name column)? Used
    to skip the lines about the meeting that open Zoom's reports."""
    found = match_columns(cells, {k: COLUMNS[k] for k in ("email", "name", "first_name")})
    return "email" in found and len(found) >= 2


def mapping_problem(mapping: dict[str, str], headers: list[str]) -> str:
    """Why this mapping cannot be imported, or ``""``."""
    keys = {header_key(h) for h in headers}
    unknown = [h for h in mapping.values() if h and header_key(h) not in keys]
    if unknown:
        return _("The file has no column %(column)s.") % {"column": unknown[0]}
    if not mapping.get("email"):
        return _("Choose the column that holds the email address.")
    if not (mapping.get("name") or mapping.get("first_name") or mapping.get("last_name")):
        return _("Choose the column that holds the name.")
    return ""


@dataclass(frozen=True)
class RegistrationRow:
    line: int
    name: str
    email: str
    organisation: str
    country: str
    language: str
    job_title: str
    sessions: tuple[int, ...]


@dataclass
class ParsedRegistrations:
    rows: list[RegistrationRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    #: Lines left out because their status says the person was not registered.
    left_out: list[int] = field(default_factory=list)


class SessionFinder:
    """A session of the series from what a file says: its slug, its day, or its title."""

    def __init__(self, sessions: list[Session]) -> None:
        self.sessions = sessions
        self.by_slug = {s.slug.lower(): s for s in sessions}
        self.by_title = {fold(str(s.title)): s for s in sessions}
        self.by_day: dict[dt.date, list[Session]] = {}
        for s in sessions:
            self.by_day.setdefault(s.starts_at.astimezone(s.zone).date(), []).append(s)

    def find(self, text: str) -> Session:
        value = text.strip()
        if value.lower() in self.by_slug:
            return self.by_slug[value.lower()]
        if fold(value) in self.by_title:
            return self.by_title[fold(value)]
        day_text = re.split(r"[ T]", value, maxsplit=1)[0]
        try:
            day = parse_day(day_text)
        except ValueError:
            day = None
        if day is not None and len(day_text) > 4:
            found = self.by_day.get(day, [])
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValueError(
                    _("Several sessions of the series are on %(day)s; use their slugs.")
                    % {"day": day.isoformat()}
                )
        raise ValueError(_("No session of this series matches “%(value)s”.") % {"value": value})

    def split(self, cell: str) -> list[Session]:
        if not cell.strip():
            if len(self.sessions) == 1:
                return [self.sessions[0]]
            raise ValueError(_("The row names no session."))
        try:
            return [self.find(cell)]  # a title may contain commas
        except ValueError:
            pass
        parts = [p for p in re.split(r"[;|\n,]", cell) if p.strip()]
        return [self.find(p) for p in parts]


def parse_registrations(
    table: Table, mapping: dict[str, str], sessions: list[Session]
) -> ParsedRegistrations:
    """Check every row with ``mapping``; one error per bad row, with its line."""
    index = {header_key(h): i for i, h in enumerate(table.headers)}
    columns = {f: index[header_key(h)] for f, h in mapping.items() if h and header_key(h) in index}
    finder = SessionFinder(sessions)
    parsed = ParsedRegistrations()
    for line, cells in table.rows:

        def get(name: str, cells: list[str] = cells) -> str:
            i = columns.get(name)
            return cells[i].strip() if i is not None else ""

        if fold(get("status")) in _NOT_REGISTERED:
            parsed.left_out.append(line)
            continue
        name = get("name") or " ".join(p for p in (get("first_name"), get("last_name")) if p)
        if get("name") and get("first_name") and fold(get("first_name")) not in fold(name):
            name = f"{get('first_name')} {name}"  # French forms: "Prénom" and "Nom"
        email = get("email")
        try:
            if not email or "@" not in email:
                raise ValueError(_("“%(email)s” is not an email address.") % {"email": email})
            if not name:
                raise ValueError(_("The name is empty."))
            country = ""
            if get("country"):
                country = country_code_of(get("country"))
                if not country:
                    raise ValueError(
                        _("Unknown country “%(country)s”.") % {"country": get("country")}
                    )
            language = _LANGUAGES.get(fold(get("language")), "") if get("language") else "en"
            if not language:
                raise ValueError(
                    _("Unknown language “%(language)s”; write en or fr.")
                    % {"language": get("language")}
                )
            found = finder.split(get("sessions"))
        except ValueError as exc:
            parsed.errors.append((line, str(exc)))
            continue
        parsed.rows.append(
            RegistrationRow(
                line=line,
                name=name,
                email=email,
                organisation=get("organisation"),
                country=country,
                language=language,
                job_title=get("job_title"),
                sessions=tuple(dict.fromkeys(s.pk for s in found)),
            )
        )
    return parsed
