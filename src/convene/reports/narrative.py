"""The report's paragraph, written from the figures in English or French.

In the style of the network's own reports: "In total, 1,090 people registered for one or more
webconferences, with an audience of 50 to 90 per session. 110 local authorities were
represented, including 68 members, and 158 institutions of various kinds (…)." Numbers are
formatted for the language by babel (``1,090`` in English, ``1 090`` in French).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convene.reports.document import ReportDocument


def number(value: float, language: str) -> str:
    """``value`` as the language writes it: grouped thousands, at most one decimal (half up)."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format="#,##0.#", locale=language)


def institution_kind_names() -> dict[str, str]:
    """Each institution kind as the paragraph names a group of them."""
    return {
        "public_body": _("public institutions"),
        "research": _("research"),
        "ngo": _("non-governmental organisations"),
        "private": _("the private sector"),
        "other": _("other organisations"),
    }


def _registrants(figures: dict[str, Any], n: Any) -> str:
    people = figures["registrants"]
    if figures["sessions"] == 1:
        return ngettext(
            "In total, %(people)s person registered for the webconference",
            "In total, %(people)s people registered for the webconference",
            people,
        ) % {"people": n(people)}
    return ngettext(
        "In total, %(people)s person registered for one or more of the %(sessions)s webconferences",
        "In total, %(people)s people registered for one or more of the %(sessions)s webconferences",
        people,
    ) % {"people": n(people), "sessions": n(figures["sessions"])}


def _audience(figures: dict[str, Any], n: Any) -> str:
    """The audience: its range and mean over the sessions whose attendance is recorded (those
    that took place), saying how many when that is not every session."""
    audience = figures["audience"]
    if audience["min"] is None:
        return "."
    held = len(audience["per_session"])
    values = {
        "min": n(audience["min"]),
        "max": n(audience["max"]),
        "mean": n(audience["mean"]),
        "count": n(held),
    }
    if held == figures["sessions"]:
        if audience["min"] == audience["max"]:
            return _(", with an audience of %(min)s per session.") % values
        return (
            _(", with an audience of %(min)s to %(max)s per session (%(mean)s on average).")
            % values
        )
    if held == 1:
        return _(
            ", with an audience of %(min)s at the one session whose attendance is recorded."
        ) % (values)
    if audience["min"] == audience["max"]:
        return (
            _(
                ", with an audience of %(min)s at each of the %(count)s sessions whose attendance "
                "is recorded."
            )
            % values
        )
    return (
        _(
            ", with an audience of %(min)s to %(max)s per session (%(mean)s on average over the "
            "%(count)s sessions whose attendance is recorded)."
        )
        % values
    )


def _authorities(authorities: dict[str, Any], n: Any) -> str:
    total, members = authorities["represented"], authorities["members"]
    if total == 0:
        return _("No local or regional authority was represented")
    by_kind = authorities["by_kind"]
    values = {"count": n(total)}
    if by_kind["regional_authority"] == 0:
        sentence = ngettext(
            "%(count)s local authority was represented",
            "%(count)s local authorities were represented",
            total,
        )
    elif by_kind["local_authority"] == 0:
        sentence = ngettext(
            "%(count)s regional authority was represented",
            "%(count)s regional authorities were represented",
            total,
        )
    else:
        sentence = _("%(count)s local and regional authorities were represented")
    if members == 0:
        return (sentence + _(", none of them a member")) % values
    return (
        sentence
        + ngettext(", including %(members)s member", ", including %(members)s members", members)
    ) % {
        **values,
        "members": n(members),
    }


def _institutions(institutions: dict[str, Any], n: Any, language: str) -> str:
    total = institutions["total"]
    if total == 0:
        return _(", and no other institution.")
    names = institution_kind_names()
    kinds = [names[kind] for kind, count in institutions["by_kind"].items() if count]
    listed = format_list(kinds, locale=language)
    if len(kinds) > 1:
        return _(", and %(count)s institutions of various kinds (%(kinds)s).") % {
            "count": n(total),
            "kinds": listed,
        }
    return ngettext(
        ", and %(count)s other institution (%(kinds)s).",
        ", and %(count)s other institutions (%(kinds)s).",
        total,
    ) % {"count": n(total), "kinds": listed}


def _countries(figures: dict[str, Any], n: Any) -> str:
    count = figures["countries"]
    if count == 0:
        return ""
    return ngettext(
        "They came from %(count)s country.", "They came from %(count)s countries.", count
    ) % {"count": n(count)}


def narrative(document: ReportDocument, language: str) -> str:
    """The paragraph for ``document``, in ``language`` (``en`` or ``fr``)."""
    figures = document.figures

    def n(value: float) -> str:
        return number(value, language)

    with translation.override(language):
        sentences = [
            _registrants(figures, n) + _audience(figures, n),
            _authorities(figures["local_authorities"], n)
            + _institutions(figures["institutions"], n, language),
            _countries(figures, n),
        ]
        if document.represented_by == "attendees":
            sentences.append(
                _("Organisations and countries are counted when at least one person attended.")
            )
    return " ".join(sentence for sentence in sentences if sentence)
