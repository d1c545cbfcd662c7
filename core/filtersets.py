"""The filterset every table's filters start from."""

import django_filters
from django import forms
from django.db.models import Q

SEARCH_WIDGET = forms.TextInput(attrs={"class": "govuk-input", "type": "search"})


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet whose `q` filter searches `search_fields` for the text, ignoring case.

    Subclasses declare `q = django_filters.CharFilter(method="search", ...)` with their own
    label, and list the fields; a field across a many-valued relation gives distinct rows.
    """

    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        queryset = queryset.filter(condition)
        return queryset.distinct() if any("__" in f for f in self.search_fields) else queryset
