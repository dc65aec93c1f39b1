"""Make sense of display names: "Name (Original Name)", "iPhone (Marie Dupont)", "(Host)".

Zoom appends the account's original name in parentheses after a renamed participant, phones
join as "iPhone (Marie Dupont)", Teams marks guests "(EXT)", and people add pronouns
"(she/her)". Parentheses therefore mean different things; this module tells them apart so
that merging and matching see the person's name, not the device or the badge.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

HOST_WORDS = {
    "host", "co-host", "cohost", "alternate host", "alternative host", "hote", "co-hote",
    "coorganisateur",
    "gastgeber", "co-gastgeber", "mitveranstalter", "organizer", "organiser", "co-organizer",
    "organisateur", "organisatrice", "co-organisateur", "organisator", "mitorganisator",
    "organizzatore", "co-organizzatore", "organizador", "coorganizador", "moderator",
    "moderateur", "moderatore", "moderador", "anfitrion", "coanfitrion", "co-anfitrion",
    "anfitriao", "coanfitriao", "co-anfitriao", "organizator", "wspołorganizator",
    "gospodarz", "wspołgospodarz", "vard", "medvard",
    "ведущии", "организатор", "ホスト", "共同ホスト", "主持人", "联席主持人",
    "호스트", "공동 호스트",
}  # fmt: skip
_BADGE_MARKERS = {
    "ext", "external", "externe", "extern", "esterno", "externo", "guest", "gast",
    "invite", "invitee", "ospite", "invitado", "unverified", "non verifie", "me", "moi",
}  # fmt: skip
_PRONOUNS = re.compile(r"^[^\W\d_]{1,5}(?:\s*/\s*[^\W\d_]{1,5}){1,2}$")
_DEVICE = re.compile(
    r"^(?:iphone|ipad|ipod|android|galaxy|samsung|pixel|huawei|xiaomi|redmi|oneplus|"
    r"mac(?:book)?|windows|pc|laptop|tablet|phone|telephone|telefon|telefono|"
    r"sm-\w+|moto\b|nokia|lenovo)\b[\w\s'’-]*$",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")
NON_PEOPLE = frozenset(
    {"anonymous", "anonyme", "anonym", "anonimo", "anonima", "anoniem", "anonymous user"}
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent-free, case-free text, so "Gerència" and "GERENCIA" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """A key that ignores case, accents, punctuation and word order ("Becker, Hans")."""
    tokens = re.findall(r"\w+", fold(text))
    return " ".join(sorted(tokens))


@dataclass(frozen=True, slots=True)
class DisplayName:
    name: str
    original_name: str | None
    host_marker: bool
    device: bool


@lru_cache(maxsize=65536)
def split_display_name(raw: str) -> DisplayName:
    """Split a display name into the person's name, an original name and the badges.

    "Jordi Puig (Jordi Puig i Serra)" -> name "Jordi Puig", original "Jordi Puig i Serra";
    "iPhone (Marie Dupont)" -> name "Marie Dupont" (the device is not a person);
    "Forum Secretariat (Host)" -> name "Forum Secretariat", host marker;
    "priya (she/her)" -> name "priya".
    """
    base = " ".join(raw.split())
    original: str | None = None
    host = False
    for _ in range(4):
        match = _TRAILING_PAREN.match(base)
        if not match or not match.group(1):
            break
        inner = " ".join(match.group(2).split())
        folded = fold(inner).strip(" .")
        if folded in HOST_WORDS:
            host = True
        elif folded in _BADGE_MARKERS or _PRONOUNS.match(inner) or not inner:
            pass
        elif original is None:
            original = inner
        else:
            break
        base = match.group(1).strip()
    if original and _DEVICE.match(base):
        return DisplayName(natural_order(original), None, host, True)
    if original and name_key(original) == name_key(base):
        original = None
    return DisplayName(natural_order(base or raw.strip()), original, host, False)


def _caps(token: str) -> bool:
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def natural_order(name: str) -> str:
    """Given name first, as people are addressed: "Becker, Hans" -> "Hans Becker",
    "DUPONT Marie" -> "Marie Dupont" (the French and Belgian upper-case surname habit).

    Only these two unambiguous conventions are turned round; anything else is kept as
    written. Merging and matching ignore word order anyway; this is for display.
    """
    if name.count(",") == 1 and not any(ch.isdigit() for ch in name):
        family, given = (part.strip() for part in name.split(","))
        if family and given and len(given.split()) <= 2:
            return f"{given} {family}"
        return name
    tokens = name.split()
    surname: list[str] = []
    for token in tokens:
        if not _caps(token):
            break
        surname.append(token)
    rest = tokens[len(surname) :]
    letters = sum(ch.isalpha() for token in surname for ch in token)
    if letters >= 3 and rest and all(t[:1].isupper() and not _caps(t) for t in rest):
        return " ".join([*rest, *(token.title() for token in surname)])
    return name


def is_non_person(name: str) -> bool:
    """Rows such as BigBlueButton's "Anonymous" poll voter are not people."""
    return fold(name).strip() in NON_PEOPLE


def upn_email(upn: str) -> str | None:
    """The guest's own address hidden in a Teams external UPN.

    ``marie.dupont_mairie-bordeaux.example#EXT#@forum.example`` is Marie's
    ``marie.dupont@mairie-bordeaux.example``; an ordinary UPN is returned as it is.
    """
    value = upn.strip()
    if "@" not in value:
        return None
    local = value.split("@", 1)[0]
    if "#ext#" in local.casefold():
        inner = local[: local.casefold().index("#ext#")]
        if "_" not in inner:
            return None
        head, _, domain = inner.rpartition("_")
        return f"{head}@{domain}".lower() if head and "." in domain else None
    return value.lower()


_EMAIL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")


def clean_email(text: str) -> str | None:
    """A lower-cased address, or ``None`` for blanks and placeholders such as ``--``."""
    value = text.strip().strip("<>").lower()
    return value if _EMAIL.match(value) else None
