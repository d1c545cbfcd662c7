"""Health and outages: /healthz for load balancers, and the page shown while the database
is away.

Neither touches the database except /healthz's one `SELECT 1`, so both answer while it is
away; Django reconnects by itself on the next request once it is back (see
`conn_health_checks` in settings), with no restart.
"""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import views

logger = logging.getLogger(__name__)


@login_not_required
@require_safe
@never_cache
def healthz(request):
    """200 "ok" when this server can query its database, else 503. No session, no cookie."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Health check: the database is unavailable: %s", error)
        return HttpResponse(
            "database unavailable\n", status=503, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def server_error(request):
    """The handler for uncaught exceptions (handler500). A database that cannot be reached
    gets "503 Service Unavailable" and a page saying so; anything else gets the 500 page.
    Django calls it while handling the exception, so sys.exc_info() names it.
    """
    # Connection refused or lost, server shutting down, too many clients, deadlock: the
    # database cannot answer now. (IntegrityError and the like are the site's own bugs.)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return service_unavailable(request)
    return views.server_error(request)


def service_unavailable(request):
    """The outage page, rendered without the database: no user, no permissions, no
    messages (each would read the session from the database)."""
    response = render(
        request,
        "503.html",
        {"user": AnonymousUser(), "perms": {}, "messages": []},
        status=503,
    )
    response["Retry-After"] = "30"
    return response
