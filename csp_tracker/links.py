"""Links to the site's own pages, worked out once.

Tables link every row to its action, every lead to its agency, every year in the year
switcher to its page: a page of 50 rows asks for a few hundred URLs, and Django's
`reverse()` matches the patterns afresh each time. The same name and arguments always give
the same URL (for one URL configuration and script prefix, both part of the key), so
`link()` remembers them.

The URL configuration is the site's own (ROOT_URLCONF): no view or middleware of the site
sets one for a request (request.urlconf), and asking Django for the request's took half
of a link's time (asgiref's context-local storage, 7 µs a call). The script prefix (the
site served under a path) is asked for every time.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, reverse


def link(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs) in ROOT_URLCONF, remembered."""
    # The arguments as given: each caller names them in its own fixed order (in another
    # order they are only remembered twice).
    return _link(viewname, tuple(kwargs.items()), settings.ROOT_URLCONF, get_script_prefix())


@lru_cache(maxsize=20_000)
def _link(viewname: str, kwargs: tuple, urlconf, prefix: str) -> str:
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)
