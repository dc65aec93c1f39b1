"""A small HTTP/1.1 load generator on asyncio, for loopback benchmarks.

Each virtual user sends a request, reads the whole response and sends the next one, on a fresh
connection each time (gunicorn's sync workers close after every response). Python's client is
slower than wrk, but it runs wherever the project runs, and every benchmark divides by the
ceiling it measures with the same client in the same run, so the ratios hold.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p99(self) -> float:
        return self.percentile(99)


RequestFactory = Callable[[int], tuple[str, bytes, dict[str, str]]]


def _encode(method: str, path: str, host: str, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body or method in {"POST", "PUT", "PATCH"}:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def _one(host: str, port: int, payload: bytes) -> int:
    """Send one request and read its response. Like wrk, close as soon as the whole response is
    in (Content-Length bytes after the headers) rather than waiting for the server's FIN."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(payload)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        length = _content_length(head)
        if length is None:
            await reader.read()
        else:
            await reader.readexactly(length)
    except asyncio.IncompleteReadError:
        return 0
    finally:
        writer.close()
    status_line = head.split(b"\r\n", 1)[0].split()
    return int(status_line[1]) if len(status_line) > 1 else 0


def _content_length(head: bytes) -> int | None:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return None


async def _run(
    url: str,
    make_request: RequestFactory,
    concurrency: int,
    duration: float,
    warmup: float,
    max_requests: int | None,
) -> LoadResult:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    result = LoadResult()
    counter = 0
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + duration

    async def user() -> None:
        nonlocal counter
        while time.perf_counter() < stop_at:
            if max_requests is not None and counter >= max_requests:
                return
            n = counter
            counter += 1
            method, body, headers = make_request(n)
            payload = _encode(method, target, f"{host}:{port}", body, headers)
            began = time.perf_counter()
            try:
                status = await _one(host, port, payload)
            except OSError:
                status = 0
            ended = time.perf_counter()
            if began >= measure_from or max_requests is not None:
                result.requests += 1
                result.statuses[status] += 1
                result.latencies_ms.append((ended - began) * 1000)
                if not 200 <= status < 400:
                    result.errors += 1

    await asyncio.gather(*(user() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - (start if max_requests is not None else measure_from)
    return result


def run_load(
    url: str,
    make_request: RequestFactory | None = None,
    *,
    concurrency: int = 16,
    duration: float = 5.0,
    warmup: float = 1.0,
    max_requests: int | None = None,
) -> LoadResult:
    """Load ``url`` for ``duration`` seconds after ``warmup`` (or for ``max_requests`` in all).

    ``make_request(n)`` returns (method, body, headers) for the n-th request; default GET.
    """
    factory: RequestFactory = make_request or (lambda n: ("GET", b"", {}))
    return asyncio.run(_run(url, factory, concurrency, duration, warmup, max_requests))
