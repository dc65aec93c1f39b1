"""Start Convene under gunicorn on loopback for a benchmark, on SQLite or PostgreSQL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: gunicorn's workers: four, as docs/deploy.md runs the web server (``BENCH_WORKERS`` to change).
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(
    var_dir: Path, database_url: str | None = None, extra: dict[str, str] | None = None
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    env.update(CONVENE_VAR_DIR=str(var_dir), CONVENE_ENV="local", TASKS_BACKEND="immediate")
    env.update(extra or {})
    # The servers and workers run this checkout's sources, whichever checkout the virtualenv's
    # editable install points at (a git worktree shares the main checkout's .venv).
    env["PYTHONPATH"] = os.pathsep.join(
        path for path in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if path
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


@contextmanager
def gunicorn(
    *,
    workers: int = WORKERS,
    database_url: str | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (base URL, environment) of a migrated Convene served by ``workers`` workers.

    On PostgreSQL the database is emptied first (``flush``), so each run starts clean.
    """
    with tempfile.TemporaryDirectory(prefix="convene-bench-") as tmp:
        env = server_env(Path(tmp), database_url, extra_env)
        subprocess.run([BIN / "convene", "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [BIN / "convene", "gazetteer", "--if-missing"], env=env, check=True, capture_output=True
        )
        if database_url:
            subprocess.run([BIN / "convene", "flush", "--noinput", "-v", "0"], env=env, check=True)
            subprocess.run([BIN / "convene", "migrate", "-v", "0"], env=env, check=True)
        subprocess.run(
            [BIN / "convene", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
        )
        port = free_port()
        process = subprocess.Popen(
            [
                BIN / "gunicorn",
                "convene.wsgi",
                "-w",
                str(workers),
                "-b",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "--no-control-socket",
                "--threads",
                os.environ.get("BENCH_THREADS", "1"),
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120  # a loaded machine starts four workers slowly
            while True:
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError("gunicorn did not start") from None
                    time.sleep(0.2)
            yield base, env
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
