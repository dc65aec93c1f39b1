"""Fixed-window rate limits through Django's cache, so they hold across processes and hosts
when the cache is shared (Redis in production)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client address. Behind a proxy, gunicorn's ``forwarded_allow_ips`` decides whether
    ``REMOTE_ADDR`` can be trusted; we never read X-Forwarded-For ourselves."""
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key`` in ``scope``; True while within ``limit`` per ``window`` s."""
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.strip().lower().encode("utf-8")).hexdigest()[:32]
    cache_key = f"rl:{scope}:{digest}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 5):
        return 1 <= limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit
