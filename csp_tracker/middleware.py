"""The site's own middleware: the Content-Security-Policy, and unchanged pages answered
from the cache or with 304."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import freshness

# Everything from this site's own origin, nothing inline: no inline scripts, no style
# attributes or <style> elements, no event-handler attributes. Images may also be data:
# URIs (GOV.UK Frontend's stylesheet uses a few). No site may frame these pages.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """Sets Content-Security-Policy on every response (Django 5.2 has no CSP of its own;
    one fixed policy needs no package).

    With DEBUG on, Django's own debug pages for errors (404, 500), whose styles and scripts
    are inline, are left without it so that they stay readable; in production DEBUG is off
    and the site's own error pages get the policy like every other page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class CachedPageMiddleware:
    """Pages that have not changed are not rendered again.

    For the read-only pages in `freshness.CONDITIONAL_PAGES`, once no message ("Your update
    has been saved") waits to be shown:

    - a browser that holds the page as it is (its ETag in If-None-Match) gets 304 Not
      Modified;
    - a visitor without a session (not signed in) gets the page from Django's cache when it
      has been rendered since the last write: the whole page, kept by the response on its
      way out;
    - otherwise the page is rendered, and its templates keep their costly fragments in the
      cache (`{% cache fragment_seconds name fragment_vary %}`, csp_tracker.
      context_processors), for every visitor allowed the same.

    Every key names the data version (`freshness.data_version`, one query), which changes
    with every committed write: a page or fragment is never older than the last write, on
    any worker or server sharing the cache. Responses say `no-cache`: browsers ask every
    time. No page kept whole holds a CSRF token or anything of one visitor's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.data_version = None
        request.page_from_cache = False
        response = self.get_response(request)
        version = request.data_version
        if version is not None and response.status_code == 200 and not response.streaming:
            # After rendering: the page may have made the CSRF secret its token uses.
            response["ETag"] = freshness.page_etag(request, version=version)
            self.mark_revalidate(request, response)
            if self.keeps_whole(request, response):
                headers = {
                    name: value
                    for name, value in response.headers.items()
                    if name not in ("ETag", "Cache-Control", "Vary")  # set for each request
                }
                cache.set(
                    freshness.page_cache_key(request, version=version),
                    {"content": response.content, "headers": headers},
                )
        elif has_session(request) and not response.has_header("Cache-Control"):
            # Any other page of someone signed in: for their own browser, asked for again.
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if request.resolver_match.view_name not in freshness.CONDITIONAL_PAGES:
            return None
        if len(messages.get_messages(request)):  # a message to show: render the page with it
            return None
        request.data_version = version = freshness.data_version()
        etag = freshness.page_etag(request, version=version)
        if etag in if_none_match(request):
            response = HttpResponseNotModified()
        elif has_session(request) or not (
            kept := cache.get(freshness.page_cache_key(request, version=version))
        ):
            return None
        else:
            # With its headers: a download (?_export=csv) keeps its file name.
            response = HttpResponse(kept["content"], headers=kept["headers"])
            request.page_from_cache = True
        response["ETag"] = etag
        self.mark_revalidate(request, response)
        request.data_version = None  # nothing more to do on the way out
        return response

    @staticmethod
    def keeps_whole(request, response) -> bool:
        """Whether the page may be kept whole for the next visitor without a session: a
        GET by one, rendered just now, with nothing of theirs in it (no cookie set, no
        CSRF token)."""
        return (
            request.method == "GET"
            and not request.page_from_cache
            and not has_session(request)
            and not response.cookies
            and b'name="csrfmiddlewaretoken"' not in response.content
        )

    @staticmethod
    def mark_revalidate(request, response):
        """Browsers keep the page but ask again every time; a page of someone with a
        session (signed in) is for their own browser only."""
        if has_session(request):
            patch_cache_control(response, no_cache=True, private=True)
        else:
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ("Cookie",))


def has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def if_none_match(request) -> set[str]:
    """The ETags of If-None-Match, compared weakly (W/ or not, the same tag)."""
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip() for tag in header.split(",") if tag.strip()}
    return tags | {tag if tag.startswith("W/") else f"W/{tag}" for tag in tags}
