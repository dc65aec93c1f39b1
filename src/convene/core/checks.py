"""System checks of Convene's own settings: the security settings of issue #16 and the site
address of issue #18, run by ``manage.py check --deploy``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

_PER_PROCESS_OR_NOT_ATOMIC = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.filebased.FileBasedCache",
)


@register(Tags.security, deploy=True)
def rate_limit_store_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Limits counted in a per-process store let each worker allow the full limit."""
    if settings.RATE_LIMIT_STORE != "cache":
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in _PER_PROCESS_OR_NOT_ATOMIC:
        return [
            Warning(
                "Rate limits are counted in a cache that is per process or not atomic "
                f"({backend}): each worker allows the full limit.",
                hint="Set CACHE_URL=redis://… or RATE_LIMIT_STORE=database.",
                id="convene.W001",
            )
        ]
    return []


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
                id="convene.W011",
            )
        ]
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return [
            Warning(
                f"SITE_URL points to this machine ({site_url}): links in mails would not work "
                "for the people who receive them.",
                hint="Set SITE_URL to the site's public address, e.g. https://convene.example.org",
                id="convene.W012",
            )
        ]
    return []
