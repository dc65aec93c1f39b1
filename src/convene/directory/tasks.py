"""Background jobs of the directory: the member sign-in mail."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django_tasks import task

from convene.core.links import site_url
from convene.core.mail import compose_mail
from convene.core.tokens import SIGN_IN_LIFETIME, sign_in_token_issue
from convene.directory.models import Person


def sign_in_url(person: Person, *, next_path: str = "") -> str:
    """A new sign-in link (made here, when the mail is built, so the secret never waits in the
    job queue); ``next_path`` is where the person lands once signed in."""
    raw = sign_in_token_issue(subject_id=person.pk)
    path = reverse("members:sign-in-link", args=[raw])
    if next_path:
        path += "?" + urlencode({"next": next_path})
    return site_url(path)


@task()
def send_sign_in_link_task(*, person_id: int, next_path: str = "") -> int:
    """Mail a sign-in link (works once, for 30 minutes)."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        return 0
    context = {
        "person": person,
        "sign_in_url": sign_in_url(person, next_path=next_path),
        "minutes": int(SIGN_IN_LIFETIME.total_seconds() // 60),
    }
    message = compose_mail(
        "directory/mail/sign_in", context, language=person.preferred_language, to=[person.email]
    )
    return message.send()
