"""The site's own middleware: the Content-Security-Policy, and 304s for unchanged pages."""

from django.conf import settings
from django.http import HttpResponseNotModified
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


class ConditionalPageMiddleware:
    """Answers 304 Not Modified, without rendering, to a request for a page that has not
    changed since the copy the browser holds (its ETag in If-None-Match).

    Only for the read-only pages in `freshness.CONDITIONAL_PAGES`, and never while a
    message ("Your update has been saved") waits to be shown. The ETag changes with every
    committed write (`freshness.data_version`), so a page is never older than the last
    write; responses say `no-cache`, so browsers ask every time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        version = getattr(request, "_data_version", None)
        if version is not None and response.status_code == 200 and not response.streaming:
            # After rendering: the page may have made the CSRF secret its token uses.
            response["ETag"] = freshness.page_etag(request, version=version)
            self.mark_revalidate(request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if request.resolver_match.view_name not in freshness.CONDITIONAL_PAGES:
            return None
        if len(request._messages):  # a message to show: render the page with it
            return None
        request._data_version = freshness.data_version()
        etag = freshness.page_etag(request, version=request._data_version)
        if etag not in if_none_match(request):
            return None
        response = HttpResponseNotModified()
        response["ETag"] = etag
        self.mark_revalidate(request, response)
        request._data_version = None  # nothing more to do on the way out
        return response

    @staticmethod
    def mark_revalidate(request, response):
        """Browsers keep the page but ask again every time; a page of someone with a
        session (signed in) is for their own browser only."""
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, no_cache=True, private=True)
        else:
            patch_cache_control(response, no_cache=True)
        patch_vary_headers(response, ("Cookie",))


def if_none_match(request) -> set[str]:
    """The ETags of If-None-Match, compared weakly (W/ or not, the same tag)."""
    header = request.headers.get("If-None-Match", "")
    tags = {tag.strip() for tag in header.split(",") if tag.strip()}
    return tags | {tag if tag.startswith("W/") else f"W/{tag}" for tag in tags}
