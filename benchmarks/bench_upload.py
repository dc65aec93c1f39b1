"""Benchmark: a 20 MB Zoom participants export imported through the web (issue 16).

Serves Convene under gunicorn with the database task queue and one ``convene worker``, uploads
the export to ``POST /api/sessions/{slug}/attendance`` with a staff token, then polls
``GET /api/attendance/imports/{id}`` until it is committed. Reports the upload's answer time
(the web worker only stores the file), the time until the import is committed, and the peak
resident memory (``VmHWM``) that the web worker and the task worker gained over their idle size,
in MB and as a ratio to the file's size, against three times the file's size. One JSON object
per line on stdout, as ``make bench`` expects.

Run from the repo root: ``.venv/bin/python benchmarks/bench_upload.py``. ``BENCH_POSTGRES_URL``
measures PostgreSQL too (a disposable database: it is flushed).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_attendance  # noqa: E402
from _server import BIN, gunicorn  # noqa: E402

TARGET_BYTES = 20 * 1024 * 1024 - 64 * 1024  # just under the 20 MB limit
ANSWER_TARGET_S = 5.0
SETUP = """
import datetime as dt
from convene.core.services import api_token_create, staff_create
from convene.programme.services import series_create, session_create
staff, _ = staff_create(actor=None, email="bench@network.example", password="pw-bench-1")
_, raw = api_token_create(actor=None, user=staff)
series = series_create(actor=None, slug="bench", title="Bench")
start = dt.datetime(2020, 4, 14, 13, 50, tzinfo=dt.UTC)
session_create(actor=None, series=series, slug="bench-1", title="Bench", starts_at=start,
               ends_at=start + dt.timedelta(hours=4), status="published")
print("TOKEN", raw)
"""


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(metric: str, value: float, unit: str, target: str, ok: bool, db: str) -> None:
    line = {"benchmark": f"upload ({db})", "metric": metric, "value": round(value, 3)}
    line.update({"unit": unit, "target": target, "ok": ok})
    print(json.dumps(line), flush=True)


def export_of_size(size: int) -> bytes:
    """The attendance benchmark's Zoom export, with rows enough to reach ``size`` bytes."""
    rows = bench_attendance.ROWS
    data, _registrants = bench_attendance.build()
    bench_attendance.ROWS = int(rows * size / len(data))
    data, _registrants = bench_attendance.build()
    bench_attendance.ROWS = rows
    return data


def memory_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process, in kB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(p) for p in found]


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), boundary


def request(url: str, token: str, body: bytes | None = None, boundary: str = "") -> dict:
    headers = {"Authorization": f"Bearer {token}"}
    if boundary:
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
    call = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (loopback)
    with urllib.request.urlopen(call, timeout=600) as response:  # noqa: S310
        return {"status": response.status, **json.loads(response.read())}


def run(db: str, database_url: str | None, data: bytes) -> None:
    env_extra = {"TASKS_BACKEND": "database"}
    with gunicorn(workers=1, database_url=database_url, extra_env=env_extra) as (base, env):
        setup = subprocess.run(
            [BIN / "convene", "shell", "-c", SETUP], env=env, capture_output=True, text=True
        )
        token = setup.stdout.split("TOKEN ", 1)[1].split()[0]
        worker = subprocess.Popen([BIN / "convene", "worker"], env=env)
        try:
            time.sleep(3)  # the worker is up and idle
            web_pid = next(
                int(line.split()[0])
                for line in subprocess.run(
                    ["ps", "-eo", "pid,args"], capture_output=True, text=True, check=True
                ).stdout.splitlines()
                if "gunicorn" in line and str(base.rsplit(":", 1)[1]) in line
            )
            web_workers = children(web_pid)
            idle = {pid: memory_kb(pid)[0] for pid in [*web_workers, worker.pid]}
            body, boundary = multipart("zoom_participants_20mb.csv", data)
            began = time.perf_counter()
            answer = request(f"{base}/api/sessions/bench-1/attendance", token, body, boundary)
            answered = time.perf_counter() - began
            del body
            state = answer
            while answer["status"] == 202 and not state.get("committed"):
                if state.get("state") == "failed":
                    raise SystemExit(f"import failed: {state.get('problem')}")
                time.sleep(0.5)
                state = request(f"{base}/api/attendance/imports/{answer['import_id']}", token)
            done = time.perf_counter() - began
            summary = state.get("summary") or state
            _log(
                f"{db}: answered {answer['status']} in {answered:.2f} s; committed after "
                f"{done:.1f} s: {summary.get('people')} people, audience {summary.get('audience')}"
            )
            web_gain = max(memory_kb(pid)[1] - idle[pid] for pid in web_workers) / 1024
            task_gain = (memory_kb(worker.pid)[1] - idle[worker.pid]) / 1024
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    size_mb = len(data) / 1024 / 1024
    limit = 3 * size_mb
    emit("upload_answer_seconds", answered, "s", f"<= {ANSWER_TARGET_S:g} s", answered <= 5, db)
    emit("import_committed_seconds", done, "s", "(reported)", True, db)
    emit("web_worker_peak_gain", web_gain, "MB", f"<= {limit:.0f} MB", web_gain <= limit, db)
    emit("web_worker_peak_ratio", web_gain / size_mb, "x file", "<= 3", web_gain <= limit, db)
    emit("task_worker_peak_gain", task_gain, "MB", f"<= {limit:.0f} MB", task_gain <= limit, db)
    emit("task_worker_peak_ratio", task_gain / size_mb, "x file", "<= 3", task_gain <= limit, db)


def main() -> int:
    data = export_of_size(TARGET_BYTES)
    rows = data.count(b"\n") - 1
    _log(f"export is {len(data) / 1024 / 1024:.1f} MB ({rows:,} rows)")
    run("sqlite", None, data)
    if os.environ.get("BENCH_POSTGRES_URL"):
        run("postgresql", os.environ["BENCH_POSTGRES_URL"], data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
