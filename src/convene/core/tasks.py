"""Background jobs of the core app. Tasks take plain values (ids, strings), never model
instances, so a job queued before a change reads the data as it is when it runs."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_mail_task(
    *, subject: str, body: str, to: list[str], html: str = "", reply_to: list[str] | None = None
) -> int:
    """Send one mail through the configured backend (the outbox by default)."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()
