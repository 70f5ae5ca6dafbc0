"""Clausewatch settings, read from the environment (see the README's table).

With nothing set, the tracker runs embedded: SQLite, a filesystem Celery broker and .eml files,
all under var/ (readable by its owner only). Production sets DATABASE_URL, REDIS_URL, EMAIL_HOST
and SECRET_KEY; DEBUG is off unless DEBUG=1 asks for it (`manage.py run` and the tests do).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import (
    env_bool,
    env_int,
    env_list,
    env_networks,
    env_str,
    private_dir,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = private_dir(Path(env_str("CLAUSEWATCH_VAR_DIR", str(BASE_DIR / "var"))).resolve())

# Off unless asked for: a deployment that forgets DEBUG must not serve debug pages.
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(debug=DEBUG, var_dir=VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search types; harmless on SQLite
    "django_htmx",
    "axes",
    "obligations",
]

MIDDLEWARE = [
    "config.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a lockout into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clausewatch.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded run has a web server, a worker and beat writing to one file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: the extractor refuses larger files with a clear message; Django keeps big ones on disk.
MAX_UPLOAD_BYTES = env_int("MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# A document with more obligations than this is flagged for a closer look: its review page lists
# them page by page without the highlighted text, which would be too big to render at once.
REVIEW_MAX_OBLIGATIONS = env_int("REVIEW_MAX_OBLIGATIONS", 1000, minimum=1)

# Email: SMTP when EMAIL_HOST is set, otherwise one .eml file a message under var/mail/.
EMAIL_HOST = env_str("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = "obligations.mail_backend.EmlFileBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Clausewatch <clausewatch@localhost>")

# Celery: Redis when REDIS_URL or CELERY_BROKER_URL is set, otherwise kombu's filesystem transport.
_broker_url = env_str("CELERY_BROKER_URL", env_str("REDIS_URL", ""))
if _broker_url:
    CELERY_BROKER_URL = _broker_url
    if _broker_url.startswith("redis://"):
        CELERY_BROKER_TRANSPORT = "config.broker:RedisTransport"
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://localhost//"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

# Extraction of one document, in seconds: at the soft limit the document is marked failed with a
# message; at the hard limit the worker kills the pool process (and marks it failed) and goes on
# with the next upload. OCR of a long scan takes minutes; the defaults leave room for it.
# A soft limit of 0 turns it off (only the hard limit stops a document).
EXTRACTION_SOFT_TIME_LIMIT = env_int("EXTRACTION_SOFT_TIME_LIMIT", 420, minimum=0)
EXTRACTION_TIME_LIMIT = env_int("EXTRACTION_TIME_LIMIT", 480, minimum=1)
if EXTRACTION_SOFT_TIME_LIMIT >= EXTRACTION_TIME_LIMIT:
    raise ImproperlyConfigured(
        f"EXTRACTION_SOFT_TIME_LIMIT={EXTRACTION_SOFT_TIME_LIMIT} must be below "
        f"EXTRACTION_TIME_LIMIT={EXTRACTION_TIME_LIMIT} (seconds), or 0 for no soft limit."
    )

# Reminders
REMINDER_SWEEP_SECONDS = env_int("REMINDER_SWEEP_SECONDS", 60, minimum=5)
REMINDER_LEASE_SECONDS = env_int("REMINDER_LEASE_SECONDS", 300, minimum=10)
REMINDER_MAX_ATTEMPTS = env_int("REMINDER_MAX_ATTEMPTS", 12, minimum=1)
# Most reminders in flight at once (claimed, not yet finished): keeps the queue short enough to
# drain well within a lease.
REMINDER_CLAIM_BATCH = env_int("REMINDER_CLAIM_BATCH", 1000, minimum=1)
# Between full scheduling passes the sweep plans only what changed (deadlines, organisations).
REMINDER_FULL_SCHEDULE_SECONDS = env_int("REMINDER_FULL_SCHEDULE_SECONDS", 3600, minimum=60)
# Claims per send task: a worker sends them one after the other over one SMTP connection.
REMINDER_SEND_BATCH = env_int("REMINDER_SEND_BATCH", 100, minimum=1)
# Transient SMTP failures: the sweep retries after base * 2^(attempt-1) seconds, with jitter, capped.
REMINDER_RETRY_BASE_SECONDS = env_int("REMINDER_RETRY_BASE_SECONDS", 60, minimum=1)
REMINDER_RETRY_MAX_SECONDS = env_int("REMINDER_RETRY_MAX_SECONDS", 3600, minimum=1)
REMINDER_SEND_HOUR = env_int("REMINDER_SEND_HOUR", 8, minimum=0)  # local time, 0-23
if REMINDER_SEND_HOUR > 23:
    raise ImproperlyConfigured(f"REMINDER_SEND_HOUR={REMINDER_SEND_HOUR} is not an hour (0-23).")
REMINDER_LINK_MAX_AGE_DAYS = env_int("REMINDER_LINK_MAX_AGE_DAYS", 14, minimum=1)

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one account, or
# from one address, that account or address is refused for LOGIN_COOLOFF_MINUTES, on the sign-in
# page and the admin's alike. Lockouts are logged and listed in the admin (Axes: access attempts).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.proxy.client_ip"
# The admin lists attempts by user name and address; the log names them too, for the operator.
AXES_SENSITIVE_PARAMETERS: list[str] = []

# Password reset links (Django's PasswordResetView) stay valid this long.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_HOURS", 24, minimum=1) * 3600

# Forwarded headers (X-Forwarded-Proto, X-Forwarded-For) are believed only from these addresses or
# networks: the reverse proxy in front of the tracker. Empty: there is no proxy, and a client's
# claim to be on HTTPS is ignored (config/proxy.py removes the headers).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: scripts and styles from this site only; no inline script, no style
# attributes, no plugins, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Production hardening; `manage.py check --deploy` runs in CI with DEBUG=0.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# security.W021: joining the browsers' HSTS preload list is a one-way commitment for the whole
# domain, so it stays opt-in (SECURE_HSTS_PRELOAD=1); see the README.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # models.W040: the covering indexes' INCLUDE columns serve PostgreSQL; SQLite builds the
    # same indexes without them, which is all embedded mode needs.
    SILENCED_SYSTEM_CHECKS.append("models.W040")

# Members: how long an emailed invitation link stays valid.
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 7, minimum=1)

# Calendar feeds: each member's window of days around today.
CALENDAR_FEED_PAST_DAYS = env_int("CALENDAR_FEED_PAST_DAYS", 90, minimum=0)
CALENDAR_FEED_FUTURE_DAYS = env_int("CALENDAR_FEED_FUTURE_DAYS", 730, minimum=1)
