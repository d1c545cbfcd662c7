from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SearchForm

PER_PAGE = 20


@require_safe
def search_results(request):
    """Every year's actions matching `?q=`, grouped by year, newest first, with the
    matching words marked; public, as the priority pages are (internal actions only for
    those signed in). An empty or refused search
    shows the form alone."""
    form = SearchForm(request.GET)
    terms = page = None
    if form.is_valid() and form.cleaned_data["q"]:
        terms = selectors.search_terms(form.cleaned_data["q"])
        # Internal actions are found only by those signed in.
        public = not request.user.is_authenticated
        paginator = Paginator(selectors.action_search(terms, public=public), PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
    return render(request, "search/results.html", {"form": form, "terms": terms, "page": page})
