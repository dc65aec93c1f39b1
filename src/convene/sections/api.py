"""Read endpoints of the section tree, through the same access rule as the pages.

Anyone may call them: anonymous callers see public sections, members signed in on the site
(the session cookie) see what their pages show, and staff (a bearer token or the cookie) see
everything. A section the caller may not see answers 404, so that its existence does not leak.
"""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from convene.core.api_auth import staff_token
from convene.core.api_types import BoundedLimitOffset
from convene.core.translated import translations
from convene.sections.access import viewer
from convene.sections.models import Section
from convene.sections.selectors import section_list_visible


def anyone(request: HttpRequest) -> bool:
    """No credentials: the caller is anonymous (and sees what anonymous visitors see)."""
    return True


#: A staff token first, then the site's session cookie (GET only needs no CSRF token), then
#: nobody.
READ_AUTH = [staff_token, django_auth, anyone]

router = Router()


class SectionOut(Schema):
    slug: str
    name: str = Field(..., description="In the request's language, else English.")
    name_translations: dict[str, str]
    description: str
    parent: str | None = Field(None, description="The parent's slug, when the caller may see it.")
    access: str = Field(..., description="inherit, public, members or staff.")
    effective_access: str = Field(..., description="What the access resolves to.")

    @staticmethod
    def resolve_name(obj: Section) -> str:
        return str(obj.name)

    @staticmethod
    def resolve_name_translations(obj: Section) -> dict[str, str]:
        return translations(obj.name)

    @staticmethod
    def resolve_description(obj: Section) -> str:
        return str(obj.description)

    @staticmethod
    def resolve_parent(obj: Section) -> str | None:
        return getattr(obj, "parent_slug", None)


def _visible_with_parent_slug(request: HttpRequest) -> QuerySet[Section]:
    """The sections the caller may see, each with its parent's slug when the caller may see the
    parent too (one query: the parent is a subquery through the same filter)."""
    visible = section_list_visible(viewer(request))
    parent = visible.filter(pk=OuterRef("parent_id")).values("slug")[:1]
    return visible.annotate(parent_slug=Subquery(parent))


@router.get("", response=list[SectionOut], auth=READ_AUTH)
@paginate(BoundedLimitOffset)
def section_list(request: HttpRequest) -> QuerySet[Section]:
    """The sections the caller may see, by position and name."""
    return _visible_with_parent_slug(request).order_by("position", "name", "id")


@router.get("/{slug}", response=SectionOut, auth=READ_AUTH)
def section_detail(request: HttpRequest, slug: str) -> Section:
    """One section; 404 when it does not exist or the caller may not see it."""
    section = _visible_with_parent_slug(request).filter(slug=slug[:100]).first()
    if section is None:
        raise Http404
    return section
