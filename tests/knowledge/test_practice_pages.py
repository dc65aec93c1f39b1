"""The practice library's pages: the list with its GET search form, a practice's page, and the
staff pages that create, edit and delete practices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from convene.directory.services import organisation_create
from convene.knowledge.models import Practice
from convene.programme.models import Topic
from tests import factories
from tests.knowledge.practices import practice

pytestmark = pytest.mark.django_db

LIST = "/network/practices/"


def test_the_list_searches_and_marks_the_matches(client: Client) -> None:
    practice(title="Housing first", summary="Shelters opened in <em>Liège</em> in 2020.")
    practice(title="Campaign", summary="Posters in Mechelen.")

    page = client.get(LIST, {"q": "liege"}).content.decode()

    assert "Housing first" in page and "Campaign" not in page
    assert "<mark>Liège</mark>" in page
    assert "<em>" not in page  # the text's own markup is escaped (or dropped), never rendered


def test_the_filters_narrow_the_list_without_javascript(client: Client) -> None:
    topic = Topic.objects.get(slug="polarisation")
    mechelen = organisation_create(
        actor=None, name="Stad Mechelen", kind="local_authority", country="BE"
    )
    practice(title="Campaign", topics=[topic], organisations=[mechelen], country="BE")
    practice(title="Shelters", country="FR", evidence_level="externally_evaluated")

    by_city = client.get(LIST, {"city": mechelen.pk}).content.decode()
    by_evidence = client.get(LIST, {"evidence": "externally_evaluated"}).content.decode()
    by_topic = client.get(LIST, {"topic": "polarisation", "country": "BE"}).content.decode()

    assert "Campaign" in by_city and "Shelters" not in by_city
    assert "Shelters" in by_evidence and "Campaign" not in by_evidence
    assert "Campaign" in by_topic and "Shelters" not in by_topic
    assert f'href="/network/cities/{mechelen.pk}/"' in by_city


def test_an_unknown_filter_value_is_a_form_error_not_a_500(client: Client) -> None:
    practice(title="Campaign")

    response = client.get(LIST, {"city": "999999", "evidence": "rumour", "q": "x" * 500})

    assert response.status_code == 200
    assert "error-summary" in response.content.decode()


def test_the_list_costs_the_same_queries_for_one_practice_or_many(
    client: Client, django_assert_num_queries
) -> None:
    topic = Topic.objects.get(slug="polarisation")
    city = organisation_create(
        actor=None, name="Stad Mechelen", kind="local_authority", country="BE"
    )
    practice(title="Campaign 0", topics=[topic], organisations=[city], country="BE")
    client.get(LIST)  # sessions, caches

    # Filter choices (topics, countries, cities), count, page, topics, organisations (+ session).
    with django_assert_num_queries(QUERIES_LIST):
        client.get(LIST, {"q": "campaign"})
    for n in range(1, 6):
        practice(title=f"Campaign {n}", topics=[topic], organisations=[city], country="BE")
    with django_assert_num_queries(QUERIES_LIST):
        response = client.get(LIST, {"q": "campaign"})
    assert response.content.decode().count('class="card practice-card"') == 6


QUERIES_LIST = 7


def test_a_practice_page_shows_its_texts_and_links(client: Client) -> None:
    session = factories.session(title="Shelters webconference")
    item = practice(
        title={"en": "Housing first", "fr": "Le logement d'abord"},
        problem="Victims had nowhere to go.",
        sessions=[session],
        started_on=dt.date(2020, 3, 1),
        ongoing=True,
    )

    page = client.get(f"/network/practices/{item.slug}/").content.decode()
    page_fr = client.get(f"/network/practices/{item.slug}/", HTTP_ACCEPT_LANGUAGE="fr")

    assert "Victims had nowhere to go." in page and "Shelters webconference" in page
    assert "Le logement d&#x27;abord" in page_fr.content.decode()


def test_a_practice_nobody_may_see_answers_404(client: Client) -> None:
    item = practice(title="Hidden", access="staff")

    assert client.get(f"/network/practices/{item.slug}/").status_code == 404
    assert client.get("/network/practices/no-such-practice/").status_code == 404


def test_the_contact_person_is_not_shown_to_visitors(client: Client, staff_client: Client) -> None:
    from convene.directory.services import person_create

    contact = person_create(actor=None, email="ana@liege.example", name="Ana Contact")
    item = practice(title="Housing", contact=contact)

    assert (
        "ana@liege.example" not in client.get(f"/network/practices/{item.slug}/").content.decode()
    )
    assert (
        "ana@liege.example" in staff_client.get(f"/network/practices/{item.slug}/").content.decode()
    )


# Staff pages


def test_staff_create_edit_and_delete_a_practice(staff_client: Client) -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    data = {
        "title_en": "Shelters for victims",
        "title_fr": "Foyers pour victimes",
        "summary_en": "Rooms in Liège.",
        "language": "en",
        "country": "BE",
        "evidence_level": "monitored",
        "access": "public",
        "topics": [topic.pk],
    }

    response = staff_client.post(reverse("practices_staff:new"), data)
    item = Practice.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/network/practices/{item.slug}/"
    )
    assert item.slug == "shelters-for-victims" and list(item.topics.all()) == [topic]

    data.update(title_en="Shelters and housing", started_on="2021-01-01", ended_on="2020-01-01")
    refused = staff_client.post(reverse("practices_staff:edit", args=[item.pk]), data)
    assert refused.status_code == 400 and "must end after it starts" in refused.content.decode()

    data.update(ended_on="")
    staff_client.post(reverse("practices_staff:edit", args=[item.pk]), data)
    item.refresh_from_db()
    assert str(item.title) == "Shelters and housing"

    staff_client.post(reverse("practices_staff:delete", args=[item.pk]))
    assert not Practice.objects.exists()


def test_the_staff_pages_are_for_staff(client: Client) -> None:
    assert client.get(reverse("practices_staff:list")).status_code == 302
    assert client.post(reverse("practices_staff:new"), {"title_en": "x"}).status_code == 302
    assert not Practice.objects.exists()


def test_staff_list_shows_every_practice(staff_client: Client) -> None:
    practice(title="Open one")
    practice(title="Staff one", access="staff")

    page = staff_client.get(reverse("practices_staff:list")).content.decode()

    assert "Open one" in page and "Staff one" in page
