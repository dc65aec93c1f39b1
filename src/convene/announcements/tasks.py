"""Sending an announcement: one job per announcement mails every recipient not mailed yet, so a
job that stopped half-way can simply run again."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from convene.announcements.models import AnnouncementRecipient
from convene.core.links import site_url
from convene.core.mail import add_list_unsubscribe, compose_mail
from convene.core.tokens import link_digest, new_secret
from convene.core.translated import translations


def _in(values: object, language: str) -> str:
    texts = translations(values)
    return texts.get(language) or texts.get("en", "")


@task()
def send_announcement_task(*, announcement_id: int) -> int:
    """Mail announcement ``announcement_id`` to its recipients not mailed yet; how many."""
    recipients = AnnouncementRecipient.objects.select_related(
        "announcement__series", "person"
    ).filter(announcement_id=announcement_id, mailed_at__isnull=True)
    sent = 0
    for recipient in recipients.iterator(chunk_size=200):
        announcement = recipient.announcement
        language = recipient.language if recipient.language in ("en", "fr") else "en"
        secret = new_secret()
        unsubscribe_url = site_url(reverse("announcements:unsubscribe", args=[secret]))
        context = {
            "name": recipient.person.name if recipient.person else "",
            "subject": _in(announcement.subject, language),
            "body": _in(announcement.body, language),
            "series_url": site_url(reverse("programme:series", args=[announcement.series.slug])),
            "unsubscribe_url": unsubscribe_url,
            "network": settings.NETWORK_NAME,
        }
        # Written by staff, so not Auto-Submitted; a list the person can leave in one click.
        mail = compose_mail(
            "announcements/mail/announcement",
            context,
            language=language,
            to=[recipient.email],
            automatic=False,
        )
        add_list_unsubscribe(mail, url=unsubscribe_url)
        # The link works before the mail can arrive.
        rows = AnnouncementRecipient.objects.filter(pk=recipient.pk)
        rows.update(token_digest=link_digest(secret))
        mail.send()
        rows.update(mailed_at=timezone.now())
        sent += 1
    return sent
