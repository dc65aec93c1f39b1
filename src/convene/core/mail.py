"""Outgoing mail: how every mail is built (``ConveneMail``, ``compose_mail``) and the outbox.

Every mail has a text and an HTML part, a ``Message-ID`` on the site's domain, a ``Date`` with
the site's zone offset, and a subject that strict parsers read back unchanged; automatic mails
say so (``Auto-Submitted``, RFC 3834) and bulk staff mails carry ``List-Unsubscribe``
(RFC 2369, RFC 8058 one-click) through ``add_list_unsubscribe``.

The outbox writes each message as one ``.eml`` file under var/outbox/: a newcomer can read
confirmation mails at /staff/outbox/ and click their links without a mail server. With
``EMAIL_URL=smtp://…`` Django's SMTP backend is used instead.
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
from email.header import Header
from email.message import EmailMessage as StdEmailMessage
from email.utils import format_datetime, make_msgid, parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

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


def site_domain() -> str:
    """The host name of ``SITE_URL``: the right-hand side of every ``Message-ID``."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


class ConveneMail(EmailMultiAlternatives):
    """A mail with the headers clients and spam filters expect, whoever builds it.

    Django 5.2 would write ``Date: … -0000`` and a ``Message-ID`` on the machine's own name
    (``@localhost`` in a container), and folds a long header (a non-ASCII subject, a
    ``List-Unsubscribe`` URL) so that its first line is empty: a parser then reads the value
    with a leading space.
    """

    def message(self, **kwargs: Any) -> Any:
        names = {name.lower() for name in self.extra_headers}
        if "message-id" not in names:
            self.extra_headers["Message-ID"] = make_msgid(domain=site_domain())
        if "date" not in names:
            self.extra_headers["Date"] = format_datetime(timezone.localtime())
        message = super().message(**kwargs)
        subject = str(self.subject)
        if not subject.isascii():
            # Encoded words folded with the header's name counted in the first line.
            message.replace_header(
                "Subject", Header(subject, "utf-8", header_name="Subject").encode()
            )
        # Fold only what RFC 5322 requires (998): a URL has no space to fold at anyway.
        message.policy = email.policy.compat32.clone(max_line_length=998)
        return message


def add_list_unsubscribe(message: EmailMessage, *, url: str, mailto: str = "") -> None:
    """Mark a bulk mail as leaving a list: ``List-Unsubscribe`` with ``url`` (and a ``mailto:``
    address if given), and ``List-Unsubscribe-Post`` for one-click unsubscribing (RFC 8058).

    ``url`` must unsubscribe on a POST of ``List-Unsubscribe=One-Click`` without asking
    anything more, and must not act on GET (mail scanners follow links).
    """
    targets = [f"<{url}>"] + ([f"<mailto:{mailto}?subject=unsubscribe>"] if mailto else [])
    message.extra_headers["List-Unsubscribe"] = ", ".join(targets)
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


def render_html(text: str, *, subject: str, language: str) -> str:
    """The HTML part of a mail: its text as paragraphs with live links, in a plain accessible
    page (language, title, no image, style or request to any host)."""
    from django.template.loader import render_to_string

    return render_to_string(
        "mail/message.html", {"text": text, "subject": subject, "language": language}
    )


def compose_mail(
    template_prefix: str,
    context: dict[str, Any],
    *,
    language: str,
    to: list[str],
    automatic: bool = True,
) -> ConveneMail:
    """A mail rendered from ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` in ``language``,
    with its HTML part. ``automatic``: sent by Convene itself, not written by a person."""
    subject, text = render_mail(template_prefix, context, language)
    message = ConveneMail(subject=subject, body=text, to=to)
    message.attach_alternative(render_html(text, subject=subject, language=language), "text/html")
    if automatic:
        message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message


def render_mail(template_prefix: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    """(subject, body) from ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` in ``language``."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(language):
        subject = render_to_string(f"{template_prefix}_subject.txt", context)
        body = render_to_string(f"{template_prefix}_body.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"
