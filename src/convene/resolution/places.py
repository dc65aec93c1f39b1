"""Place names that registrants cut or misspell: "Frankfurt (Oder)" split at its bracket,
"Gemeente Amsterdamm" with a letter doubled."""

from __future__ import annotations

from convene.resolution.gazetteer import Gazetteer, Place

__all__ = ["SIGNIFICANT_POPULATION", "join_places", "misspelt_place"]

#: Outside a municipal pattern, a word is only read as a place if the place is this large:
#: tiny villages are called "Union", "Forum" or "Erasmus" somewhere in Europe.
SIGNIFICANT_POPULATION = 15_000


def join_places(gazetteer: Gazetteer, parts: list[str]) -> list[str]:
    """Put back together a place name that the separators cut: "Frankfurt (Oder)",
    "Halle/Saale" and "Frankfurt/Oder" are one town each, not a town and a department.
    A short part is joined to the one before when the words around the cut name a place.
    """
    if len(parts) < 2:
        return parts
    out = [parts[0]]
    for part in parts[1:]:
        if len(part.split()) <= 2:
            before = out[-1].split()
            for size in (1, 2, 3):
                if size > len(before):
                    break
                name = " ".join([*before[-size:], part])
                if gazetteer.knows(name):
                    out[-1] = f"{out[-1]} {part}"
                    break
            else:
                out.append(part)
            continue
        out.append(part)
    return out


def misspelt_place(gazetteer: Gazetteer, residue: list[str], hint: frozenset[str]) -> Place | None:
    """A town after a designator, typed with one letter doubled, dropped or two swapped
    ("Gemeente Amsterdamm", "Ville de Grenbole", "Grad Splitt"): only the one word left
    after the designator, only in the country the registrant or the designator gives,
    and only a town of some size, so a typo never lands on a village."""
    if len(residue) != 1 or not hint:
        return None
    word = residue[0]
    if len(word) < 5 or not word.isalpha():
        return None
    variants = {word[:i] + word[i + 1 :] for i in range(len(word))}
    variants |= {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
    variants.discard(word)
    found: list[Place] = []
    for variant in variants:
        for place in gazetteer.lookup(variant, hint)[:1]:
            if place.country in hint and place.population >= SIGNIFICANT_POPULATION:
                found.append(place)
    if len({p.geonameid for p in found}) != 1:
        return None
    return found[0]
