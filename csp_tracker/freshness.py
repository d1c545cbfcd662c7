"""Whether a page has changed: the data version every cache key and ETag is made of.

`data_version()` changes with every committed write that pages show. A page's ETag is a
hash of everything the page is made from: the code and the settings it shows
(`code_fingerprint`), the data version, the address, and who is asking (their session and
CSRF secret). A browser that asks again with that ETag in If-None-Match gets 304 when none
of it has changed, without the page being rendered. Pages and fragments kept in Django's
cache are kept under keys that name the same data version (`page_cache_key`, and the
`{% cache %}` fragments' `fragment_vary`), so after any write they are simply never asked
for again: nothing is ever deleted or invalidated, and nothing stale is ever served.
`csp_tracker.middleware.CachedPageMiddleware` uses all of this.
"""

import functools
import hashlib
from pathlib import Path

import django
import django_filters
import django_tables2
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

# The pages that answer conditional requests: read-only pages whose content depends only
# on the data below, the user and the address. Not pages that change with the clock (the
# updates due) or with work in progress (an import's progress page).
CONDITIONAL_PAGES = {
    "reports:home",
    "reports:year_detail",
    "actions:priority_detail",
    "actions:action_detail",
    "actions:agency_list",
    "actions:agency_detail",
    "actions:initiative_detail",
    "stats:county",
    "stats:snapshot_detail",
    "stats:category_detail",
    "stats:ward_list",
    "stats:ward_set_wards",
    "stats:ward_detail",
    "search:results",
}

# Every write made through the site's services writes an audit entry
# (audit.services.audit_record), and every write made in the admin a LogEntry (the
# admin's own history, kept for every model, audited in the audit trail or not): the
# newest of each dates the data. Neither is ever deleted, but on PostgreSQL a transaction
# may commit an entry after a later-numbered one: counting the entries among the newest
# WINDOW notices that too.
LOG_MODELS = ["audit.AuditEntry", "admin.LogEntry"]
WINDOW = 1_000
# Writes that write neither: imports of ward figures and of LSOA lookups, and reference
# data loaded from fixtures. Each adds rows (an import replaces months by deleting and
# adding), so each table's newest id and row count change with them.
UNLOGGED_MODELS = [
    "stats.WardSet",
    "stats.Ward",
    "stats.CrimeType",
    "stats.CrimeTypeAlias",
    "stats.WardLookup",
    "stats.ImportedMonth",
]

# Settings that pages show: a change (and the restart it needs) changes every ETag.
SHOWN_SETTINGS = (
    "DEBUG",
    "SITE_NAME",
    "PARTNERSHIP_NAME",
    "SITE_LOGIN_REQUIRED",
    "STATIC_URL",
    "TIME_ZONE",
    "LANGUAGE_CODE",
    "UPDATE_DUE_DAYS",
)


@functools.cache
def _data_version_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    parts = []
    for label in LOG_MODELS + UNLOGGED_MODELS:
        model = apps.get_model(label)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        parts.append(f"(SELECT MAX({pk}) FROM {table})")
        if label in LOG_MODELS:
            newest = f"(SELECT COALESCE(MAX({pk}), 0) FROM {table}) - {WINDOW}"
            parts.append(f"(SELECT COUNT(*) FROM {table} WHERE {pk} > {newest})")
        else:
            parts.append(f"(SELECT COUNT(*) FROM {table})")
    return "SELECT " + ", ".join(parts)


def data_version() -> str:
    """A value that changes whenever a write that pages show is committed, and with the
    day: a year's overview counts the days since each update (the actions due an update,
    those updated in the last 30 days). One query."""
    with connection.cursor() as cursor:
        cursor.execute(_data_version_sql(connection.vendor))
        values = [str(value or 0) for value in cursor.fetchone()]
    return ".".join([*values, timezone.localdate().isoformat()])


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code, templates, static file names and shown settings: a release or
    a changed setting changes every ETag. The same on every worker and server running
    the same release."""
    digest = hashlib.sha256()
    roots = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    roots += [
        Path(config.path)
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
    ]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".py", ".html", ".txt"} and path.is_file():
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    versions = (django.__version__, django_tables2.__version__, django_filters.__version__)
    digest.update(repr(versions).encode())
    digest.update(repr([getattr(settings, name, None) for name in SHOWN_SETTINGS]).encode())
    return digest.hexdigest()


def page_etag(request, *, version: str) -> str:
    """The weak ETag of the page `request` asks for, with the data at `version`.

    Who is asking is told by their session cookie, not by loading their account: a
    session belongs to one account for its life (signing in starts a new one), and any
    change to an account (name, roles, password) is a write that changes `version`.
    """
    parts = [
        code_fingerprint(),
        version,
        request.get_full_path(),
        request.COOKIES.get(settings.SESSION_COOKIE_NAME, ""),
        # Signed-in pages hold a form with a token made from this secret (sign out).
        request.META.get("CSRF_COOKIE", ""),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def page_cache_key(request, *, version: str) -> str:
    """The key a page is kept under for visitors without a session: the code, the data
    version and the address with its query."""
    parts = [code_fingerprint(), version, request.get_full_path()]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def fragment_vary(request) -> str:
    """What a cached fragment of a page ({% cache %}) varies on: the data version, the
    address with its query, and what the visitor may do (their permissions and their
    agencies). The same for every visitor allowed the same, so a fragment rendered for one
    coordinator serves the next."""
    user = request.user
    rights = ""
    if user.is_authenticated:
        permissions = ",".join(sorted(user.get_all_permissions()))
        agencies = ",".join(
            str(pk) for pk in user.agencies.order_by("pk").values_list("pk", flat=True)
        )
        rights = f"{permissions}|{agencies}"
    parts = [code_fingerprint(), str(request.data_version), request.get_full_path(), rights]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
