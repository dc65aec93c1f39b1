"""City pages and Find peers, on the roles of tests/network.py. People appear only to member
users and staff, and only when they opted in, verified their email and belong to a member."""

from __future__ import annotations

import pytest

from convene.directory.services.accounts import person_directory_listing_set
from convene.programme.models import Series, Topic
from convene.programme.services import speaker_add
from tests import factories
from tests.knowledge.practices import practice
from tests.network import Network

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(network: Network) -> Network:
    """Everyone with a person opts in to the participant directory."""
    for person in network.people.values():
        person_directory_listing_set(actor=None, person=person, listed=True)
    return network


def city_url(network: Network, name: str = "liege") -> str:
    return f"/network/cities/{network.organisations[name].pk}/"


def test_a_city_page_lists_its_practices_sessions_and_for_members_its_people(
    listed: Network,
) -> None:
    liege = listed.organisations["liege"]
    session = factories.session(title="Shelters webconference")
    speaker_add(actor=None, session=session, person=listed.people["member"])
    practice(title="Housing first", organisations=[liege])
    practice(title="Members-only practice", organisations=[liege], access="members")
    practice(title="Essen practice", organisations=[listed.organisations["essen"]])

    anonymous = listed.client("anonymous").get(city_url(listed)).content.decode()
    member = listed.client("member").get(city_url(listed)).content.decode()

    assert "Housing first" in anonymous and "Shelters webconference" in anonymous
    assert "Members-only practice" not in anonymous and "Essen practice" not in anonymous
    assert "member@liege.example" not in anonymous
    assert "shown to member users" in anonymous
    assert "Members-only practice" in member
    assert "member@liege.example" in member
    assert "unverified@liege.example" not in member  # listed, but the email is not verified


@pytest.mark.parametrize(
    ("role", "sees_people"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("unverified", False),
        ("former", False),
        ("extra", False),
        ("other", True),
        ("member", True),
        ("staff", True),
    ],
)
def test_who_sees_the_people_of_a_city(listed: Network, role: str, sees_people: bool) -> None:
    page = listed.client(role).get(city_url(listed)).content.decode()

    assert ("member@liege.example" in page) is sees_people


def test_people_who_did_not_opt_in_or_whose_membership_ended_are_not_listed(
    network: Network,
) -> None:
    person_directory_listing_set(actor=None, person=network.people["former"], listed=True)

    member = network.client("member")
    liege = member.get(city_url(network)).content.decode()
    rotterdam = member.get(city_url(network, "rotterdam")).content.decode()

    assert "member@liege.example" not in liege  # never opted in
    assert "former@rotterdam.example" not in rotterdam  # Rotterdam's membership ended
    assert "Nobody here has opted in" in liege


def test_only_local_authorities_have_a_city_page(network: Network) -> None:
    client = network.client("anonymous")

    assert client.get(city_url(network, "ngo")).status_code == 404
    assert client.get("/network/cities/999999/").status_code == 404


def test_a_session_in_a_members_section_is_not_shown_to_visitors(network: Network) -> None:
    series = factories.series()
    # No service sets a series' section yet; the row is one a service would write.
    Series.objects.filter(pk=series.pk).update(section=network.sections["members"])
    session = factories.session(series, title="Closed meeting")
    speaker_add(actor=None, session=session, person=network.people["member"])

    assert (
        "Closed meeting" not in network.client("anonymous").get(city_url(network)).content.decode()
    )
    assert "Closed meeting" in network.client("member").get(city_url(network)).content.decode()


QUERIES_CITY_MEMBER = 10


def test_the_city_page_costs_the_same_queries_however_much_it_lists(
    listed: Network, django_assert_num_queries
) -> None:
    liege = listed.organisations["liege"]
    topic = Topic.objects.get(slug="domestic-violence")
    client = listed.client("member")
    practice(title="Practice 0", organisations=[liege], topics=[topic])
    speaker_add(actor=None, session=factories.session(), person=listed.people["member"])
    client.get(city_url(listed))

    with django_assert_num_queries(QUERIES_CITY_MEMBER):
        client.get(city_url(listed))
    for n in range(1, 5):
        session = factories.session()
        practice(title=f"Practice {n}", organisations=[liege], topics=[topic], sessions=[session])
        speaker_add(actor=None, session=factories.session(), person=listed.people["unverified"])
    with django_assert_num_queries(QUERIES_CITY_MEMBER):
        response = client.get(city_url(listed))
    assert response.content.decode().count('class="card practice-card"') == 5


