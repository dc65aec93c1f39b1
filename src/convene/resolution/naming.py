"""Readable names for the organisations resolution creates.

A funder reads "Comune di Napoli", not "Polizia Municipale di Napoli" nor "Ayto. Madrid".
From the segment of the text that names the organisation (the engine's best reading):

- a municipal department ("Městská policie Plzeň", "Straż Miejska w Poznaniu") names its
  city: the name is the country's own form for the municipality ("Statutární město Plzeň",
  "Miasto Poznań"), so every department of one city gives one name;
- a designator with its town ("Stadt Essen, Ordnungsamt", "Comune di Torino Polizia
  Municipale") keeps the designator and the town, and drops what follows;
- known abbreviations are written out for the country ("Ayto." -> "Ayuntamiento de",
  "Gem." -> "Gemeente" or "Gemeinde", "CM" -> "Câmara Municipal de", "Univ." ->
  "Universität" or "Université"...), and a town typed in an inflected or foreign form
  ("Plzně", "Poznaniu") is given the country's form instead;
- anything else keeps its segment as typed, abbreviations written out;
- a text with no organisation word and no town gets no name (None): staff name it.

Greek and Cyrillic stay in their own script; the directory keeps a Latin alias (see
:func:`convene.resolution.translit.romanise`). The typed text itself is kept as an alias
by the caller, so the next registrant who types it is matched.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from convene.resolution.analysis import Analysis
from convene.resolution.gazetteer import Gazetteer, Place
from convene.resolution.kinds import scan, typo_of_cue
from convene.resolution.lexicon import CUES
from convene.resolution.normalise import CONNECTORS, fold, umlaut_spelling

__all__ = ["readable_name"]

_SPLIT = re.compile(r"\s+[-\u2013\u2014]+\s+|[\u2013\u2014,;/|()\[\]:>\n\t]+|(?<=[^\W\d_]{5})\.\s+")
_BIG_TOWN = 50_000
_ROMANIAN_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")
_SAME_NAME = 75  # rapidfuzz ratio above which a typed form is the town's own name bent

# The country's own name for a municipality, "{}" being the town. Where the language
# bends the town's name after the designator (Finnish, Lithuanian, Latvian, Swedish,
# Danish, Norwegian) there is no template: the typed form is kept.
_TEMPLATES: dict[str, tuple[str, str]] = {  # country -> (small town, big town)
    "FR": ("Ville de {}", "Ville de {}"),
    "LU": ("Ville de {}", "Ville de {}"),
    "MC": ("Mairie de {}", "Mairie de {}"),
    "DE": ("Stadt {}", "Stadt {}"),
    "AT": ("Stadt {}", "Stadt {}"),
    "NL": ("Gemeente {}", "Gemeente {}"),
    "IT": ("Comune di {}", "Comune di {}"),
    "ES": ("Ayuntamiento de {}", "Ayuntamiento de {}"),
    "PT": ("Câmara Municipal de {}", "Câmara Municipal de {}"),
    "PL": ("Miasto {}", "Miasto {}"),
    "CZ": ("Město {}", "Statutární město {}"),
    "SK": ("Mesto {}", "Mesto {}"),
    "HU": ("{} Önkormányzata", "{} Megyei Jogú Város Önkormányzata"),
    "RO": ("Primăria {}", "Primăria Municipiului {}"),
    "SI": ("Občina {}", "Mestna občina {}"),
    "HR": ("Grad {}", "Grad {}"),
    "GB": ("{} Council", "{} City Council"),
    "IE": ("{} County Council", "{} City Council"),
    "MT": ("{} Local Council", "{} Local Council"),
    "GR": ("Δήμος {}", "Δήμος {}"),
    "CY": ("Δήμος {}", "Δήμος {}"),
    "BG": ("Община {}", "Община {}"),
    "RS": ("Град {}", "Град {}"),
}
_LATIN_TEMPLATES = {"GR": "Dimos {}", "CY": "Dimos {}", "BG": "Obshtina {}", "RS": "Grad {}"}

_UNIVERSITY: dict[str, str | None] = {
    "DE": "Universität", "AT": "Universität", "CH": "Universität", "FR": "Université",
    "BE": "Université", "LU": "Université", "IT": "Università", "ES": "Universidad",
    "PT": "Universidade", "NL": "Universiteit", "PL": "Uniwersytet", "CZ": "Univerzita",
    "SK": "Univerzita", "RO": "Universitatea", "HR": "Sveučilište", "SI": "Univerza",
    "*": "University",
}  # fmt: skip
# folded abbreviation -> country -> words it stands for; None: use the country's template.
_ABBREVIATIONS: dict[str, dict[str, str | None]] = {
    "ayto": {"ES": "Ayuntamiento de"},
    "aytmo": {"ES": "Ayuntamiento de"},
    "aj": {"ES": "Ajuntament de"},
    "ajunt": {"ES": "Ajuntament de"},
    "gem": {"NL": "Gemeente", "BE": "Gemeente", "DE": "Gemeinde", "AT": "Gemeinde"},
    "cm": {"PT": "Câmara Municipal de", "GB": "City Council"},
    "lh": {"DE": "Landeshauptstadt", "AT": "Landeshauptstadt"},
    "lhs": {"DE": "Landeshauptstadt"},
    "um": {"PL": None},
    "mo": {"SI": "Mestna občina"},
    "cc": {"GB": "City Council", "IE": "City Council"},
    "mbc": {"GB": "Metropolitan Borough Council"},
    "mjv": {"HU": "Megyei Jogú Város"},
    "univ": _UNIVERSITY,
    "uni": _UNIVERSITY,
    "bayer": {"DE": "Bayerisches"},
    "min": {"FR": "Ministère", "IT": "Ministero", "ES": "Ministerio", "PT": "Ministério"},
    "sr": {"SK": "Slovenskej republiky"},
    "cr": {"CZ": "České republiky"},
    "assoc": {"FR": "Association", "BE": "Association", "*": "Association"},
    "inst": {"DE": "Institut", "FR": "Institut", "*": "Institute"},
}
_DESIGNATOR_ROLES = ("designator", "weak")


def _expand(token: str, country: str | None, following: str) -> str | None:
    """The written-out form of an abbreviation, "" to keep the token, None for a template."""
    folded = fold(token)
    forms = _ABBREVIATIONS.get(folded)
    if forms is None or not (token.endswith(".") or token.isupper() or len(token) <= 5):
        meant = typo_of_cue(folded) if token.isascii() and folded not in CUES else None
        if meant is not None and CUES[meant].role == "designator":
            return meant.capitalize() if token[:1].isupper() else meant  # "Ayuntamineto"
        return ""
    if country in forms:
        form = forms[country]
    elif "*" in forms:
        form = forms["*"]
    else:
        return ""
    if form is None:
        return None
    words = form.split()
    if words[-1] in CONNECTORS and fold(following) in CONNECTORS:
        return " ".join(words[:-1])
    return form


def _segment_tokens(text: str, segment: str) -> list[str]:
    """The raw words of the part of ``text`` whose folded form is ``segment`` (parts cut by
    separators, joined again where the engine joined them)."""
    parts = [p for p in _SPLIT.split(text) if p and fold(p)]
    for i in range(len(parts)):
        joined = ""
        for j in range(i, len(parts)):
            joined = f"{joined} {fold(parts[j])}".strip()
            if joined == segment:
                return " ".join(parts[i : j + 1]).split()
            if len(joined) >= len(segment):
                break
    return text.split()


class _Towns:
    """How to write a town: as typed when that is one of its names, else its name closest
    to what was typed ("Poznaniu" -> Poznań, "Napolli" -> Napoli), in the gazetteer's
    spelling when that is the one."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def is_name(self, place: Place, typed: list[str]) -> bool:
        key = fold(" ".join(typed))
        return bool(key) and any(
            p.geonameid == place.geonameid for p in self.gazetteer.lookup(key, frozenset())
        )

    def write(self, place: Place, typed: list[str]) -> str:
        name = self._write(place, typed)
        if place.country in ("RO", "MD"):  # GeoNames writes Romanian with cedillas
            name = name.translate(_ROMANIAN_COMMA)
        return name

    def _write(self, place: Place, typed: list[str]) -> str:
        words = [t.strip(".,") for t in typed]
        key = fold(" ".join(words))
        own = fold(place.name), umlaut_spelling(place.name)
        if words and self.is_name(place, words):
            # "Timisoara", "Muelheim": the gazetteer's spelling when it is the same name.
            return place.name if key in own else " ".join(words)
        if not key or fuzz.ratio(own[0], key) >= _SAME_NAME:
            return place.name  # "Poznaniu", "Plzně": the town's own name
        names = self.gazetteer.names_of(place)
        closest = max(names, key=lambda n: fuzz.ratio(n, key))
        return " ".join(w.capitalize() for w in closest.split())


