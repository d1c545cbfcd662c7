from django.conf import settings
from django.db import DatabaseError
from django.utils.functional import SimpleLazyObject

from . import freshness

# Which service-navigation item a page belongs to, by URL namespace and name.
_AGENCY_PAGES = {"agency_list", "agency_detail"}
_OWN_SECTIONS = {
    "updates_due": "updates_due",
    "pending_updates": "updates_due",
    "pending_update_review": "updates_due",
    "login": "login",
    "manage": "manage",
}


def site(request):
    """Site-wide names for the header and page titles, the page's navigation section, the
    reporting years for the year switcher, and how its fragments are cached."""
    match = request.resolver_match
    if match is None:
        section = ""
    elif match.namespace == "stats" and match.url_name.startswith(("ward", "import")):
        section = "wards"
    elif match.namespace == "stats":
        section = "stats"
    elif match.namespace == "audit":
        section = "audit"
    elif match.namespace == "opendata":
        section = ""  # in the footer, not the header's navigation
    elif match.namespace == "search":
        section = ""  # the header's search box, not its navigation
    elif match.namespace == "rounds":
        # A partner's rounds have their own item; the coordinator's are managed.
        section = "rounds" if match.url_name in ("my_rounds", "round_mine") else "manage"
    elif match.url_name in _OWN_SECTIONS:
        section = _OWN_SECTIONS[match.url_name]
    elif match.url_name in _AGENCY_PAGES:
        section = "agencies"
    else:
        section = "priorities"
    # A page's costly fragments are kept in the cache ({% cache fragment_seconds name
    # fragment_vary %}) only on pages that know their data version (csp_tracker.middleware):
    # elsewhere a fragment is kept for no time at all.
    known = getattr(request, "data_version", None) is not None
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "nav_section": section,
        "years": SimpleLazyObject(_years),
        "fragment_seconds": settings.CACHE_SECONDS if known else 0,
        "fragment_vary": SimpleLazyObject(lambda: freshness.fragment_vary(request))
        if known
        else "",
    }


def _years() -> list:
    """Every reporting year, newest first, for the year switcher; none if the database
    cannot be read (the error page still renders)."""
    from priorities.models import ReportingYear

    try:
        return list(ReportingYear.objects.all())
    except DatabaseError:
        return []
