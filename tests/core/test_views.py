import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "vendor": connection.vendor}
    assert "no-cache" in response["Cache-Control"]


def test_home_says_what_the_network_offers(client):
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "What the network offers" in body
    assert 'href="#main"' in body  # skip link
    assert "<main" in body and "<nav" in body


def test_about_credits_geonames(client):
    body = client.get(reverse("about")).content.decode()
    assert "GeoNames" in body and "Creative Commons Attribution 4.0" in body


def test_pages_request_nothing_from_other_hosts(client):
    """Every src/href that loads a resource points at this site."""
    import re

    body = client.get(reverse("home")).content.decode()
    loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', body)
    assert loaded and all(url.startswith("/") for url in loaded)
