import django_filters
from django import forms

from core.filtersets import SEARCH_WIDGET, SearchFilterSet
from priorities.models import ReportingYear

from .models import Action, Agency

SELECT = forms.Select(attrs={"class": "govuk-select"})


class ActionFilterSet(SearchFilterSet):
    """Filters for a priority's table: free text and lead agency (teams included)."""

    search_fields = ("action", "lead_text", "target", "timescale", "update")

    q = django_filters.CharFilter(method="search", label="Search actions", widget=SEARCH_WIDGET)
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(),
        method="filter_agency",
        label="Lead agency",
        empty_label="Any agency",
        widget=SELECT,
    )

    class Meta:
        model = Action
        fields = ["q", "agency"]

    def __init__(self, *args, agencies=None, **kwargs):
        """`agencies` narrows the lead agency choices (to those of one priority, say)."""
        super().__init__(*args, **kwargs)
        if agencies is not None and "agency" in self.filters:
            self.filters["agency"].queryset = agencies

    def filter_agency(self, queryset, name, value):
        return queryset.led_by(value)


class AgencyActionFilterSet(ActionFilterSet):
    """Filters for an agency's actions across priorities: free text and year."""

    agency = None
    year = django_filters.ModelChoiceFilter(
        field_name="priority__year",
        queryset=ReportingYear.objects.all(),
        label="Year",
        empty_label="All years",
        widget=SELECT,
    )

    class Meta:
        model = Action
        fields = ["q", "year"]


class AgencyFilterSet(SearchFilterSet):
    search_fields = ("short_name", "name", "aliases__name")

    q = django_filters.CharFilter(method="search", label="Search agencies", widget=SEARCH_WIDGET)

    class Meta:
        model = Agency
        fields = ["q"]
