"""Directory endpoints: list and create organisations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from convene.core.api_types import BoundedLimitOffset, Day, Text
from convene.core.tables import MAX_BYTES
from convene.directory import selectors, services
from convene.directory.models import Organisation, OrganisationKind
from convene.directory.services.member_import import member_list_import

router = Router()


class MembershipIn(Schema):
    from_: Day = Field(..., alias="from")
    until: Day | None = None
    note: Text = Field("", max_length=500)


class OrganisationIn(Schema):
    name: Text = Field(..., min_length=1, max_length=300)
    kind: OrganisationKind
    country: Text = Field(..., min_length=2, max_length=2, description="ISO 3166-1 alpha-2")
    aliases: list[Text] = Field([], max_length=100)
    domains: list[Text] = Field([], max_length=100)
    memberships: list[MembershipIn] = Field([], max_length=100)


class MembershipOut(Schema):
    from_: dt.date = Field(..., alias="from")
    until: dt.date | None


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    country: str
    parent_id: int | None
    geonames_id: int | None
    aliases: list[str]
    domains: list[str]
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_aliases(obj: Organisation) -> list[str]:
        return [a.name for a in obj.aliases.all()]

    @staticmethod
    def resolve_domains(obj: Organisation) -> list[str]:
        return [d.domain for d in obj.domains.all()]

    @staticmethod
    def resolve_memberships(obj: Organisation) -> list[dict[str, dt.date | None]]:
        return [{"from": m.member_from, "until": m.member_until} for m in obj.memberships.all()]


@router.get("", response=list[OrganisationOut], by_alias=True)
@paginate(BoundedLimitOffset)
def organisation_list(request: HttpRequest) -> QuerySet[Organisation]:
    return selectors.organisation_list()


@router.post("", response={201: OrganisationOut}, by_alias=True)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    organisation = services.organisation_create(
        actor=request.user,  # type: ignore[arg-type]
        name=payload.name,
        kind=payload.kind.value,
        country=payload.country,
        aliases=payload.aliases,
        domains=payload.domains,
        memberships=[
            services.MembershipPeriod(m.from_, m.until, m.note) for m in payload.memberships
        ],
    )
    return Status(201, selectors.organisation_list().get(pk=organisation.pk))


class ReviewRowOut(Schema):
    line: int
    name: str
    candidate_id: int | None
    candidate_name: str
    explanation: str


class MemberImportOut(Schema):
    dry_run: bool
    counts: dict[str, int]
    review: list[ReviewRowOut]


@router.post("imports", response={200: MemberImportOut, 201: MemberImportOut})
def member_import(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool] = False
) -> Status[MemberImportOut]:
    """Import the member list (multipart ``file``, CSV or XLSX) in one transaction; with
    ``dry_run`` only say what would happen. Rows the engine matched only by similarity are
    left in review (confirm them on the staff page). A bad file is a 400 naming the row."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than %(max)d MB.") % {"max": 5}})
    plan, counts = member_list_import(
        actor=request.user,  # type: ignore[arg-type]
        file_name=file.name or "members.csv",
        data=file.read(),
        dry_run=dry_run,
    )
    review = [
        ReviewRowOut(
            line=row.line,
            name=row.row.name,
            candidate_id=row.candidate.pk if row.candidate else None,
            candidate_name=row.candidate.name if row.candidate else "",
            explanation=row.explanation,
        )
        for row in plan.review
    ]
    return Status(
        200 if dry_run else 201, MemberImportOut(dry_run=dry_run, counts=counts, review=review)
    )
