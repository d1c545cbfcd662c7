"""Links to the site's own pages, worked out once.

Tables link every row to its action, every lead to its agency, every year in the year
switcher to its page: a page of 50 rows asks for a few hundred URLs, and Django's
`reverse()` matches the patterns afresh each time. The same name and arguments always give
the same URL (for one URL configuration and script prefix, both part of the key), so
`link()` remembers them.
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def link(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs), remembered."""
    return _link(
        viewname,
        tuple(sorted(kwargs.items())),
        get_urlconf() or settings.ROOT_URLCONF,
        get_script_prefix(),
    )


@lru_cache(maxsize=20_000)
def _link(viewname: str, kwargs: tuple, urlconf, prefix: str) -> str:
    return reverse(viewname, kwargs=dict(kwargs), urlconf=urlconf)
