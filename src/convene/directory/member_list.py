"""Reading a member list: its columns as people head them, and each row checked into plain data.

No writes and no reads of the directory: ``convene.directory.services.member_import`` plans
and writes. Headers are matched in their folded form, so "Member from", "member_from",
"MEMBER FROM" and the French "Membre depuis" all name the same column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from convene.core.tables import Table, country_code_of, match_columns, parse_day
from convene.directory.models import OrganisationKind
from convene.resolution.normalise import fold

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "organisation",
        "organization",
        "organisation name",
        "organization name",
        "member",
        "nom",
        "organisme",
        "nom de l'organisation",
        "nom de la collectivite",
        "nom de la structure",
        "collectivite",
        "adherent",
        "name der organisation",
        "organisation (name)",
        "mitglied",
        "kommune",
    ),
    "kind": (
        "kind",
        "type",
        "category",
        "organisation kind",
        "type d'organisation",
        "type de structure",
        "type de collectivite",
        "categorie",
        "typ",
        "art",
        "art der organisation",
        "kategorie",
    ),
    "country": (
        "country",
        "country code",
        "pays",
        "code pays",
        "pays (code iso)",
        "land",
        "landercode",
        "staat",
    ),
    "domains": (
        "domains",
        "domain",
        "email domains",
        "email domain",
        "domaines",
        "domaine",
        "domaines email",
        "domaines de messagerie",
        "domaine(s)",
        "domaines e-mail",
        "e-mail-domains",
        "e-mail-domanen",
        "domanen",
        "domains (e-mail)",
    ),
    "aliases": (
        "aliases",
        "alias",
        "other names",
        "also known as",
        "autres noms",
        "noms",
        "autres appellations",
        "aliase",
        "andere namen",
        "weitere namen",
    ),
    "member_from": (
        "member from",
        "member since",
        "membership start",
        "from",
        "membre depuis",
        "membre du",
        "membre a partir du",
        "debut d'adhesion",
        "adhesion",
        "date d'adhesion",
        "adherent depuis",
        "debut de l'adhesion",
        "mitglied seit",
        "mitglied ab",
        "mitgliedschaft ab",
        "mitgliedschaft von",
        "beginn der mitgliedschaft",
        "beitritt",
    ),
    "member_until": (
        "member until",
        "member to",
        "membership end",
        "until",
        "membre jusqu'au",
        "membre jusqu'a",
        "membre au",
        "fin d'adhesion",
        "fin de l'adhesion",
        "date de fin d'adhesion",
        "adherent jusqu'au",
        "mitglied bis",
        "mitgliedschaft bis",
        "ende der mitgliedschaft",
        "austritt",
    ),
}

#: Words people write for each kind (folded), besides the codes and the labels.
_KIND_WORDS = {
    "local_authority": (
        "local authority",
        "city",
        "municipality",
        "town",
        "collectivite locale",
        "ville",
        "commune",
        "municipalite",
        "gemeinde",
        "stadt",
        "kommune",
        "stadtverwaltung",
        "kommunalverwaltung",
    ),
    "regional_authority": (
        "regional authority",
        "region",
        "province",
        "county",
        "collectivite regionale",
        "departement",
        "landkreis",
        "kreis",
        "bundesland",
        "regionalverwaltung",
    ),
    "public_body": (
        "public body",
        "public institution",
        "organisme public",
        "etablissement public",
        "behorde",
        "offentliche einrichtung",
    ),
    "research": ("research", "university", "recherche", "universite", "forschung", "universitat"),
    "ngo": ("ngo", "non governmental organisation", "association", "ong", "verein"),
    "private": (
        "private",
        "private sector",
        "company",
        "prive",
        "secteur prive",
        "entreprise",
        "unternehmen",
        "privatwirtschaft",
    ),
    "other": ("other", "autre", "sonstige", "andere"),
}


def kind_of(text: str) -> str:
    """The kind's code for what a member list says, or ``""`` when unknown."""
    key = fold(text)
    if not key:
        return ""
    for code, words in _KIND_WORDS.items():
        if key == fold(code) or key in words:
            return code
    for code, label in OrganisationKind.choices:
        if key == fold(str(label)):
            return code
    return ""


_LIST_SPLIT = re.compile(r"[;|\n]")


def split_list(text: str, *, commas: bool = False) -> list[str]:
    parts = re.split(r"[;|\n,]" if commas else _LIST_SPLIT, text)
    return [" ".join(p.split()) for p in parts if p.strip()]


@dataclass(frozen=True)
class MemberRow:
    line: int
    name: str
    kind: str
    country: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    member_from: dt.date | None = None
    member_until: dt.date | None = None


@dataclass
class ParsedList:
    rows: list[MemberRow] = field(default_factory=list)
    #: (line, message): the rows that cannot be imported as they are.
    errors: list[tuple[int, str]] = field(default_factory=list)


def missing_columns(columns: dict[str, int]) -> list[str]:
    return [name for name in ("name", "kind", "country") if name not in columns]


def parse_member_list(table: Table) -> ParsedList:
    """Check every row; collect one error per bad row with its line number."""
    columns = match_columns(table.headers, COLUMNS)
    parsed = ParsedList()
    missing = missing_columns(columns)
    if missing:
        parsed.errors.append(
            (
                1,
                _("The file has no %(columns)s column (found: %(found)s).")
                % {"columns": ", ".join(missing), "found": ", ".join(table.headers)},
            )
        )
        return parsed
    seen: dict[tuple[str, str], int] = {}
    for line, cells in table.rows:

        def get(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index].strip() if index is not None else ""

        try:
            row = _row(line, get)
        except ValueError as exc:
            parsed.errors.append((line, str(exc)))
            continue
        key = (fold(row.name), row.country)
        if key in seen:
            parsed.errors.append(
                (
                    line,
                    _("%(name)s is already on line %(line)d.")
                    % {"name": row.name, "line": seen[key]},
                )
            )
            continue
        seen[key] = line
        parsed.rows.append(row)
    return parsed


def _row(line: int, get: Callable[[str], str]) -> MemberRow:
    name = " ".join(get("name").split())
    if not name:
        raise ValueError(_("The organisation's name is empty."))
    kind = kind_of(get("kind"))
    if not kind:
        raise ValueError(
            _("Unknown kind “%(kind)s”; use one of %(kinds)s.")
            % {"kind": get("kind"), "kinds": ", ".join(OrganisationKind.values)}
        )
    country = country_code_of(get("country"))
    if not country:
        raise ValueError(_("Unknown country “%(country)s”.") % {"country": get("country")})
    member_from = member_until = None
    try:
        if get("member_from"):
            member_from = parse_day(get("member_from"))
        if get("member_until"):
            member_until = parse_day(get("member_until"), end_of_year=True)
    except ValueError as exc:
        raise ValueError(
            _("“%(date)s” is not a date; write 2021-03-31 or 31/03/2021.") % {"date": str(exc)}
        ) from exc
    if member_until and not member_from:
        raise ValueError(_("A member until date needs a member from date."))
    if member_from and member_until and member_until < member_from:
        raise ValueError(_("The membership ends before it starts."))
    return MemberRow(
        line=line,
        name=name,
        kind=kind,
        country=country,
        aliases=tuple(split_list(get("aliases"))),
        domains=tuple(d.lower().lstrip("@") for d in split_list(get("domains"), commas=True)),
        member_from=member_from,
        member_until=member_until,
    )
