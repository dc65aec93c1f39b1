"""Documents attached to a session or to a section. The file is kept through Django's storage
API (the ``documents`` storage: a folder by default, S3-compatible storage in production) and
is only ever served by a view that checks access, never from a public media address."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from convene.core.access import Access
from convene.programme.models import Session
from convene.sections.models import Section


def document_storage() -> Storage:
    """The ``documents`` storage of ``settings.STORAGES`` (see docs/configuration.md)."""
    return storages["documents"]


def document_upload_to(instance: Document, filename: str) -> str:
    """A random name: neither the uploader's file name nor the document's id is in it."""
    return f"documents/{uuid.uuid4().hex}"


class Document(models.Model):
    """A file attached to one session or one section, never both. It sits in the session's
    section (or that section) and may set its own, stricter access."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"), storage=document_storage, upload_to=document_upload_to, max_length=200
    )
    #: The name the file was uploaded with, given back in ``Content-Disposition``.
    filename = models.CharField(_("file name"), max_length=255)
    #: The type read from the content when it was uploaded (never the name's).
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    access = models.CharField(
        _("access"), max_length=16, choices=Access.choices, default=Access.INHERIT
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(session__isnull=False, section__isnull=True)
                | Q(session__isnull=True, section__isnull=False),
                name="knowledge_document_one_place",
            )
        ]

    def __str__(self) -> str:
        return self.title
