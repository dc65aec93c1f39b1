"""The one place that decides who may see what.

Deny by default: a view that shows anything beyond public pages asks a function here.

The rule is pure logic on facts. Lower layers cannot know sections, so the facts are gathered
elsewhere and handed in: ``directory.selectors.viewer_for`` turns a user into a :class:`Viewer`
(is this person a member user today?), and ``sections.selectors.visible_q`` turns a Viewer and
the stored effective access of sections into one SQL condition. What is decided here:

* :func:`member_rule`: a signed-in person is a *member user* when their organisation has a
  membership on that day, their email is verified (they opened a link sent to it) and the
  email's domain is one of the organisation's domains or staff approved the link.
* :class:`Access`: the access levels, ``inherit`` (the parent decides), then ``public``,
  ``members`` and ``staff``, each stricter than the one before; :func:`stricter` combines them.
* :meth:`Viewer.may_enter`: who passes a level. Staff pass everything; being on a section's
  extra list counts as being a member there (and opens even a staff section, but not an
  object inside it whose own access is ``staff``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _

from convene.core.models import User

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


class Access(models.TextChoices):
    """Access levels of sections and of the objects in them, from the loosest to the strictest.

    ``inherit`` is not a level of its own: the section's parent (or, for an object, its section)
    decides. A section at the root that inherits is ``members`` (deny by default).
    """

    INHERIT = "inherit", _("Same as the parent section")
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    STAFF = "staff", _("Staff only")


#: Strictness of the real levels; ``inherit`` has none (it takes the other side's).
STRICTNESS: dict[str, int] = {Access.PUBLIC: 0, Access.MEMBERS: 1, Access.STAFF: 2}

#: What a section at the root that says ``inherit`` resolves to.
ROOT_ACCESS = Access.MEMBERS


def stricter(a: str, b: str) -> Access:
    """The stricter of two levels; ``inherit`` yields to the other (two inherits stay inherit)."""
    if a == Access.INHERIT:
        return Access(b)
    if b == Access.INHERIT:
        return Access(a)
    return Access(a if STRICTNESS[a] >= STRICTNESS[b] else b)


def member_rule(
    *, has_membership_today: bool, email_verified: bool, domain_matches: bool, link_approved: bool
) -> bool:
    """Is a signed-in person a member user? All of: their organisation is a member on that day;
    their email is verified; the email's domain is the organisation's, or staff approved the
    person's link to the organisation."""
    return has_membership_today and email_verified and (domain_matches or link_approved)


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who is looking, as facts: ids for the extra lists, and the two verdicts that matter.

    ``organisation_id`` is set only when the person's link to it is trusted (verified email, and
    the organisation's domain or staff approval), so that an extra list naming an organisation
    cannot be entered by typing its name in a registration form.
    """

    user_id: int | None
    person_id: int | None
    organisation_id: int | None
    is_staff: bool
    is_member: bool

    @classmethod
    def anonymous(cls) -> Viewer:
        return cls(None, None, None, False, False)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def may_enter(self, level: str, *, extra: bool = False, own: str = Access.INHERIT) -> bool:
        """May this viewer see something whose section resolves to ``level``, given whether the
        viewer is on that section's extra list and the object's ``own`` access?

        The same rule as ``sections.selectors.visible_q``, for one object in Python.
        """
        if self.is_staff:
            return True
        if own == Access.STAFF:
            return False
        counts_as_member = self.is_member or extra
        if own == Access.MEMBERS and not counts_as_member:
            return False
        if level == Access.PUBLIC or extra:
            return True
        return level == Access.MEMBERS and self.is_member


def is_staff(user: User | AnonymousUser | None) -> bool:
    """Programme staff: signed in, active and marked staff."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def staff_required(view: ViewFunc) -> ViewFunc:
    """Send anonymous visitors to the sign-in page; refuse signed-in non-staff with 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
