"""Convene settings, read from the environment (twelve-factor).

Every variable is documented in docs/configuration.md. ``CONVENE_ENV`` picks the profile:

* ``local`` (default): a laptop or a demo. DEBUG off, SQLite under var/, a generated secret key,
  mail to var/outbox/, plain HTTP on loopback.
* ``dev``: as local, with DEBUG on.
* ``test``: used by the test suite; fast password hashing, plain static storage.
* ``production``: SECRET_KEY and ALLOWED_HOSTS are required, HTTPS hardening is on, and
  ``manage.py check --deploy`` passes with no warning.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from convene.core.secrets import local_secret_key
from convene.paths import var_dir

env = environ.Env()

CONVENE_ENV = env.str("CONVENE_ENV", default="local")
if CONVENE_ENV not in {"local", "dev", "test", "production"}:
    raise ImproperlyConfigured(
        f"CONVENE_ENV must be local, dev, test or production, not {CONVENE_ENV!r}."
    )
PRODUCTION = CONVENE_ENV == "production"

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = var_dir()

DEBUG = CONVENE_ENV == "dev"

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters in production."
        )
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or local_secret_key(VAR_DIR / "secret_key")

ALLOWED_HOSTS: list[str] = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",  # issue #16: staff sign-in throttling
    "django_otp",  # issue #16: staff second factor
    "django_otp.plugins.otp_totp",
    "convene.core",
    "convene.directory",
    "convene.sections",
    "convene.knowledge",
    "convene.programme",
    "convene.registrations",
    "convene.attendance",
    "convene.reports",
    "convene.privacy",
    "convene.announcements",
    "convene.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "convene.core.api_errors.ApiErrorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "convene.core.middleware.RejectBadTextMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Issue #16: second factor, browser policy, sign-in throttling (axes last, as it asks).
    "django_otp.middleware.OTPMiddleware",
    "convene.core.middleware.StaffSecondFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "convene.core.middleware.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "convene.urls"
WSGI_APPLICATION = "convene.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "convene.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'convene.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the writer work at once; IMMEDIATE takes the write lock when a
    # transaction starts, so writers wait for each other (up to ``timeout`` seconds) instead of
    # failing when a read transaction tries to become a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA secure_delete=ON;"
        ),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: Convene's queries are short, and compiling the report's query took PostgreSQL
    # 888 of its 976 ms on a 50,000-registration network (benchmarks/bench_report.py).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Keep connections between requests, and check a kept one before each request uses it.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
# django-axes' backend first: it refuses a locked-out account before the password is checked.
AUTHENTICATION_BACKENDS = [
    "convene.core.auth_backends.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "staff-login"
LOGIN_REDIRECT_URL = "staff-dashboard"  # staff land on their dashboard
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if CONVENE_ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Cache ----------------------------------------------------------------------------------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
_cache_is_redis = env.str("CACHE_URL", default="").startswith(("redis://", "rediss://"))
if _cache_is_redis:  # Django's own Redis backend: atomic INCR, shared by every host
    CACHES["default"]["BACKEND"] = "django.core.cache.backends.redis.RedisCache"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
#: Languages that titles and descriptions of series, sessions and topics may be written in (the
#: interface itself speaks LANGUAGES). English comes first and is required; adding a code here
#: adds an input to the staff forms, with no schema change (the content is stored as JSON).
CONTENT_LANGUAGES: list[str] = env.list(
    "CONTENT_LANGUAGES", default=["en", "fr", "de", "it", "es", "nl", "pt"]
)
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")
#: The network's own email domains, seeding the organising team's list (staff edit it after).
ORGANISER_EMAIL_DOMAINS: list[str] = env.list("ORGANISER_EMAIL_DOMAINS", default=[])
USE_I18N = True
USE_TZ = True

# --- Dates, links and the network's name (issue 18) ------------------------------------------
#: English dates as Europe writes them (6 December 2026, 14:00); see core/formats/en/formats.py.
FORMAT_MODULE_PATH = ["convene.core.formats"]
#: The public address that links in mails start with; `make demo` sets it from PORT. The deploy
#: check (core/checks.py) warns when production leaves it empty or on localhost.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
#: The network's name, heading the impact report's page and PDF.
NETWORK_NAME = env.str("NETWORK_NAME", default="Convene")
#: Shared secret of the bounce hook (POST /news/bounces/); empty turns the hook off.
BOUNCE_HOOK_SECRET = env.str("BOUNCE_HOOK_SECRET", default="")

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or CONVENE_ENV == "test"
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    WHITENOISE_USE_FINDERS = DEBUG or CONVENE_ENV == "test"
    WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

# --- Minutes and documents (issue 19) ---------------------------------------------------------
#: Where documents of sessions and sections are kept. Never a public address: a view that checks
#: access serves them. Several hosts need a shared folder, or S3-compatible storage: replace this
#: entry with django-storages' ``storages.backends.s3.S3Storage`` and its options.
DOCUMENTS_ROOT = Path(env.str("DOCUMENTS_ROOT", default=str(VAR_DIR / "documents")))
STORAGES["documents"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(DOCUMENTS_ROOT)},
}
#: The largest document staff may upload, in megabytes.
DOCUMENT_MAX_MB = env.int("DOCUMENT_MAX_MB", default=20)
#: Where an organisation asks to join the network (shown to non-members turned away from minutes
#: and documents); empty: the sender address of Convene's mails.
MEMBERSHIP_CONTACT_EMAIL = env.str("MEMBERSHIP_CONTACT_EMAIL", default="")

# --- Mail -----------------------------------------------------------------------------------
OUTBOX_DIR = Path(env.str("OUTBOX_DIR", default=str(VAR_DIR / "outbox")))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Convene <convene@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
_email_url = env.str("EMAIL_URL", default="outbox:")
if _email_url == "outbox:":
    EMAIL_BACKEND = "convene.core.mail.OutboxBackend"
else:
    _email = env.email_url_config(_email_url)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)

# --- Background jobs ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[env.str("TASKS_BACKEND", default="database")],
    }
}

# --- Backups (docs/backup.md) ---------------------------------------------------------------
# Where the staff page's backups go; keep them, and the erasure journal that a restore replays
# (PRIVACY_ERASURE_JOURNAL, below), on storage that outlives the database.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# The privacy notice registrants accept; its version is recorded with each consent.
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-11")
# Retention (docs/privacy.md): participants with no activity (registration, attendance,
# sign-in, import of their record) for this many months are anonymised by the daily job and
# by `convene privacy apply-retention`; 0 turns it off. Raw attendance and registration files
# are deleted this many days after upload (the merged attendance stays).
PRIVACY_RETENTION_MONTHS = env.int("PRIVACY_RETENTION_MONTHS", default=24)
PRIVACY_RAW_FILE_DAYS = env.int("PRIVACY_RAW_FILE_DAYS", default=30)
# Erasures (no personal data) as JSON lines, for a restore to replay those made after a backup.
PRIVACY_ERASURE_JOURNAL = Path(
    env.str("PRIVACY_ERASURE_JOURNAL", default=str(VAR_DIR / "erasures.jsonl"))
)

# === Limits and sign-in security (issue #16) ================================================
# Every limit and setting here is documented in docs/configuration.md, "Limits and sign-in".

# Rate limits (hits per window of seconds). A city hall's officials share one address, so the
# per-address limit on registrations is high; the per-email limits protect mailboxes.
RATE_LIMITS = {
    "register_ip": (env.int("RATE_REGISTER_IP", default=200), 600),
    "register_email": (env.int("RATE_REGISTER_EMAIL", default=5), 600),
    "magic_link_ip": (env.int("RATE_MAGIC_LINK_IP", default=30), 600),
    "magic_link_email": (env.int("RATE_MAGIC_LINK_EMAIL", default=3), 600),
    "sign_in_ip": (env.int("RATE_SIGN_IN_IP", default=30), 600),
    "sign_in_email": (env.int("RATE_SIGN_IN_EMAIL", default=3), 600),
}
# Where the limits count: "database" (a table updated atomically; works with any number of
# processes and hosts on one database) or "cache" (the default cache; use with Redis).
RATE_LIMIT_STORE = env.str("RATE_LIMIT_STORE", default="cache" if _cache_is_redis else "database")
if RATE_LIMIT_STORE not in {"database", "cache"}:
    raise ImproperlyConfigured("RATE_LIMIT_STORE must be database or cache.")
# The client's address behind a load balancer: trusted proxies' addresses or networks, or how
# many proxies stand in front of every request. X-Forwarded-For is read only then, from the right.
TRUSTED_PROXIES: list[str] = env.list("TRUSTED_PROXIES", default=[])
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Staff and admin sign-in throttling (django-axes): 10 failures for one account from one
# address within 15 minutes lock that account out from that address for 15 minutes. Counted
# in the database, shared by every process and host.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "convene.core.ratelimit.sign_in_client_ip"
# Only failures are kept (personal data kept to the minimum): no log of every sign-in.
AXES_DISABLE_ACCESS_LOG = True
AXES_USERNAME_CALLABLE = "convene.core.ratelimit.sign_in_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_VERBOSE = False
# Second factor for staff (django-otp, TOTP). When required (the default in production), a
# staff account without a confirmed device is sent to enrol before any other page.
STAFF_REQUIRE_OTP = env.bool("STAFF_REQUIRE_OTP", default=PRODUCTION)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Convene")

# Browser policy (django-csp): nothing inline, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# === End of limits and sign-in security ======================================================
