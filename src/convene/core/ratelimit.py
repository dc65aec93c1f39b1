"""Rate limits that hold across processes and hosts.

Each limit is a fixed window counted in a store every process shares:

* ``RATE_LIMIT_STORE = "database"`` (the default): a row of
  :class:`~convene.core.models.RateCounter` per window, incremented by one
  ``UPDATE … SET count = count + 1``. The row lock that the update takes serialises concurrent
  hits, so two workers can never both see the same count.
* ``RATE_LIMIT_STORE = "cache"``: the default cache, which must be shared and atomic: Redis
  (``CACHE_URL=redis://…``), whose ``INCR`` is atomic. A system check warns in production when
  the cache is per process.

The client's address (:func:`client_ip`) is ``REMOTE_ADDR`` unless trusted proxies are
configured; a header the client sets is never believed on its own.
"""

from __future__ import annotations

import hashlib
import ipaddress
import time
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from convene.core.models import RateCounter

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _trusted_networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in spec if item.strip())


def _parse_ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's address.

    * With ``TRUSTED_PROXIES`` (addresses or networks of the load balancers): when the peer is
      one of them, X-Forwarded-For is read from the right, skipping trusted proxies; the first
      address that is not a trusted proxy is the client.
    * With ``TRUSTED_PROXY_COUNT = n`` (n proxies in front of every request): the n-th address
      from the right of X-Forwarded-For, the one the outermost proxy saw.
    * Otherwise, or when the header is missing or malformed, ``REMOTE_ADDR``: a client cannot
      choose its own address by sending the header.
    """
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    trusted = _trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if trusted:
        current = _parse_ip(remote)
        while current is not None and any(current in net for net in trusted) and forwarded:
            current = _parse_ip(forwarded.pop())
        return str(current) if current is not None else remote
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0 and len(forwarded) >= count:
        found = _parse_ip(forwarded[-count])
        if found is not None:
            return str(found)
    return remote


def _key(scope: str, key: str, window: int) -> str:
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{bucket}"


def _hit_cache(cache_key: str, window: int) -> int:
    if cache.add(cache_key, 1, timeout=window + 5):
        return 1
    try:
        return int(cache.incr(cache_key))
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 5)
        return 1


def _hit_database(cache_key: str, window: int) -> int:
    with transaction.atomic():
        counters = RateCounter.objects.filter(key=cache_key)
        if not counters.update(count=F("count") + 1):
            now = timezone.now()
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=cache_key, count=1, expires_at=now + timedelta(seconds=window + 5)
                    )
            except IntegrityError:  # another process created it first: count on its row
                counters.update(count=F("count") + 1)
            else:
                # A new window: the right moment to clear windows that have ended.
                RateCounter.objects.filter(expires_at__lt=now).delete()
                return 1
        # The row stays locked by our update until the commit, so this is our own count.
        return int(counters.values_list("count", flat=True).get())


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one hit for ``key`` in ``scope``; True while within ``limit`` per ``window`` s."""
    cache_key = _key(scope, key, window)
    if settings.RATE_LIMIT_STORE == "cache":
        count = _hit_cache(cache_key, window)
    else:
        count = _hit_database(cache_key, window)
    return count <= limit


def sign_in_client_ip(request: HttpRequest) -> str | None:
    """The client's address as django-axes stores it: a valid IP address, or None (a request
    built in code, as ``Client.force_login`` does, has none)."""
    found = _parse_ip(client_ip(request))
    return str(found) if found is not None else None


def sign_in_username(request: HttpRequest, credentials: dict[str, object] | None) -> str:
    """The account a sign-in attempt is for, as django-axes counts it: case-folded, so that
    ``Staff@…`` and ``staff@…`` share one count, and cut to the column's length."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()[:150]
