"""The site's URLs plus a bare Django view: the cost of the stack with no work in the view."""

from django.http import HttpResponse
from django.urls import path

from csp_tracker.urls import handler500  # noqa: F401
from csp_tracker.urls import urlpatterns as site_urlpatterns


def bare(request):
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *site_urlpatterns]