# Find peers


def test_find_peers_by_topic_lists_the_cities_their_practices_and_for_members_people(
    listed: Network,
) -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    practice(title="Shelters", organisations=[listed.organisations["liege"]], topics=[topic])
    practice(title="Hotline", organisations=[listed.organisations["essen"]], topics=[topic])
    practice(title="Posters", organisations=[listed.organisations["rotterdam"]])

    anonymous = listed.client("anonymous").get("/network/peers/", {"topic": "domestic-violence"})
    member = listed.client("member").get("/network/peers/", {"topic": "domestic-violence"})
    page = member.content.decode()

    assert "Ville de Liège" in page and "Stadt Essen" in page and "Rotterdam" not in page
    assert "Shelters" in page and "Hotline" in page and "Posters" not in page
    assert "member@liege.example" in page and "other@essen.example" in page
    assert "@" not in anonymous.content.decode().split("<main")[1].split("</main>")[0]


def test_find_peers_by_a_problem_in_words(listed: Network) -> None:
    practice(
        title="Foyers d'hébergement",
        summary={"en": "Shelters for victims", "fr": "Hébergement des victimes"},
        organisations=[listed.organisations["essen"]],
    )
    practice(title="Night buses", organisations=[listed.organisations["liege"]])

    page = listed.client("member").get("/network/peers/", {"problem": "HEBERGEMENT"})
    text = page.content.decode()

    assert "Stadt Essen" in text and "other@essen.example" in text
    assert "Ville de Liège" not in text


def test_speakers_of_sessions_on_the_topic_bring_their_city(listed: Network) -> None:
    topic = Topic.objects.get(slug="polarisation")
    session = factories.session(title="Polarisation talk", topics=[topic])
    speaker_add(actor=None, session=session, person=listed.people["other"])

    page = listed.client("member").get("/network/peers/", {"topic": "polarisation"})

    assert "Stadt Essen" in page.content.decode() and "Polarisation talk" in page.content.decode()


def test_find_peers_without_a_question_lists_nobody(listed: Network) -> None:
    page = listed.client("member").get("/network/peers/").content.decode()

    assert "member@liege.example" not in page


QUERIES_PEERS_MEMBER = 14


def test_find_peers_costs_the_same_queries_however_many_cities_match(
    listed: Network, django_assert_num_queries
) -> None:
    topic = Topic.objects.get(slug="domestic-violence")
    client = listed.client("member")
    session = factories.session(topics=[topic])
    speaker_add(actor=None, session=session, person=listed.people["other"])
    practice(title="P0", organisations=[listed.organisations["liege"]], topics=[topic])
    client.get("/network/peers/", {"topic": "domestic-violence"})

    with django_assert_num_queries(QUERIES_PEERS_MEMBER):
        client.get("/network/peers/", {"topic": "domestic-violence"})
    for name in ("essen", "rotterdam", "ngo", "lab"):
        practice(
            title=f"P {name}",
            organisations=[listed.organisations[name]],
            topics=[topic],
            sessions=[factories.session(topics=[topic])],
        )
    with django_assert_num_queries(QUERIES_PEERS_MEMBER):
        response = client.get("/network/peers/", {"topic": "domestic-violence"})
    assert response.content.decode().count('<article class="card"') == 5


def test_a_practice_page_links_to_its_section(network: Network) -> None:
    section = network.sections["public"]
    item = practice(title="Street lighting", section=section)

    page = network.client("anonymous").get(f"/network/practices/{item.slug}/").content.decode()

    assert f'href="/network/{section.slug}/"' in page


def test_a_section_page_lists_its_practices_the_viewer_may_see(network: Network) -> None:
    section = network.sections["members"]
    practice(title="Crisis cells", section=section)
    practice(title="Board-only crisis notes", section=section, access="staff")

    member = network.client("member").get(f"/network/{section.slug}/").content.decode()
    staff = network.client("staff").get(f"/network/{section.slug}/").content.decode()

    assert "Crisis cells" in member and "Board-only crisis notes" not in member
    assert "Board-only crisis notes" in staff
