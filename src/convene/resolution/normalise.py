"""Text normalisation shared by the gazetteer, the directory index and the engine.

Everything that is compared is first *folded*: Unicode-normalised, Greek and Cyrillic
romanised by their countries' official systems (:mod:`.translit`), anything else
transliterated to ASCII with anyascii (unidecode is GPL), lower-cased, with dotted
abbreviations collapsed ("S.r.l." -> "srl", "e.V." -> "ev") and all other punctuation
turned into spaces. Both sides of every comparison go through the same function, so
"Liège", "LIEGE" and "Li\u00e8ge" meet.

The module also knows how registrants split an organisation from its department ("Stadt
Essen, Ordnungsamt") and how European languages bend a city name after a designator
("Urząd Miasta Krakowa", "Helsingin kaupunki", "Københavns Kommune").
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from convene.resolution.translit import APOSTROPHES, romanise

__all__ = [
    "CONNECTORS",
    "fold",
    "umlaut_fold",
    "umlaut_spelling",
    "genitive_variants",
    "segments",
    "tokens",
]

_APOSTROPHES = APOSTROPHES
_DOTTED = re.compile(r"\b([a-z])\.(?=[a-z]\b\.?)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Separators between an organisation and its department. A hyphen only counts when spaced,
# so "Duisburg-Essen" and "Cluj-Napoca" stay whole; a full stop only after a whole word,
# so "Generalitat de Catalunya. Departament d'Interior" splits but "Ayto. de Madrid" does not.
_SEGMENT_SPLIT = re.compile(
    r"\s+[-\u2013\u2014]+\s+|[\u2013\u2014,;/|()\[\]:>\n\t]+|(?<=[^\W\d_]{5})\.\s+"
)

#: Prepositions and articles that join a designator to a place name ("Ville *de* Liège",
#: "Urząd Miejski *w* Gdańsku", "Gemeente *van*"). They never carry meaning on their own.
CONNECTORS: frozenset[str] = frozenset(
    "de d du des la le les l di del della dell dello degli dei da do dos das of the van der "
    "den het von vom zu zum zur am im in w we z ze i y e a al au aux el et und and och og "
    "ja en for fur pour per para u na ta tis tou ton".split()
)

# French and Romance contractions hide an article that belongs to the place name:
# "Ville du Havre" is Le Havre, "Mairie des Sables-d'Olonne" is Les Sables-d'Olonne.
_CONTRACTIONS: dict[str, str] = {"du": "le", "au": "le", "des": "les", "aux": "les"}

# Suffix rewrites that turn an inflected city name back into its dictionary form. Each
# guess is only kept if the gazetteer knows the result, so a wrong guess costs nothing.
# Polish genitive and locative, Czech, Croatian, Finnish, Scandinavian and Greek genitive.
_INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("ngin", "nki"),  # fi: Helsingin -> Helsinki
    ("nnan", "nta"),  # fi: Vantaan-style gradation
    ("kun", "kku"),
    ("un", "ku"),  # fi: Turun -> Turku
    ("een", "e"),  # fi: Tampereen -> Tampere
    ("aion", "a"),  # el: Athinaion -> Athina
    ("ion", ""),
    ("iu", ""),  # pl: Wrocławiu -> Wrocław, Poznaniu -> Poznań
    ("ie", "a"),  # pl: Warszawie -> Warszawa
    ("ie", ""),  # pl: Krakowie -> Kraków
    ("ii", "ia"),
    ("ia", ""),  # pl: Wrocławia, Poznania
    ("i", "ia"),  # pl: Gdyni -> Gdynia
    ("i", ""),  # pl: Łodzi -> Łódź
    ("i", "a"),
    ("y", "a"),  # pl/cs: Warszawy, Prahy
    ("y", ""),  # pl: Bydgoszczy
    ("a", ""),  # pl/hr: Krakowa, Gdańska, Zagreba
    ("a", "o"),  # cs: Brna -> Brno
    ("ne", "en"),  # cs: Plzne -> Plzen (fleeting e)
    ("ce", "ec"),  # cs: Liberce -> Liberec
    ("e", ""),  # cs: Olomouce -> Olomouc
    ("u", ""),  # pl: Gdańsku
    ("e", "a"),
    ("en", ""),
    ("n", ""),  # fi: Oulun, Espoon
    ("s", ""),  # da/sv/no/el: Københavns, Göteborgs, Thessalonikis
    ("", "e"),  # pl: Katowic -> Katowice
    ("ner", "en"),  # de demonym: Münchner -> München
    ("eon", "a"),  # el: Patreon -> Patra
    ("on", "a"),  # el: Athinon -> Athina
    ("ou", "os"),  # el: Lemesou -> Lemesos
    ("a", "as"),  # el: Peiraia -> Peiraias
    ("ska", ""),  # uk/ru adjective: Lvivska -> Lviv, Kyivska -> Kyiv
    ("skyi", ""),
    ("er", ""),  # de demonym: Wiener -> Wien, Kölner -> Köln
)


def fold(text: str) -> str:
    """Return the comparison form of ``text``: ASCII, lower case, single-spaced words."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    text = anyascii(romanise(text)).lower()
    # Collapse "s.r.l." -> "srl" before punctuation becomes spaces, so legal forms survive.
    text = _DOTTED.sub(r"\1", text)
    return _NON_ALNUM.sub(" ", text).strip()


_UMLAUT = re.compile(r"(?<=[a-z])([aou])e")


def umlaut_fold(folded: str) -> str:
    """German spelling without umlauts ("Muenchen", "Koeln") meets the folded umlaut
    ("munchen", "koln"): "ae", "oe", "ue" after a letter become "a", "o", "u".

    Takes and returns folded text; idempotent only on text without new pairs, so callers
    apply it to both sides of a comparison once.
    """
    return _UMLAUT.sub(r"\1", folded)


_UMLAUT_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def umlaut_spelling(raw: str) -> str:
    """The folded German spelling without umlauts: "München" -> "muenchen" (``fold`` gives
    "munchen"). Indexes keep both, so "Muenchen", "Munchen" and "München" all meet."""
    return fold(unicodedata.normalize("NFC", raw).translate(_UMLAUT_SPELLING))


def tokens(folded: str) -> list[str]:
    """Split an already folded string into words."""
    return folded.split()


def segments(text: str) -> list[str]:
    """Split raw text on separators that usually part an organisation from its department.

    Each segment is returned folded; empty ones are dropped. "Ajuntament de Barcelona –
    Gerència de Seguretat" gives two segments, and the engine decides which one names the
    organisation.
    """
    out = []
    for part in _SEGMENT_SPLIT.split(text):
        folded = fold(part)
        if folded:
            out.append(folded)
    return out


def contraction_variant(words: list[str]) -> list[str] | None:
    """Expand a leading French contraction into its article ("du havre" -> "le havre")."""
    if len(words) > 1 and words[0] in _CONTRACTIONS:
        return [_CONTRACTIONS[words[0]], *words[1:]]
    return None


def genitive_variants(word: str) -> list[str]:
    """Candidate dictionary forms of an inflected city name, most specific rule first."""
    if len(word) < 4 or not word.isalpha():
        return []
    seen: list[str] = []
    for suffix, replacement in _INFLECTIONS:
        if suffix and not word.endswith(suffix):
            continue
        stem = word[: len(word) - len(suffix)] if suffix else word
        candidate = stem + replacement
        if len(candidate) >= 3 and candidate != word and candidate not in seen:
            seen.append(candidate)
    return seen
