"""Finding organisations and people by what staff type, ignoring case and accents: "Liege",
"LIÈGE" and "liège" all find "Ville de Liège" (by its name or one of its aliases).

Names are compared in the resolution engine's folded form (ASCII, lower case), computed in
Python over the names and aliases: the same on SQLite and PostgreSQL, without an extension.
The directory holds a few thousand organisations and people; one pass over their names takes
a few milliseconds.

``organisations_matching`` has the name of the selector ``resol`` is writing for the review
queue (``directory.selectors.organisations_matching``); when that lands, this module can
delegate to it.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from convene.directory.models import Organisation, OrganisationAlias, Person
from convene.resolution.normalise import fold


def organisations_matching(query: str) -> QuerySet[Organisation]:
    """Organisations whose name or an alias contains every word of ``query`` (folded)."""
    words = fold(query).split()
    if not words:
        return Organisation.objects.all()
    ids = {
        pk
        for pk, name in Organisation.objects.values_list("pk", "name").iterator()
        if all(w in fold(name) for w in words)
    }
    ids |= {
        pk
        for pk, name in OrganisationAlias.objects.values_list("organisation_id", "name").iterator()
        if all(w in fold(name) for w in words)
    }
    return Organisation.objects.filter(pk__in=ids)


def people_matching(query: str) -> QuerySet[Person]:
    """People whose name contains every word of ``query`` (folded), or whose email contains it."""
    text = query.strip()
    words = fold(text).split()
    if not words:
        return Person.objects.all()
    ids = {
        pk
        for pk, name in Person.objects.values_list("pk", "name").iterator()
        if all(w in fold(name) for w in words)
    }
    return Person.objects.filter(Q(pk__in=ids) | Q(email__icontains=text))
