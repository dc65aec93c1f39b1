"""Settings profiles, checked in fresh interpreters so each reads its own environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convene.core.secrets import local_secret_key


def convene(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DJANGO_"))}
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "convene", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**base, **env},
        check=False,
    )


def test_production_requires_a_secret_key(tmp_path):
    result = convene(["check"], CONVENE_ENV="production", CONVENE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_check_deploy_without_warnings(tmp_path):
    result = convene(
        ["check", "--deploy", "--fail-level", "WARNING"],
        CONVENE_ENV="production",
        CONVENE_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 20 + "-production-secret-key-for-this-test-0123456789",
        ALLOWED_HOSTS="convene.example.org",
        SITE_URL="https://convene.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("site_url", "code"),
    [("", "convene.W011"), ("http://127.0.0.1:8000", "convene.W012"), ("http://localhost", "W012")],
)
def test_check_deploy_warns_when_mail_links_would_point_nowhere(tmp_path, site_url, code):
    result = convene(
        ["check", "--deploy", "--fail-level", "WARNING"],
        CONVENE_ENV="production",
        CONVENE_VAR_DIR=str(tmp_path),
        SECRET_KEY="k" * 20 + "-production-secret-key-for-this-test-0123456789",
        ALLOWED_HOSTS="convene.example.org",
        SITE_URL=site_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode != 0
    assert code in result.stderr
    assert "SITE_URL" in result.stderr


def test_local_profile_has_debug_off_and_generates_a_key(tmp_path):
    code = "from django.conf import settings as s; print(s.DEBUG, len(s.SECRET_KEY))"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django, os; django.setup(); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("CONVENE_")},
            "DJANGO_SETTINGS_MODULE": "convene.settings",
            "CONVENE_VAR_DIR": str(tmp_path),
        },
        check=False,
    )
    assert result.returncode == 0, result.stderr
    debug, length = result.stdout.split()
    assert debug == "False" and int(length) >= 50
    assert (tmp_path / "secret_key").exists()


def test_local_secret_key_is_stable(tmp_path):
    first = local_secret_key(tmp_path / "secret_key")
    assert local_secret_key(tmp_path / "secret_key") == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize("value", ["staging", "prod"])
def test_unknown_profile_is_refused(tmp_path, value):
    result = convene(["check"], CONVENE_ENV=value, CONVENE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "CONVENE_ENV" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///{tmp}/db.sqlite3", ["django.db.backends.sqlite3", "True", "IMMEDIATE"]),
        ("postgres://convene@127.0.0.1:5432/convene", ["django.db.backends.postgresql", "True"]),
    ],
)
def test_databases_use_djangos_own_backends(tmp_path, url, expected):
    code = (
        "from django.conf import settings as s; d = s.DATABASES['default'];"
        "o = d.get('OPTIONS', {}); print(d['ENGINE'], d['CONN_HEALTH_CHECKS'],"
        "o.get('transaction_mode', ''))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CONVENE_", "DATABASE"))},
        "DJANGO_SETTINGS_MODULE": "convene.settings",
        "CONVENE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": url.format(tmp=tmp_path),
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


def test_make_demo_points_mail_links_at_its_own_port(tmp_path):
    """`PORT=8471 make demo`: SITE_URL (so every link in a mail) follows the port."""
    root = Path(__file__).resolve().parents[2]
    probe = "include Makefile\nprint-site-url:\n\t@echo $$SITE_URL\n"
    base = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT", "MAKEFLAGS"}}
    made = subprocess.run(  # noqa: S603
        ["make", "-s", "-f", "-", "print-site-url"],  # noqa: S607
        input=probe,
        capture_output=True,
        text=True,
        cwd=root,
        env={**base, "PORT": "8471"},
        check=True,
    )
    site_url = made.stdout.strip()
    assert site_url == "http://127.0.0.1:8471"
    code = (
        "from convene.registrations.links import absolute; "
        "print(absolute('/registrations/confirm/x/'))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **{k: v for k, v in base.items() if not k.startswith("CONVENE_")},
            "DJANGO_SETTINGS_MODULE": "convene.settings",
            "CONVENE_VAR_DIR": str(tmp_path),
            "SITE_URL": site_url,
        },
        check=True,
    )
    assert result.stdout.strip() == "http://127.0.0.1:8471/registrations/confirm/x/"
