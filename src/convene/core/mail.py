"""The outbox: outgoing mail written as one ``.eml`` file per message under var/outbox/.

A newcomer can read confirmation mails at /staff/outbox/ and click their links without a
mail server. With ``EMAIL_URL=smtp://…`` Django's SMTP backend is used instead.
"""

from __future__ import annotations

import email
import email.policy
import os
import tempfile
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage as StdEmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

_NAME_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.")


def outbox_dir() -> Path:
    path = Path(settings.OUTBOX_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


class OutboxBackend(BaseEmailBackend):
    """Writes each message atomically (temp file, then rename) so readers never see half."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        directory = outbox_dir()
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            stamp = datetime.now(tz=UTC).strftime("%Y%m%dT%H%M%S%f")
            name = f"{stamp}-{uuid.uuid4().hex[:12]}.eml"
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(message.message().as_bytes())
                os.replace(tmp, directory / name)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent


@dataclass(frozen=True)
class OutboxMessage:
    """One message in the outbox, parsed with the standard library."""

    name: str
    subject: str
    sender: str
    to: str
    date: datetime | None
    text: str
    html: str
    attachments: list[tuple[str, str, int]]

    @classmethod
    def parse(cls, name: str, raw: bytes) -> OutboxMessage:
        parsed: Any = email.message_from_bytes(raw, policy=email.policy.default)
        message: StdEmailMessage = parsed
        text_part = message.get_body(preferencelist=("plain",))
        html_part = message.get_body(preferencelist=("html",))
        attachments = [
            (
                part.get_filename() or "",
                part.get_content_type(),
                len(part.get_payload(decode=True) or b""),
            )
            for part in message.iter_attachments()
        ]
        try:
            date = parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            date = None
        return cls(
            name=name,
            subject=str(message["Subject"] or ""),
            sender=str(message["From"] or ""),
            to=str(message["To"] or ""),
            date=date,
            text=text_part.get_content() if text_part is not None else "",
            html=html_part.get_content() if html_part is not None else "",
            attachments=attachments,
        )


def outbox_list(*, limit: int = 200) -> list[OutboxMessage]:
    """The newest messages first (file names start with a UTC timestamp)."""
    names = sorted((p.name for p in outbox_dir().glob("*.eml")), reverse=True)[:limit]
    return [OutboxMessage.parse(n, (outbox_dir() / n).read_bytes()) for n in names]


def outbox_get(*, name: str) -> OutboxMessage | None:
    """One message by file name; None for a name that is not a plain outbox file name."""
    if not name.endswith(".eml") or name.startswith(".") or not set(name) <= _NAME_CHARS:
        return None
    path = outbox_dir() / name
    if not path.is_file():
        return None
    return OutboxMessage.parse(name, path.read_bytes())


def outbox_attachment(*, name: str, index: int) -> tuple[str, str, bytes] | None:
    """The ``index``-th attachment of message ``name`` as (filename, content type, bytes)."""
    if outbox_get(name=name) is None:
        return None
    parsed: Any = email.message_from_bytes(
        (outbox_dir() / name).read_bytes(), policy=email.policy.default
    )
    for position, part in enumerate(parsed.iter_attachments()):
        if position == index:
            return (
                part.get_filename() or "attachment",
                part.get_content_type(),
                part.get_payload(decode=True) or b"",
            )
    return None


def render_mail(template_prefix: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """(subject, body) from ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` in ``language``."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"
