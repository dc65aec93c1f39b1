"""When minutes are first published, the session's confirmed registrants are mailed once: those
who may read them get the link, the others a note that they are for members and how to join."""

from __future__ import annotations

import pytest
from django.conf import LazySettings

from convene.core.access import Access
from convene.core.mail import OutboxMessage, outbox_list
from convene.directory.models import Person
from convene.directory.services import person_create
from convene.knowledge.models import Minutes, MinutesNotice, MinutesNoticeKind
from convene.knowledge.services.minutes import minutes_publish, minutes_save, minutes_unpublish
from convene.knowledge.tasks import send_minutes_notices_task
from convene.programme.models import Series, Session
from convene.registrations.models import Registration
from convene.registrations.services import registration_cancel, registration_staff_add
from convene.sections.models import Section
from tests import factories as f
from tests.network import Network

pytestmark = pytest.mark.django_db

REGISTRANTS = ["outsider", "other", "unverified", "member", "former", "extra"]


def _session(network: Network, section: str) -> Session:
    series = f.series()
    Series.objects.filter(pk=series.pk).update(section=network.sections[section])
    return f.session(Series.objects.get(pk=series.pk))


def _register(network: Network, session: Session, people: list[Person]) -> None:
    for person in people:
        registration_staff_add(
            actor=network.users["staff"],
            session=session,
            name=person.name,
            email=person.email,
            language=person.preferred_language,
        )


def _knowledge_mails() -> dict[str, OutboxMessage]:
    """The minutes mails in the outbox, by recipient (each recipient once, or the test fails)."""
    mails = [m for m in outbox_list() if "inutes" in m.subject or "ompte rendu" in m.subject]
    by_recipient = {m.to: m for m in mails}
    assert len(by_recipient) == len(mails), [m.to for m in mails]
    return by_recipient


def _publish(minutes: Minutes, capture) -> Minutes:  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return minutes_publish(actor=None, minutes=minutes)


def test_readers_get_the_link_and_the_others_how_to_join_once(
    network: Network, django_capture_on_commit_callbacks, settings: LazySettings
) -> None:
    settings.NETWORK_NAME = "Efus"
    settings.MEMBERSHIP_CONTACT_EMAIL = "join@efus.example"
    session = _session(network, "members")
    _register(network, session, [network.people[role] for role in REGISTRANTS])
    gone = person_create(actor=None, email="gone@liege.example", name="Gone", organisation=None)
    _register(network, session, [gone])
    registration_cancel(
        actor=None, registration=Registration.objects.get(session=session, person=gone)
    )
    minutes = minutes_save(actor=None, session=session, body={"en": "# Decisions"})
    _publish(minutes, django_capture_on_commit_callbacks)

    mails = _knowledge_mails()
    # Confirming the registration verified the "unverified" person's email: a member user now.
    readers = {"other", "member", "extra", "unverified"}
    assert set(mails) == {network.people[role].email for role in REGISTRANTS}  # not "gone"
    link = f"/network/sessions/{session.slug}/minutes/"
    for role in REGISTRANTS:
        mail = mails[network.people[role].email]
        if role in readers:
            assert mail.subject == f"Minutes published: {session.title}"
            assert link in mail.text and "join@efus.example" not in mail.text
        else:
            assert mail.subject == f"Minutes of {session.title}: for members"
            assert "for the members of Efus only" in mail.text
            assert "join@efus.example" in mail.text and "/network/membership/" in mail.text
    kinds = dict(MinutesNotice.objects.values_list("person__email", "kind"))
    assert kinds[network.people["member"].email] == MinutesNoticeKind.READER
    assert kinds[network.people["former"].email] == MinutesNoticeKind.NOT_MEMBER

    # Published again after a return to draft, or the job run twice: nobody is mailed twice.
    minutes = minutes_unpublish(actor=None, minutes=minutes)
    _publish(minutes, django_capture_on_commit_callbacks)
    assert send_minutes_notices_task.call(minutes_id=minutes.pk) == 0
    assert len(_knowledge_mails()) == len(REGISTRANTS)


