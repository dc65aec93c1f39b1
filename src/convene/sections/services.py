"""Writes of the section tree. Every write recomputes the stored access in effect of the
section and all its descendants (see ``sections.models`` for the rule), in the same
transaction, so that reads never walk the tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from convene.core.access import ROOT_ACCESS, Access, stricter
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import Translated, translations_clean
from convene.directory.models import Organisation, Person
from convene.sections.models import Section, SectionEntrantOrganisation, SectionEntrantPerson


def _check(*, section: Section | None, slug: str, parent: Section | None, access: str) -> None:
    if access not in Access.values:
        raise ValidationError({"access": _("Unknown access mode.")})
    if not slug or slugify(slug) != slug:
        raise ValidationError({"slug": _("Use lower-case letters, digits and hyphens.")})
    same_slug = Section.objects.filter(slug=slug)
    if section is not None and section.pk:
        same_slug = same_slug.exclude(pk=section.pk)
    if same_slug.exists():
        raise ValidationError({"slug": _("Another section has this slug.")})
    if section is not None and section.pk and parent is not None:
        ancestor: Section | None = parent
        seen = set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == section.pk:
                raise ValidationError(
                    {"parent": _("A section cannot sit inside itself or its subsections.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


@transaction.atomic
def section_create(
    *,
    actor: User | None,
    name: Translated,
    slug: str,
    parent: Section | None = None,
    access: str = Access.INHERIT,
    description: Translated | None = None,
    position: int = 0,
    extra_organisations: Iterable[Organisation] = (),
    extra_people: Iterable[Person] = (),
) -> Section:
    _check(section=None, slug=slug, parent=parent, access=access)
    section = Section.objects.create(
        name=translations_clean(name, field="name", required=True, max_length=200),
        description=translations_clean(description, field="description", required=False),
        slug=slug,
        parent=parent,
        access=access,
        position=position,
    )
    section.extra_organisations.set(list(extra_organisations))
    section.extra_people.set(list(extra_people))
    sections_recompute(root=section)
    audit_record(actor=actor, code="sections.section.created", obj=section)
    section.refresh_from_db(fields=["effective_access"])
    return section


@transaction.atomic
def section_update(
    *,
    actor: User | None,
    section: Section,
    name: Translated,
    slug: str,
    parent: Section | None,
    access: str,
    description: Translated | None = None,
    position: int = 0,
    extra_organisations: Iterable[Organisation] = (),
    extra_people: Iterable[Person] = (),
) -> Section:
    Section.objects.select_for_update().filter(pk=section.pk).first()
    _check(section=section, slug=slug, parent=parent, access=access)
    Section.objects.filter(pk=section.pk).update(
        name=translations_clean(name, field="name", required=True, max_length=200),
        description=translations_clean(description, field="description", required=False),
        slug=slug,
        parent=parent,
        access=access,
        position=position,
    )
    section.refresh_from_db()
    section.extra_organisations.set(list(extra_organisations))
    section.extra_people.set(list(extra_people))
    sections_recompute(root=section)
    audit_record(
        actor=actor,
        code="sections.section.updated",
        obj=section,
        details={"access": access, "parent_id": parent.pk if parent else None},
    )
    section.refresh_from_db()
    return section


def sections_recompute(*, root: Section | None = None) -> int:
    """Store the access in effect and the entrants in effect of ``root`` and every section
    below it (of every section when ``root`` is None). Returns how many sections changed.

    A fixed number of queries whatever the size (eight at most): the tree and both extra lists
    are read whole (a network has tens of sections), then changed rows are updated and the
    entrant rows of the subtree replaced.
    """
    sections = {
        s.pk: s for s in Section.objects.only("pk", "parent_id", "access", "effective_access")
    }
    own_orgs: dict[int, set[int]] = defaultdict(set)
    own_people: dict[int, set[int]] = defaultdict(set)
    for sid, oid in Section.extra_organisations.through.objects.values_list(
        "section_id", "organisation_id"
    ):
        own_orgs[sid].add(oid)
    for sid, pid in Section.extra_people.through.objects.values_list("section_id", "person_id"):
        own_people[sid].add(pid)
    children: dict[int | None, list[int]] = defaultdict(list)
    for s in sections.values():
        children[s.parent_id].append(s.pk)

    def parent_effective(s: Section) -> tuple[str, set[int], set[int]]:
        chain: list[Section] = []
        node: Section | None = sections.get(s.parent_id) if s.parent_id else None
        while node is not None and len(chain) <= len(sections):
            chain.append(node)
            node = sections.get(node.parent_id) if node.parent_id else None
        level: str = Access.INHERIT  # no parent yet
        orgs: set[int] = set()
        people: set[int] = set()
        for node in reversed(chain):
            level, orgs, people = _step(node, level, orgs, people, own_orgs, own_people)
        return level, orgs, people

    start = [root.pk] if root is not None else children[None]
    effective: dict[int, tuple[str, set[int], set[int]]] = {}
    stack: list[tuple[int, tuple[str, set[int], set[int]]]] = []
    for pk in start:
        node = sections[pk]
        inherited = parent_effective(node) if root is not None else (Access.INHERIT, set(), set())
        stack.append((pk, inherited))
    while stack:
        pk, (level, orgs, people) = stack.pop()
        if pk in effective:
            continue  # a cycle cannot be stored, but never loop
        result = _step(sections[pk], level, orgs, people, own_orgs, own_people)
        effective[pk] = result
        stack.extend((child, result) for child in children[pk])
    changed = [
        sections[pk]
        for pk, (level, _o, _p) in effective.items()
        if sections[pk].effective_access != level
    ]
    for s in changed:
        s.effective_access = effective[s.pk][0]
    Section.objects.bulk_update(changed, ["effective_access"])
    ids = list(effective)
    SectionEntrantOrganisation.objects.filter(section_id__in=ids).delete()
    SectionEntrantPerson.objects.filter(section_id__in=ids).delete()
    SectionEntrantOrganisation.objects.bulk_create(
        SectionEntrantOrganisation(section_id=pk, organisation_id=oid)
        for pk, (_l, orgs, _p) in effective.items()
        for oid in sorted(orgs)
    )
    SectionEntrantPerson.objects.bulk_create(
        SectionEntrantPerson(section_id=pk, person_id=pid)
        for pk, (_l, _o, people) in effective.items()
        for pid in sorted(people)
    )
    return len(changed)


def _step(
    node: Section,
    level: str,
    orgs: set[int],
    people: set[int],
    own_orgs: dict[int, set[int]],
    own_people: dict[int, set[int]],
) -> tuple[str, set[int], set[int]]:
    """One step down the tree: what ``node`` resolves to under a parent resolving to
    (``level``, ``orgs``, ``people``); ``level`` is ``inherit`` above a root section."""
    if node.access == Access.INHERIT:
        resolved = level if level != Access.INHERIT else ROOT_ACCESS
        return resolved, orgs | own_orgs[node.pk], people | own_people[node.pk]
    return stricter(level, node.access), set(own_orgs[node.pk]), set(own_people[node.pk])


@transaction.atomic
def sections_organisation_merged(*, source: Organisation, target: Organisation) -> int:
    """The directory merged ``source`` into ``target``: sections that let ``source`` in let
    ``target`` in instead, and entrants in effect are recomputed. Returns how many sections
    changed. Called through ``directory.signals.organisation_merging``."""
    through = Section.extra_organisations.through
    section_ids = list(
        through.objects.filter(organisation_id=source.pk).values_list("section_id", flat=True)
    )
    if not section_ids:
        return 0
    already = set(
        through.objects.filter(organisation_id=target.pk, section_id__in=section_ids).values_list(
            "section_id", flat=True
        )
    )
    through.objects.bulk_create(
        through(section_id=sid, organisation_id=target.pk)
        for sid in section_ids
        if sid not in already
    )
    through.objects.filter(organisation_id=source.pk).delete()
    sections_recompute()
    for section in Section.objects.filter(pk__in=section_ids):
        audit_record(
            actor=None,
            code="sections.section.updated",
            obj=section,
            details={"merged_organisation": source.pk, "into": target.pk},
        )
    return len(section_ids)
