"""System checks of the security settings (issue #16), run by ``manage.py check --deploy``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register

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
