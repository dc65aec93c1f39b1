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
        [BIN / "convene", "demo-setup"], env=env, capture_output=True, text=True, check=True
    )
    second = subprocess.run(  # noqa: S603
        [BIN / "convene", "demo-setup"], env=env, capture_output=True, text=True, check=True
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
