"""Uploading and deleting documents. The type is read from the content (``uploads``), the file
goes to the ``documents`` storage under a random name, and a failed write leaves no file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.access import Access
from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.validators import check_text
from convene.knowledge.models import Document, document_storage
from convene.knowledge.uploads import check_upload
from convene.programme.models import Session
from convene.sections.models import Section


def document_max_bytes() -> int:
    return int(settings.DOCUMENT_MAX_MB) * 1_000_000


def _clean_filename(filename: str) -> str:
    """The last part of the name the browser sent, without control characters, at most 255."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".")
    if not name:
        raise ValidationError({"file": _("The file has no name.")})
    if len(name) > 255:
        stem, dot, extension = name.rpartition(".")
        name = (stem[: 254 - len(extension)] + dot + extension) if dot else name[:255]
    return name


def _clean_title(title: str, filename: str) -> str:
    title = title.strip() or filename.rpartition(".")[0] or filename
    try:
        check_text(title)
    except ValueError as exc:
        raise ValidationError({"title": str(exc)}) from exc
    return title[:200]


def document_upload(
    *,
    actor: User | None,
    file: File,
    filename: str,
    title: str = "",
    session: Session | None = None,
    section: Section | None = None,
    access: str = Access.INHERIT,
) -> Document:
    """Keep ``file`` as a document of ``session`` or of ``section`` (exactly one of them).

    Refused with a ValidationError on ``file`` when it is empty, larger than
    ``DOCUMENT_MAX_MB``, not an accepted type, or named with another type's extension."""
    if (session is None) == (section is None):
        raise ValidationError(_("Attach the document to a session or to a section."))
    if access not in Access.values:
        raise ValidationError({"access": _("Unknown access.")})
    name = _clean_filename(filename)
    clean_title = _clean_title(title, name)
    size = file.size if file.size is not None else 0
    kind = check_upload(file, filename=name, size=size, max_bytes=document_max_bytes())
    document = Document(
        session=session,
        section=section,
        title=clean_title,
        filename=name,
        content_type=kind.content_type,
        size=size,
        access=access,
        uploaded_by=actor if actor is not None and actor.pk else None,
        uploaded_at=timezone.now(),
    )
    file.seek(0)
    document.file.save(name, file, save=False)
    stored = document.file.name or ""
    try:
        with transaction.atomic():
            document.save()
            audit_record(
                actor=actor,
                code="knowledge.document.uploaded",
                obj=document,
                details={"type": kind.content_type, "size": size},
            )
    except BaseException:
        document_storage().delete(stored)
        raise
    return document


@transaction.atomic
def document_delete(*, actor: User | None, document: Document) -> None:
    """Delete the document; its file goes once the deletion commits."""
    stored = document.file.name or ""
    audit_record(
        actor=actor,
        code="knowledge.document.deleted",
        obj=document,
        details={"filename": document.filename},
    )
    document.delete()
    transaction.on_commit(lambda: document_storage().delete(stored))