def test_a_registrant_who_joined_after_the_first_run_is_mailed_by_a_later_run(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    session = _session(network, "members")
    _register(network, session, [network.people["member"]])
    minutes = _publish(
        minutes_save(actor=None, session=session, body={"en": "x"}),
        django_capture_on_commit_callbacks,
    )
    _register(network, session, [network.people["other"]])
    assert send_minutes_notices_task.call(minutes_id=minutes.pk) == 1
    assert set(_knowledge_mails()) == {
        network.people["member"].email,
        network.people["other"].email,
    }


def test_public_minutes_go_to_everyone_and_stricter_ones_to_nobody_as_readers(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    public = _session(network, "public")
    _register(network, public, [network.people["outsider"], network.people["member"]])
    _publish(
        minutes_save(actor=None, session=public, body={"en": "x"}),
        django_capture_on_commit_callbacks,
    )
    assert {m.subject for m in _knowledge_mails().values()} == {
        f"Minutes published: {public.title}"
    }

    strict = _session(network, "public")
    _register(network, strict, [network.people["member"]])
    minutes = minutes_save(actor=None, session=strict, body={"en": "x"}, access=Access.STAFF)
    _publish(minutes, django_capture_on_commit_callbacks)
    notice = MinutesNotice.objects.get(minutes=minutes)
    assert notice.kind == MinutesNoticeKind.NOT_MEMBER


def test_a_registrant_without_an_account_is_judged_by_the_rule(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    """A Liège official who registered but never signed in is a member user by the rule once
    their email is verified: they get the link, not the invitation to join."""
    from convene.directory.services.accounts import person_email_verify

    newcomer = person_create(
        actor=None,
        email="newcomer@liege.example",
        name="Newcomer",
        organisation=network.organisations["liege"],
    )
    person_email_verify(person=newcomer)
    assert newcomer.user_id is None
    session = _session(network, "members")
    _register(network, session, [newcomer])
    _publish(
        minutes_save(actor=None, session=session, body={"en": "x"}),
        django_capture_on_commit_callbacks,
    )
    assert MinutesNotice.objects.get(person=newcomer).kind == MinutesNoticeKind.READER


def test_nothing_is_sent_for_minutes_back_to_draft_before_the_job_ran(network: Network) -> None:
    session = _session(network, "members")
    _register(network, session, [network.people["member"]])
    minutes = minutes_save(actor=None, session=session, body={"en": "x"})
    minutes = minutes_publish(actor=None, minutes=minutes)  # the job is queued, not yet run
    minutes_unpublish(actor=None, minutes=minutes)
    assert send_minutes_notices_task.call(minutes_id=minutes.pk) == 0
    assert send_minutes_notices_task.call(minutes_id=999_999) == 0
    assert not MinutesNotice.objects.exists()
    assert Section.objects.exists()


def test_each_registrant_is_mailed_in_their_language(
    network: Network, django_capture_on_commit_callbacks
) -> None:
    Person.objects.filter(pk=network.people["outsider"].pk).update(preferred_language="fr")
    Person.objects.filter(pk=network.people["member"].pk).update(preferred_language="fr")
    session = _session(network, "members")
    Session.objects.filter(pk=session.pk).update(title={"en": "Shelters", "fr": "Hébergement"})
    _register(network, session, [network.people["outsider"], network.people["member"]])
    minutes = minutes_save(actor=None, session=session, body={"en": "x"})
    _publish(minutes, django_capture_on_commit_callbacks)
    mails = _knowledge_mails()
    assert mails[network.people["member"].email].subject == "Compte rendu publié : Hébergement"
    outsider = mails[network.people["outsider"].email]
    assert outsider.subject == "Compte rendu de Hébergement : réservé aux membres"
    assert "Comment votre organisation" not in outsider.text  # the page says it, not the mail
    assert "Qui est membre, et comment adhérer :" in outsider.text


@pytest.mark.parametrize("own", [Access.INHERIT, Access.MEMBERS, Access.STAFF])
@pytest.mark.parametrize("section", ["public", "members", "inheriting", "staff"])
def test_who_may_read_is_worked_out_for_all_registrants_at_once_as_for_each(
    network: Network, section: str, own: str
) -> None:
    """The notices job asks once for all registrants (issue 20: a query or two per person made
    the demo's 2,283 notices slow); the answer is the rule's for each person."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from convene.directory.services.accounts import person_email_verify
    from convene.knowledge.access import people_may_view, person_may_view

    newcomer = person_create(
        actor=None,
        email="newcomer@liege.example",
        name="Newcomer",
        organisation=network.organisations["liege"],
    )
    person_email_verify(person=newcomer)
    minutes = minutes_save(actor=None, session=_session(network, section), body={"en": "x"})
    Minutes.objects.filter(pk=minutes.pk).update(access=own)
    minutes = Minutes.objects.select_related("session__series__section").get(pk=minutes.pk)
    people = list(Person.objects.select_related("organisation", "user").order_by("pk"))
    expected = {p.pk for p in people if person_may_view(p, minutes)}
    with CaptureQueriesContext(connection) as queries:
        assert people_may_view(people, minutes) == expected
    assert len(queries) <= 4