# Countries of several languages: the template of the language the text is written in.
_LANGUAGE_TEMPLATES: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "CH": (
        (frozenset("stadt stadtpolizei polizei ordnungsamt gemeinde amt".split()), "Stadt {}"),
        (frozenset("ville police commune municipale service".split()), "Ville de {}"),
        (frozenset("citta comune polizia municipio".split()), "Città di {}"),
    ),
    "BE": (
        (frozenset("stad gemeente politie dienst preventie lokale".split()), "Stad {}"),
        (frozenset("ville police commune service communale".split()), "Ville de {}"),
        (frozenset("stadt gemeinde polizei".split()), "Stadt {}"),
    ),
}


def _language_template(country: str, words: set[str]) -> str | None:
    for vocabulary, template in _LANGUAGE_TEMPLATES.get(country, ()):
        if words & vocabulary:
            return template
    return None


def _template(
    place: Place, typed: list[str], script_typed: bool, towns: _Towns, words: set[str]
) -> str | None:
    if place.country in _LANGUAGE_TEMPLATES:
        by_language = _language_template(place.country, words)
        return by_language.format(towns.write(place, typed)) if by_language else None
    forms = _TEMPLATES.get(place.country)
    if forms is None:
        return None
    template = forms[1] if place.population >= _BIG_TOWN else forms[0]
    if place.country in _LATIN_TEMPLATES and not script_typed:
        template = _LATIN_TEMPLATES[place.country]
        return template.format(towns.write(place, typed))
    if place.country in _LATIN_TEMPLATES:
        return template.format(" ".join(typed)) if typed else None
    return template.format(towns.write(place, typed))


