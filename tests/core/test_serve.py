"""`convene demo-setup` then `convene serve`, as `make demo` runs them, in real processes."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
        return response.status, response.read()


def test_demo_setup_is_idempotent_and_serve_stops_cleanly_on_ctrl_c(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(CONVENE_VAR_DIR=str(tmp_path), TASKS_BACKEND="immediate")
    port = free_port()
    env["PORT"] = str(port)

    first = subprocess.run(  # noqa: S603
        [BIN / "convene", "demo-setup", "--no-data"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    second = subprocess.run(  # noqa: S603
        [BIN / "convene", "demo-setup", "--no-data"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    password = [ln for ln in first.stdout.splitlines() if ln.startswith("Password:")]
    assert password and password == [
        ln for ln in second.stdout.splitlines() if ln.startswith("Password:")
    ]
    assert (tmp_path / "convene.sqlite3").exists()

    server = subprocess.Popen(  # noqa: S603
        [BIN / "convene", "serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a shell job
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert status == 200
        assert json.loads(body)["database"] == "ok"
        status, body = get(f"http://127.0.0.1:{port}/")
        assert status == 200
        # whitenoise serves the hashed stylesheet that the page links to
        css = re.search(r'href="(/static/convene/convene\.[0-9a-f]+\.css)"', body.decode())
        assert css is not None
        assert get(f"http://127.0.0.1:{port}{css.group(1)}")[0] == 200
    finally:
        # As a terminal's Ctrl-C does: SIGINT to the master and its workers alike.
        os.killpg(os.getpgid(server.pid), signal.SIGINT)
        output = server.communicate(timeout=30)[0].decode()
    assert server.returncode == 0, output
    assert "Traceback" not in output


def test_serve_with_jobs_runs_the_worker_and_the_periodic_jobs_and_stops_them(tmp_path):
    """`make demo` runs `convene serve --with-jobs`: a queued job is done by the worker that
    serve started, and Ctrl-C stops the worker and the periodic jobs with the server."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update(CONVENE_VAR_DIR=str(tmp_path), TASKS_BACKEND="database", PORT=str(free_port()))
    subprocess.run([BIN / "convene", "migrate", "-v", "0"], env=env, check=True)  # noqa: S603
    server = subprocess.Popen(  # noqa: S603
        [BIN / "convene", "serve", "--with-jobs", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    pids: dict[str, int] = {}
    try:
        assert server.stdout is not None
        while len(pids) < 2:
            line = server.stdout.readline().decode()
            assert line, "serve stopped before starting its jobs"
            started = re.match(r"Started: convene (\w+) .*\(pid (\d+)\)", line)
            if started:
                pids[started.group(1)] = int(started.group(2))
        assert set(pids) == {"worker", "tick"}
        subprocess.run(  # noqa: S603
            [
                BIN / "convene",
                "shell",
                "-c",
                "from convene.core.tasks import send_mail_task; "
                "send_mail_task.enqueue(subject='Queued', body='b', to=['a@city.example'])",
            ],
            env=env,
            check=True,
        )
        deadline = time.monotonic() + 60
        while not list((tmp_path / "outbox").glob("*")):
            assert time.monotonic() < deadline, "the worker did not run the queued job"
            time.sleep(0.3)
    finally:
        os.killpg(os.getpgid(server.pid), signal.SIGINT)
        output = server.communicate(timeout=60)[0].decode()
    assert server.returncode == 0, output
    for name, pid in pids.items():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        # A zombie is gone too (serve waited for it); anything else still runs.
        status = Path(f"/proc/{pid}/status").read_text()
        assert "zombie" in status, f"{name} still runs after the server stopped"
