"""Importing the member list: stage the file, plan every row, then write in one transaction.

Each row is looked up in the directory first by its exact name or alias in its country
(ignoring case and accents): that organisation is updated. Otherwise the resolution engine is
asked; a match it finds by similarity ("Province de Liège" against "Ville de Liège") is never
applied unseen: the row waits in the preview until staff say "the same organisation" or "a new
one" (``decisions``), and an import confirmed before that leaves it out ("left in review").
Other rows create an organisation. The plan is computed again inside the write transaction,
so importing the same file twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.tables import TableError, read_table
from convene.directory.member_list import MemberRow, parse_member_list
from convene.directory.models import ImportStatus, MemberImport, Membership, Organisation
from convene.directory.resolution import resolve_text, resolver
from convene.directory.services.editing import membership_update, organisation_update
from convene.directory.services.organisations import (
    MembershipPeriod,
    _check_periods,
    _clean_domain,
    membership_add,
    organisation_alias_add,
    organisation_create,
    organisation_domain_add,
)
from convene.resolution.normalise import fold

#: What a row does; ``review`` waits for a staff decision, ``error`` blocks the import.
ACTIONS = ("create", "update", "unchanged", "review")
NEW = "new"


@dataclass
class RowPlan:
    row: MemberRow
    action: str
    organisation: Organisation | None = None
    #: For ``review``: the organisation the engine proposes, and why.
    candidate: Organisation | None = None
    explanation: str = ""
    kind: str | None = None
    add_aliases: list[str] = field(default_factory=list)
    add_domains: list[str] = field(default_factory=list)
    add_period: MembershipPeriod | None = None
    change_period: tuple[Membership, MembershipPeriod] | None = None

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def changes(self) -> list[str]:
        out = []
        if self.kind:
            out.append(_("kind: %(kind)s") % {"kind": self.kind})
        out += [_("alias: %(alias)s") % {"alias": a} for a in self.add_aliases]
        out += [_("domain: %(domain)s") % {"domain": d} for d in self.add_domains]
        period = self.add_period or (self.change_period[1] if self.change_period else None)
        if period is not None:
            out.append(
                _("membership: %(from)s – %(until)s")
                % {
                    "from": period.member_from.isoformat(),
                    "until": period.member_until.isoformat() if period.member_until else "…",
                }
            )
        return out


@dataclass
class MemberPlan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            counts[row.action] += 1
        counts["errors"] = len(self.errors)
        return counts

    @property
    def review(self) -> list[RowPlan]:
        return [r for r in self.rows if r.action == "review"]


class _Directory:
    """The directory as the plan needs it: one read of organisations with their aliases,
    domains and memberships."""

    def __init__(self) -> None:
        self.by_id: dict[int, Organisation] = {}
        self.by_name: dict[tuple[str, str], Organisation] = {}
        self.domain_owner: dict[str, int] = {}
        for org in Organisation.objects.prefetch_related("aliases", "domains", "memberships"):
            self.by_id[org.pk] = org
            self.by_name[(fold(org.name), org.country)] = org
            for domain in org.domains.all():
                self.domain_owner[domain.domain] = org.pk
        for org in self.by_id.values():
            for alias in org.aliases.all():
                self.by_name.setdefault((fold(alias.name), org.country), org)


def _known_names(org: Organisation) -> set[str]:
    return {fold(org.name)} | {fold(a.name) for a in org.aliases.all()}


def _domains(row: MemberRow, owner: int | None, directory: _Directory) -> list[str]:
    clean = []
    for domain in row.domains:
        try:
            value = _clean_domain(domain)
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from exc
        taken = directory.domain_owner.get(value)
        if taken is not None and taken != owner:
            raise ValueError(
                _("%(domain)s already belongs to %(organisation)s.")
                % {"domain": value, "organisation": directory.by_id[taken].name}
            )
        if taken is None and value not in clean:
            clean.append(value)
    return clean


def _plan_update(
    row: MemberRow, org: Organisation, directory: _Directory, alias: str = ""
) -> RowPlan:
    plan = RowPlan(row=row, action="update", organisation=org)
    if row.kind != org.kind:
        plan.kind = row.kind
    known = _known_names(org)
    for name in [*row.aliases, alias]:
        if name and fold(name) not in known:
            plan.add_aliases.append(name)
            known.add(fold(name))
    plan.add_domains = _domains(row, org.pk, directory)
    if row.member_from is not None:
        period = MembershipPeriod(row.member_from, row.member_until)
        memberships = list(org.memberships.all())
        same = next((m for m in memberships if m.member_from == row.member_from), None)
        if same is not None:
            if same.member_until != row.member_until:
                plan.change_period = (
                    same,
                    MembershipPeriod(same.member_from, row.member_until, same.note),
                )
                others = [
                    MembershipPeriod(m.member_from, m.member_until)
                    for m in memberships
                    if m is not same
                ]
                _periods_fit([*others, period])
        else:
            _periods_fit(
                [*(MembershipPeriod(m.member_from, m.member_until) for m in memberships), period]
            )
            plan.add_period = period
    if not (
        plan.kind or plan.add_aliases or plan.add_domains or plan.add_period or plan.change_period
    ):
        plan.action = "unchanged"
    return plan


def _periods_fit(periods: list[MembershipPeriod]) -> None:
    try:
        _check_periods(periods)
    except ValidationError as exc:
        raise ValueError(_("This membership overlaps one the organisation already has.")) from exc


def _plan_row(row: MemberRow, directory: _Directory, decisions: dict[str, str]) -> RowPlan:
    org = directory.by_name.get((fold(row.name), row.country))
    if org is not None:
        return _plan_update(row, org, directory)
    email = f"info@{row.domains[0]}" if row.domains else ""
    result = resolve_text(text=row.name, email=email, country=row.country)
    candidate = (
        directory.by_id.get(int(result.org_id))
        if result.status == "matched" and result.org_id
        else None
    )
    decision = decisions.get(str(row.line), "")
    if candidate is not None and decision != NEW:
        if decision == str(candidate.pk):
            return _plan_update(row, candidate, directory, alias=row.name)
        return RowPlan(
            row=row, action="review", candidate=candidate, explanation=result.explanation
        )
    plan = RowPlan(row=row, action="create")
    plan.add_domains = _domains(row, None, directory)
    if row.member_from is not None:
        plan.add_period = MembershipPeriod(row.member_from, row.member_until)
    return plan


def member_import_plan(*, data: bytes, decisions: dict[str, str] | None = None) -> MemberPlan:
    """What importing ``data`` would do, row by row; raises ``ValidationError`` for a file that
    cannot be read at all (with the line when one is at fault)."""
    try:
        table = read_table(data)
    except TableError as exc:
        raise ValidationError(str(exc)) from exc
    parsed = parse_member_list(table)
    plan = MemberPlan(errors=list(parsed.errors))
    directory = _Directory()
    for row in parsed.rows:
        try:
            plan.rows.append(_plan_row(row, directory, decisions or {}))
        except ValueError as exc:
            plan.errors.append((row.line, str(exc)))
    plan.errors.sort()
    return plan


def member_import_stage(*, actor: User | None, file_name: str, data: bytes) -> MemberImport:
    """Keep an uploaded member list for its preview; a file that is not a table is refused."""
    try:
        read_table(data)
    except TableError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    return MemberImport.objects.create(file_name=file_name[:255], content=data, created_by=actor)


def member_import_decide(*, member_import: MemberImport, decisions: dict[str, str]) -> MemberImport:
    """Record staff answers for rows in review: line → an organisation id or ``"new"``."""
    if member_import.status != ImportStatus.STAGED:
        raise ValidationError(_("This file was imported already."))
    merged = {**member_import.decisions}
    for line, choice in decisions.items():
        if choice == "":
            merged.pop(str(line), None)
        elif choice == NEW or choice.isdigit():
            merged[str(line)] = choice
    member_import.decisions = merged
    member_import.save(update_fields=["decisions"])
    return member_import


def _apply(actor: User | None, plan: RowPlan) -> None:
    row = plan.row
    if plan.action == "create":
        organisation_create(
            actor=actor,
            name=row.name,
            kind=row.kind,
            country=row.country,
            aliases=row.aliases,
            domains=plan.add_domains,
            memberships=[plan.add_period] if plan.add_period else [],
        )
        return
    org = plan.organisation
    if org is None:  # only "create" rows have none
        return
    if plan.kind:
        organisation_update(
            actor=actor, organisation=org, name=org.name, kind=plan.kind, country=org.country
        )
    for alias in plan.add_aliases:
        organisation_alias_add(actor=actor, organisation=org, alias=alias)
    for domain in plan.add_domains:
        organisation_domain_add(actor=actor, organisation=org, domain=domain)
    if plan.add_period:
        membership_add(actor=actor, organisation=org, period=plan.add_period)
    if plan.change_period:
        membership_update(
            actor=actor, membership=plan.change_period[0], period=plan.change_period[1]
        )


def member_import_commit(*, actor: User | None, member_import: MemberImport) -> dict[str, int]:
    """Write the staged file in one transaction: every row or none. Rows still in review are
    left out. Returns the counts (created, updated, unchanged, review)."""
    # Build the engine before the write transaction (on SQLite it holds the one write lock):
    # the plan inside it then only reads the engine this process already has.
    resolver()
    with transaction.atomic():
        locked = MemberImport.objects.select_for_update().get(pk=member_import.pk)
        if locked.status != ImportStatus.STAGED:
            raise ValidationError(_("This file was imported already."))
        plan = member_import_plan(data=bytes(locked.content), decisions=locked.decisions)
        if plan.errors:
            raise ValidationError(
                [
                    _("line %(line)d: %(message)s") % {"line": n, "message": m}
                    for n, m in plan.errors
                ]
            )
        for row_plan in plan.rows:
            if row_plan.action not in ("create", "update"):
                continue
            try:
                _apply(actor, row_plan)
            except ValidationError as exc:
                raise ValidationError(
                    _("line %(line)d: %(message)s")
                    % {"line": row_plan.line, "message": " ".join(exc.messages)}
                ) from exc
        counts = plan.counts()
        locked.status = ImportStatus.COMMITTED
        locked.counts = counts
        locked.committed_at = timezone.now()
        locked.save(update_fields=["status", "counts", "committed_at"])
        audit_record(
            actor=actor,
            code="directory.member_import.committed",
            obj=locked,
            details={"file": locked.file_name, **counts},
        )
    member_import.status = locked.status
    member_import.counts = counts
    return counts


def member_list_import(
    *, actor: User | None, file_name: str, data: bytes, dry_run: bool = False
) -> tuple[MemberPlan, dict[str, int]]:
    """The CLI and API path: plan, then (unless ``dry_run``) stage and commit at once; fuzzy
    matches are left in review for a staff page. Raises ``ValidationError`` on a bad file."""
    plan = member_import_plan(data=data)
    if plan.errors:
        n, message = plan.errors[0]
        raise ValidationError(_("line %(line)d: %(message)s") % {"line": n, "message": message})
    if dry_run:
        return plan, plan.counts()
    with transaction.atomic():
        staged = member_import_stage(actor=actor, file_name=file_name, data=data)
        counts = member_import_commit(actor=actor, member_import=staged)
    return plan, counts
