"""With EMAIL_URL=smtp://…, mail goes through SMTP, checked against a loopback SMTP peer."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading


class SmtpSink(threading.Thread):
    """Just enough of RFC 5321 to accept one session and keep what DATA carried."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.port = self.server.getsockname()[1]
        self.commands: list[str] = []
        self.data = b""

    def run(self) -> None:
        conn, _ = self.server.accept()
        with conn, conn.makefile("rwb") as stream:

            def reply(line: str) -> None:
                stream.write(line.encode() + b"\r\n")
                stream.flush()

            reply("220 sink ready")
            while line := stream.readline():
                command = line.decode().strip()
                self.commands.append(command.split(" ")[0].upper())
                verb = self.commands[-1]
                if verb in {"EHLO", "HELO"}:
                    reply("250 sink")
                elif verb == "DATA":
                    reply("354 go ahead")
                    while (chunk := stream.readline()) not in (b".\r\n", b""):
                        self.data += chunk
                    reply("250 queued")
                elif verb == "QUIT":
                    reply("221 bye")
                    break
                else:
                    reply("250 ok")
        self.server.close()


def test_mail_goes_through_smtp(tmp_path):
    sink = SmtpSink()
    sink.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    env.update(
        CONVENE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="convene.settings",
        EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
    )
    code = (
        "import django; django.setup();"
        "from django.core.mail import send_mail;"
        "print(send_mail('Confirm', 'Bonjour', 'c@network.example', ['m@city.example']))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    sink.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert sink.commands[:3] == ["EHLO", "MAIL", "RCPT"]
    assert b"Subject: Confirm" in sink.data
    assert not (tmp_path / "outbox").exists() or not list((tmp_path / "outbox").iterdir())
