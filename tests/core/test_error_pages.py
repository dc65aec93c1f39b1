"""403, 404 and 500 pages: in the site's layout, in English and French, with a way on."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "new_link"),
    [
        ("en", "Page not found", "Get a new link to my registrations"),
        ("fr", "Page introuvable", "Recevoir un nouveau lien vers mes inscriptions"),
    ],
)
def test_404_is_in_the_layout_and_the_language(client, language, title, new_link):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE=language)
    body = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in body
    assert 'href="#main"' in body and "<nav" in body  # the site's layout
    assert f"<h1>{title}</h1>" in body
    assert new_link in body
    assert "Not Found" not in body


@pytest.mark.parametrize(("language", "title"), [("en", "Access denied"), ("fr", "Accès refusé")])
def test_403_is_in_the_layout_and_the_language(language, title):
    request = RequestFactory().get("/staff/")
    with translation.override(language):
        response = defaults.permission_denied(request, PermissionDenied())
    body = response.content.decode()
    assert response.status_code == 403
    assert f"<h1>{title}</h1>" in body
    assert 'href="#main"' in body


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Something went wrong"), ("fr", "Une erreur est survenue")]
)
def test_500_renders_without_a_request_context(language, title):
    with translation.override(language):
        body = get_template("500.html").render()  # as server_error does: no request at all
        response = defaults.server_error(RequestFactory().get("/"))
    assert f"<h1>{title}</h1>" in body
    assert 'href="#main"' in body and "<nav" in body
    assert response.status_code == 500
    assert title in response.content.decode()
