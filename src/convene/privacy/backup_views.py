"""The staff page of backups: start one (a background job) and list those made.

Restoring is deliberately not on a page: it replaces the whole database, so it is run from the
command line only (``convene restore PATH``, docs/backup.md)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from convene.core.access import staff_required
from convene.core.models import User
from convene.core.tasks import enqueue_with_transaction
from convene.privacy.backup import backup_list
from convene.privacy.backup.service import backup_dir
from convene.privacy.tasks import create_backup_task


@staff_required
@require_http_methods(["GET", "POST"])
def backups(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        enqueue_with_transaction(create_backup_task, actor_id=cast(User, request.user).pk)
        messages.success(
            request,
            _("The backup has started; it appears in the list below when it is written."),
        )
        return redirect(reverse("privacy_staff:backups"))
    return render(
        request,
        "privacy/staff/backups.html",
        {"backups": backup_list(), "folder": backup_dir()},
    )
