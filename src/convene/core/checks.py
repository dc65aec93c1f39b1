"""System checks of Convene's own settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", ""})  # noqa: S104


@register(Tags.security, deploy=True)
def site_url_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Links in mails start with SITE_URL: in production it must be the public address."""
    site_url = getattr(settings, "SITE_URL", "")
    host = urlsplit(site_url).hostname or ""
    if not site_url:
        return [
            Warning(
                "SITE_URL is not set: links in mails would have no address.",
                hint="Set SITE_URL to the site's public address, e.g. https://convene.example.org",
                id="convene.W001",
            )
        ]
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Warning(
                f"SITE_URL points to this machine ({site_url}): links in mails would not work "
                "for the people who receive them.",
                hint="Set SITE_URL to the site's public address, e.g. https://convene.example.org",
                id="convene.W002",
            )
        ]
    return []