def _town_run(
    tokens: list[str], folded: list[str], cue_tokens: set[int], place: Place, towns: _Towns
) -> list[int]:
    """Positions of the words naming the town: the run of words outside cues (connectors
    inside it kept: "Mülheim an der Ruhr") that names the place, else the first run."""
    runs: list[list[int]] = [[]]
    for i, f in enumerate(folded):
        if i in cue_tokens or not f:
            runs.append([])
        elif f in CONNECTORS and not runs[-1]:
            continue
        else:
            runs[-1].append(i)
    trimmed = []
    for run in runs:
        while run and folded[run[-1]] in CONNECTORS:
            run = run[:-1]
        if run:
            trimmed.append(run)
    for run in trimmed:
        # "Roma Capitale": the longest start of the run that is the town's name.
        for end in range(len(run), 0, -1):
            if towns.is_name(place, [tokens[i].strip(".,") for i in run[:end]]):
                return run[:end]
    return trimmed[0] if trimmed else []


def _municipal(tokens: list[str], place: Place, country: str, towns: _Towns) -> str | None:
    folded = [fold(t) for t in tokens]
    words: list[str] = []
    owner: list[int] = []
    for i, f in enumerate(folded):
        for w in f.split():
            words.append(w)
            owner.append(i)
    hits = scan(words)
    cue_tokens = {owner[k] for h in hits for k in range(h.start, h.end)}
    rest = _town_run(tokens, folded, cue_tokens, place, towns)
    typed = [tokens[i] for i in rest]
    script_typed = any("\u0370" <= ch <= "\u04ff" for t in typed for ch in t)
    designators = [h for h in hits if h.cue.role in _DESIGNATOR_ROLES]
    own_language = [h for h in designators if place.country in h.cue.countries]
    nominative = bool(typed) and towns.is_name(place, [t.strip(".,") for t in typed])
    template = _template(place, typed, script_typed, towns, set(words))
    # A department, a designator in another language ("Essen city council"), or a town
    # bent by a designator whose country writes several forms: the country's own form.
    keep = own_language and (nominative or place.country in _LATIN_TEMPLATES)
    if template is not None and not keep and place.country not in _LATIN_TEMPLATES:
        return template
    if not designators:
        return template or f"City of {place.name}"
    # A designator with its town: keep both, written out, and nothing after the town.
    first = owner[designators[0].start]
    last = max(owner[designators[-1].end - 1], max(rest) if rest else first)
    start = min(first, min(rest) if rest else first)
    span = tokens[start : last + 1]
    out: list[str] = []
    town = set(rest)
    for k, token in enumerate(span):
        if start + k in town:
            if start + k == rest[0]:
                # "Muenster" -> "Münster": the town in its own spelling when it is the same.
                own = nominative and not script_typed
                out.append(towns.write(place, typed) if own else " ".join(typed))
            continue
        following = span[k + 1] if k + 1 < len(span) else ""
        form = _expand(token, country, following)
        if form is None:
            return template or f"City of {place.name}"
        out.append(form or token)
    return " ".join(out)


def _has_designator(tokens: list[str]) -> bool:
    words = " ".join(fold(t) for t in tokens).split()
    return any(h.cue.role in ("designator", "metro") for h in scan(words))


def readable_name(
    text: str,
    best: Analysis,
    kind: str,
    country: str | None,
    gazetteer: Gazetteer,
    place: Place | None = None,
) -> str | None:
    """The name to create a new organisation under, or None when there is none to tell.
    ``place`` is the town when the email domain, not the text, named it ("Police
    municipale" from toulon.fr is "Ville de Toulon")."""
    tokens = _segment_tokens(text, best.segment)
    place = best.place or place
    if kind == "local_authority" and place is not None and not best.metro:
        return _municipal(tokens, place, country or place.country, _Towns(gazetteer))
    if best.kind is None and best.place is None:
        return None
    if kind == "local_authority" and best.place is None and not _has_designator(tokens):
        return None  # "Poliția Locală Sector 3": a department, but of which town?
    out: list[str] = []
    for k, token in enumerate(tokens):
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        form = _expand(token, country, following)
        out.append(form or token)
    name = " ".join(out).strip(" .,-")
    return name[:1].upper() + name[1:] if name else None
