"""Rate limits count in a store shared by every process (issue #16), and the client's address
comes from a trusted proxy only."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection
from django.test import RequestFactory

from convene.core import ratelimit
from convene.core.checks import rate_limit_store_check
from convene.core.models import RateCounter


@pytest.mark.django_db
def test_database_store_counts_in_one_row_per_window(settings):
    settings.RATE_LIMIT_STORE = "database"
    results = [ratelimit.hit("t", "Someone@Example.org", limit=3, window=600) for _ in range(5)]
    assert results == [True, True, True, False, False]
    # Case and spaces do not make a second key.
    assert ratelimit.hit("t", " someone@example.org ", limit=3, window=600) is False
    counter = RateCounter.objects.get()
    assert counter.count == 6
    assert ratelimit.hit("t", "other@example.org", limit=3, window=600) is True


@pytest.mark.django_db(transaction=True)
def test_database_store_holds_under_concurrent_hits(settings):
    """Twelve threads, each with its own connection, hit a limit of 5 at once: exactly 5 pass.
    A read-then-write counter (Django's database cache) lets more through."""
    settings.RATE_LIMIT_STORE = "database"
    allowed: list[bool] = []
    barrier = threading.Barrier(12)

    def worker() -> None:
        try:
            barrier.wait()
            allowed.append(ratelimit.hit("race", "victim@example.org", limit=5, window=600))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(allowed) == [False] * 7 + [True] * 5
    assert RateCounter.objects.get().count == 12


@pytest.mark.django_db
def test_expired_windows_are_cleared(settings):
    settings.RATE_LIMIT_STORE = "database"
    ratelimit.hit("old", "a", limit=1, window=1)
    RateCounter.objects.update(expires_at="2000-01-01T00:00:00Z")
    ratelimit.hit("new", "b", limit=1, window=600)
    assert list(RateCounter.objects.values_list("key", flat=True)) == [
        ratelimit._key("new", "b", 600)
    ]


def test_cache_store_counts_in_the_cache(settings):
    settings.RATE_LIMIT_STORE = "cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    results = [ratelimit.hit("c", "k", limit=2, window=600) for _ in range(3)]
    assert results == [True, True, False]


def test_defaults_follow_the_issue(settings):
    assert settings.RATE_LIMITS["register_email"] == (5, 600)
    assert settings.RATE_LIMITS["magic_link_email"] == (3, 600)
    assert settings.RATE_LIMITS["register_ip"][0] >= 200
    assert settings.RATE_LIMIT_STORE == "database"


def test_deploy_check_warns_about_a_per_process_store(settings):
    settings.RATE_LIMIT_STORE = "cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in rate_limit_store_check()] == ["convene.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert rate_limit_store_check() == []
    settings.RATE_LIMIT_STORE = "database"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert rate_limit_store_check() == []


def test_deploy_check_runs_with_check_deploy(settings):
    settings.RATE_LIMIT_STORE = "cache"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(SystemCheckError, match="convene.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


def _request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_client_ip_ignores_forwarded_for_without_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = []
    settings.TRUSTED_PROXY_COUNT = 0
    assert ratelimit.client_ip(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_client_ip_with_trusted_proxies_reads_from_the_right(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    # The client spoofs a first entry; the load balancer appends the real peer.
    request = _request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.5")
    assert ratelimit.client_ip(request) == "198.51.100.7"
    # A request that does not come through the proxy: its header is not believed.
    assert ratelimit.client_ip(_request("203.0.113.9", "1.2.3.4")) == "203.0.113.9"
    # A garbage header gives no address to trust: the proxy's own stands.
    assert ratelimit.client_ip(_request("10.0.0.2", "not-an-ip")) == "10.0.0.2"


def test_client_ip_with_a_proxy_count(settings):
    settings.TRUSTED_PROXIES = []
    settings.TRUSTED_PROXY_COUNT = 1
    assert ratelimit.client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert ratelimit.client_ip(_request("10.0.0.2")) == "10.0.0.2"
