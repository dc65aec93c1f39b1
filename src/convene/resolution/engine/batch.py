"""New organisations met several times in one batch, in several spellings.

A batch (a registration import) is resolved against one directory, before anything is
written. When two people name an organisation the directory lacks, one "Università degli
Studi di Arezzo" and the other "Universita degli Studi di Arzezo", each answer is ``new`` with
its own cluster key, and two organisations would be created where one registering after the
other would have been matched to the organisation the first created (the engine is rebuilt
after each new organisation). :func:`regroup_new` gives the batch the same answer: the new
organisations are resolved against each other with the same evidence rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from convene.resolution.engine.resolver import Resolver
from convene.resolution.types import Organisation, Registrant, Resolution


def regroup_new(
    resolver: Resolver, rows: Sequence[Registrant], answers: Sequence[Resolution]
) -> list[Resolution]:
    """``answers`` (one per row) with the ``new`` ones that name the same organisation under
    one cluster key and name: the spelling most rows use is kept, each other cluster is
    resolved against those kept so far, and a match of the same kind and country joins it."""
    members: dict[str, list[int]] = {}
    for index, answer in enumerate(answers):
        if answer.status == "new" and answer.cluster:
            members.setdefault(answer.cluster, []).append(index)
    order = sorted(members, key=lambda key: (-len(members[key]), members[key][0]))
    kept: dict[str, Resolution] = {}
    directory: list[Organisation] = []
    small: Resolver | None = None
    out = list(answers)
    for key in order:
        first = members[key][0]
        row, answer = rows[first], answers[first]
        target = None
        if small is not None:
            found = small.resolve(
                Registrant(row.row_id, row.organisation, "", answer.country or row.country)
            )
            if found.status == "matched" and found.org_id in kept:
                candidate = kept[found.org_id]
                if (candidate.kind, candidate.country) == (answer.kind, answer.country):
                    target = candidate
        if target is None:
            kept[key] = answer
            directory.append(
                Organisation(
                    id=key,
                    name=answer.name or row.organisation,
                    kind=answer.kind or "other",
                    country=answer.country or "",
                    aliases=(row.organisation,),
                )
            )
            small = Resolver(directory, gazetteer=resolver.gazetteer)
            continue
        why = f"; the same new organisation as '{target.name or target.cluster}'"
        for index in members[key]:
            out[index] = replace(
                answers[index],
                cluster=target.cluster,
                name=target.name,
                explanation=(answers[index].explanation + why)[:500],
            )
    return out
