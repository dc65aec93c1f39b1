"""Staff put a series in a section and give a session a stricter access on the planning pages;
the public pages follow (tests/knowledge/test_permission_matrix.py has the full matrix)."""

from __future__ import annotations

import pytest

from convene.core.access import Access
from convene.programme.models import Series
from tests.network import Network
from tests.pages.test_planning import SERIES_POST, _session_post

pytestmark = pytest.mark.django_db


def test_a_series_in_a_members_section_hides_its_sessions(network: Network) -> None:
    staff = network.client("staff")
    data = {**SERIES_POST, "section": network.sections["members"].pk}
    assert staff.post("/staff/programme/series/new/", data).status_code == 302
    series = Series.objects.get(slug="spring-2027")
    assert series.section == network.sections["members"]
    response = staff.post(
        f"/staff/programme/series/{series.slug}/sessions/new/", {**_session_post(), "publish": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    session = series.sessions.get()
    assert network.client("anonymous").get(f"/sessions/{session.slug}/").status_code == 302
    assert network.client("member").get(f"/sessions/{session.slug}/").status_code == 200
    assert session.slug not in network.client("outsider").get("/programme/").content.decode()


def test_a_session_made_stricter_on_its_edit_page(network: Network) -> None:
    session = network.sessions["public"]
    staff = network.client("staff")
    page = staff.get(f"/staff/programme/sessions/{session.slug}/edit/")
    assert 'name="access"' in page.content.decode()
    data = _session_post(access=Access.MEMBERS)
    del data["slug"]
    response = staff.post(f"/staff/programme/sessions/{session.slug}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.access == Access.MEMBERS
    assert network.client("anonymous").get(f"/sessions/{session.slug}/").status_code == 302
    assert network.client("outsider").get(f"/sessions/{session.slug}/").status_code == 403
