"""Absolute links to the site, for mails and files read away from it."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str) -> str:
    """``path`` (from ``reverse``) on the configured public address, SITE_URL."""
    return settings.SITE_URL + path
