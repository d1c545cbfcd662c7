"""Settings for CSP Tracker.

Everything that differs between machines comes from the environment, read through
the small helpers below, which fail loudly on a value they cannot understand.
`.env.example` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean: use true or false")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

# The key the demo uses with DEBUG on; never accepted with DEBUG off.
DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-never-used-in-production"
# Keys that are public, so never secret: Django's startproject prefix and placeholders.
_PUBLIC_KEY_MARKERS = ("django-insecure-", "change-me", "changeme", "secret-key", "your-secret")


def secret_key_problem(key: str) -> str:
    """Why `key` is not fit for production, or "" if it is. The same rule as
    `check --deploy` (50 characters, 5 different ones), plus keys that are public."""
    if not key:
        return "is not set"
    if key == DEVELOPMENT_SECRET_KEY or key.lower().startswith(_PUBLIC_KEY_MARKERS):
        return "is a known, public key"
    if len(key) < 50 or len(set(key)) < 5:
        return "is too weak: it needs at least 50 characters, at least 5 of them different"
    return ""


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if DEBUG:
    SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
elif problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY {problem}. Set a long random one in the environment "
        '(python -c "import secrets; print(secrets.token_urlsafe(50))"; see .env.example), '
        "or set DEBUG=true for a local demo."
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
# Origins (scheme and host) whose forms may post here besides the site's own, e.g. when a
# proxy serves the site under another name: https://csp.example.org
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Django's form templates, for the form renderer (FORM_RENDERER).
    "django.forms",
    "django_filters",
    "django_tables2",
    "axes",
    # The project's plumbing (its migrations, backups) and building blocks (core: no models).
    "csp_tracker",
    "core",
    "audit",
    "priorities",
    "actions",
    "stats",
    "indicators",
    "reports",
    "opendata",
    "search",
    "rounds",
    # Last: after `migrate` it syncs the role groups, once every app's permissions exist.
    "accounts",
]

MIDDLEWARE = [
    # First, so that every response carries the policy, static files and error pages too.
    "csp_tracker.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After sessions, users, CSRF and messages: a page's ETag depends on all four.
    "csp_tracker.middleware.CachedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# SITE_LOGIN_REQUIRED=true makes every page login-only (the login and password reset
# pages excepted); otherwise anonymous visitors see what the partnership publishes.
SITE_LOGIN_REQUIRED = envbool("SITE_LOGIN_REQUIRED", False)
if SITE_LOGIN_REQUIRED:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    )

ROOT_URLCONF = "csp_tracker.urls"
WSGI_APPLICATION = "csp_tracker.wsgi.application"

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
                "csp_tracker.context_processors.site",
            ],
        },
    },
]

# Forms read their templates as the site's templates are read; each field is written as a
# GOV.UK form group by templates/includes/form_field.html (`{{ field.as_field_group }}`).
FORM_RENDERER = "core.forms.GovukFormRenderer"

# Django's cache framework keeps rendered pages and fragments under keys that name the data
# version (csp_tracker/freshness.py): a write changes the version, so nothing stale is ever
# served. REDIS_URL (redis://host:6379/0) shares them between workers and app servers;
# without it each process keeps its own in memory. CACHE_SECONDS: how long an entry is
# kept at most (entries of older data versions are never asked for again and age out).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_SECONDS = envint("CACHE_SECONDS", 24 * 60 * 60)
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend; a Redis that is away is a cache keeping nothing.
            "BACKEND": "csp_tracker.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": CACHE_SECONDS,
            "KEY_PREFIX": "csp-tracker",
            # Give up on a Redis that does not answer within half a second.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 0),
        # A kept connection is checked before each request reuses it, so one that broke
        # while the database was away is replaced, not failed on (no restart needed).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Give up on an unreachable server after a few seconds and answer 503, rather than
    # hold a worker for as long as the operating system keeps trying.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", envint("DATABASE_CONNECT_TIMEOUT", 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two saves at once: a write transaction takes SQLite's write lock when it begins
    # (IMMEDIATE), and another writer waits for it (up to SQLITE_TIMEOUT seconds), so the
    # second save sees the first and is refused as a conflict rather than failing with
    # "database is locked" (SQLite gives a transaction that read first no chance to wait).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=envint("SQLITE_TIMEOUT", 20)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and locks out after AXES_FAILURE_LIMIT of them.
    "axes.backends.AxesStandaloneBackend",
    # Django's, except that demo accounts cannot log in with DEBUG off.
    "accounts.backends.RoleModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # by role: accounts.selectors.landing_url
LOGOUT_REDIRECT_URL = "reports:home"

AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Failures are counted by the client's address, read from X-Forwarded-For only when the
# request comes from a proxy gunicorn trusts (accounts/addresses.py). An administrator
# unlocks an account by deleting its access attempts in the admin.
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
# The load balancers whose X-Forwarded-* headers are believed: the same variable as
# gunicorn's (gunicorn.conf.py), comma-separated addresses, or * for any.
TRUSTED_PROXIES = envlist("FORWARDED_ALLOW_IPS", ["127.0.0.1"])

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)
# Seconds to wait for the mail server: a hung one must not hold a web worker for ever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "csp-tracker@localhost")

# The licence the open data (/open-data/) is published under: the partnership's to set.
OPEN_DATA_LICENCE_NAME = os.environ.get("OPEN_DATA_LICENCE_NAME", "Open Government Licence v3.0")
OPEN_DATA_LICENCE_URL = os.environ.get(
    "OPEN_DATA_LICENCE_URL",
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)

# Where `make backup` (manage.py backupdatabase) writes its files.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR") or BASE_DIR / "backups")

# An action's update is due when it is older than this many days.
UPDATE_DUE_DAYS = envint("UPDATE_DUE_DAYS", 30)

# The site's own address, for links in e-mails sent outside a request (the reminders of
# updates due): https://csp.example.org. By default the first of ALLOWED_HOSTS over https,
# or the demo's address with DEBUG on.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/") or (
    "http://127.0.0.1:8000"
    if DEBUG
    else f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    if ALLOWED_HOSTS and ALLOWED_HOSTS[0] != "*"
    else ""
)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if envbool("MANIFEST_STATIC", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# The partnership this installation serves; shown in the header of every page.
SITE_NAME = os.environ.get("SITE_NAME", "CSP Tracker")
PARTNERSHIP_NAME = os.environ.get("PARTNERSHIP_NAME", "Dacorum Community Safety Partnership")
# The county whose districts the crime table ranks the partnership's area among.
PARTNERSHIP_COUNTY = os.environ.get("PARTNERSHIP_COUNTY", "Hertfordshire")

DJANGO_TABLES2_TEMPLATE = "includes/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "govuk-table app-table"}

# --- Production: HTTPS, headers, cookies, logs --------------------------------------------
# With DEBUG off every default here is what `manage.py check --deploy` asks for, and
# tests/test_deploy_check.py proves it passes with no warning. README: "Running in production".

# The site is served over HTTPS (on by default with DEBUG off). Turns on the redirect from
# plain HTTP, HSTS and Secure cookies. Only a benchmark or a check on loopback sets it false.
HTTPS = envbool("HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", HTTPS)
# The load balancer's health check may ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a proxy that ends TLS and always sets X-Forwarded-Proto (never pass a client's on).
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Strict-Transport-Security, sent on HTTPS responses only: a year, subdomains included.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: see csp_tracker/middleware.py (Django 5.2 has none built in).

# Cookies: over HTTPS only, out of reach of scripts (the site's forms carry the CSRF token
# in a hidden field; no script reads the cookie), and not sent with cross-site requests.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Warnings and errors, with tracebacks, go to standard error, where gunicorn and the
# service manager collect them (Django's default sends them nowhere with DEBUG off).
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL={LOG_LEVEL!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}
