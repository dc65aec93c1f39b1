"""Greek and Cyrillic to Latin, each by its country's official system.

anyascii (our fallback for every other script) writes Cyrillic the Russian way and Greek
letter by letter, so "Община" became "Obshchina" where Bulgarians write "Obshtina", and
"Δήμου" became "Dimoy" where Greek signs say "Dimou". Registrants type the official
romanisation, so both sides of a comparison must use it:

- Greek: ELOT 743 (ISO 843 type 2): ου -> ou, αυ/ευ/ηυ -> av/ev/iv (af/ef/if before a
  voiceless consonant or at the end), μπ -> b at the start of a word, γγ -> ng, γκ -> gk,
  χ -> ch, η -> i, υ -> y;
- Cyrillic: the system of the country whose letters the text uses: Ukrainian (national
  system of 2010: г -> h, и -> y, і -> i, ї -> i, є -> ie, ю -> iu, я -> ia, щ -> shch),
  Serbian (the Latin alphabet, without its diacritics: ђ -> dj, ј -> j, љ -> lj, њ -> nj,
  ћ -> c, џ -> dz, ж -> z, ш -> s, ч -> c, ц -> c), Russian (ы, э, ё: the passport system
  of 2013) and otherwise Bulgarian (Streamlined System of 2009: щ -> sht, ъ -> a,
  ю -> yu, я -> ya, ж -> zh, ц -> ts, х -> h), the Cyrillic script of the EU.

Letters outside these systems (archaic Greek, Cyrillic of other languages) go to anyascii.

:func:`romanise` keeps letter case (for readable Latin aliases); :func:`fold` in
:mod:`.normalise` lower-cases after it. Both are idempotent: their output has no Greek or
Cyrillic left.
"""

from __future__ import annotations

import unicodedata

from anyascii import anyascii

__all__ = ["romanise"]

_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}  # fmt: skip
_GREEK_PAIRS = {"ου": "ou", "γγ": "ng", "γκ": "gk", "γξ": "nx", "γχ": "nch", "ντ": "nt"}
_GREEK_VOICELESS = set("θκξπστφχψ")

_CYR_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya", "ѝ": "i",
}  # fmt: skip
# Marks people type for an apostrophe; ``fold`` reads each as "'" too, so both agree.
APOSTROPHES = "\u2019\u2018\u02bc\u00b4`\u2032"

_CYRILLIC = {
    "bg": _CYR_COMMON,
    "ru": {
        **_CYR_COMMON, "й": "i", "х": "kh", "щ": "shch", "ъ": "ie", "ь": "", "ы": "y",
        "э": "e", "ё": "e", "ю": "iu", "я": "ia",
    },
    "uk": {
        **_CYR_COMMON, "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i",
        "ї": "i", "й": "i", "х": "kh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "",
        "\u02bc": "", "\u2019": "",
    },
    "sr": {
        **_CYR_COMMON, "ђ": "dj", "ж": "z", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c",
        "ц": "c", "ч": "c", "џ": "dz", "ш": "s", "х": "h", "ѓ": "gj", "ќ": "kj",
        "ѕ": "dz",
    },
}  # fmt: skip
_MARKERS = (("uk", set("ґєії")), ("sr", set("ђјљњћџѓќѕ")), ("ru", set("ыэё")))


def _language(lower: str) -> str:
    letters = set(lower)
    for language, marks in _MARKERS:
        if letters & marks:
            return language
    return "bg"


def _greek_word_start(lower: str, i: int) -> bool:
    return i == 0 or not lower[i - 1].isalpha()


def _greek(lower: str, i: int) -> tuple[str, int]:
    """Romanise the Greek letter at ``lower[i]``; returns the Latin and letters consumed."""
    pair = lower[i : i + 2]
    if pair in _GREEK_PAIRS:
        return _GREEK_PAIRS[pair], 2
    if pair == "μπ":
        return ("b" if _greek_word_start(lower, i) else "mp"), 2
    if pair in ("αυ", "ευ", "ηυ"):
        after = lower[i + 2 : i + 3]
        voiceless = not after or not after.isalpha() or after in _GREEK_VOICELESS
        return _GREEK[pair[0]] + ("f" if voiceless else "v"), 2
    return _GREEK.get(lower[i]) or anyascii(lower[i]), 1


def _cased(latin: str, source: str, previous: str, following: str) -> str:
    """Latin in the case of its source letter: "Щ" -> "Sht", or "SHT" inside capitals."""
    if not source.isupper() or not latin:
        return latin
    capitals = following.isupper() or (not following.isalpha() and previous.isupper())
    if len(latin) > 1 and capitals:
        return latin.upper()
    return latin[0].upper() + latin[1:]


def romanise(text: str) -> str:
    """``text`` with Greek and Cyrillic letters romanised; other characters kept."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKC", text)
    if not any("\u0370" <= ch <= "\u04ff" or "\u1f00" <= ch <= "\u1fff" for ch in text):
        return text
    # Accents and diaeresis carry no letter of their own in either system; the breve of
    # Cyrillic й does (й is a letter), so it is kept and recomposed.
    stripped = unicodedata.normalize(
        "NFC",
        "".join(
            ch
            for ch in unicodedata.normalize("NFD", text)
            if ch == "\u0306" or not unicodedata.combining(ch)
        ),
    )
    lower = stripped.lower()
    table = _CYRILLIC[_language(lower)]
    out: list[str] = []
    i = 0
    while i < len(stripped):
        ch, low = stripped[i], lower[i]
        following = stripped[i + 1 : i + 2]
        if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
            latin, used = _greek(lower, i)
            following = stripped[i + used : i + used + 1]
        elif "\u0400" <= ch <= "\u04ff":
            latin, used = (table[low] if low in table else anyascii(low)), 1
        elif (low == "'" or low in APOSTROPHES) and table is _CYRILLIC["uk"]:
            latin, used = "", 1
        else:
            latin, used = ch, 1
        previous = stripped[i - 1] if i else ""
        out.append(_cased(latin, ch, previous, following) if latin is not ch else ch)
        i += used
    return "".join(out)
