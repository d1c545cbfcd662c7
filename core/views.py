"""View pieces every app uses."""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache


class NotKeptMixin:
    """A page no browser or proxy may keep a copy of (Cache-Control: no-store, private):
    forms of work in progress (edits, imports) and records of people's work (the audit
    trail, the updates due)."""

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)
