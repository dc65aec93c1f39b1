"""The staff hub of the network platform: one link in the staff bar, four places behind it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_hub_links_every_part_of_the_platform(staff_client: Client) -> None:
    page = staff_client.get("/staff/network/")
    assert page.status_code == 200
    html = page.content.decode()
    for address in (
        "/staff/network/sections/",
        "/staff/minutes/",
        "/staff/practices/",
        "/staff/proposals/",
        "/network/",
    ):
        assert f'href="{address}' in html, address
    # The staff bar names the hub once, as the current page.
    assert html.count('href="/staff/network/" aria-current="page"') == 1


def test_the_hub_is_for_staff_only(client: Client) -> None:
    answer = client.get("/staff/network/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]
