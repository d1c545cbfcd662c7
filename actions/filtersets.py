import django_filters
from django import forms
from django.db.models import Q

from priorities.models import ReportingYear

from .models import Action, Agency

SEARCH_WIDGET = forms.TextInput(attrs={"class": "govuk-input", "type": "search"})


class ActionFilterSet(django_filters.FilterSet):
    """Filters for a priority's table: free text and lead agency (teams included)."""

    q = django_filters.CharFilter(method="search", label="Search actions", widget=SEARCH_WIDGET)
    agency = django_filters.ModelChoiceFilter(
        queryset=Agency.objects.all(),
        method="filter_agency",
        label="Lead agency",
        empty_label="Any agency",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Action
        fields = ["q", "agency"]

    def __init__(self, *args, agencies=None, **kwargs):
        """`agencies` narrows the lead agency choices (to those of one priority, say)."""
        super().__init__(*args, **kwargs)
        if agencies is not None and "agency" in self.filters:
            self.filters["agency"].queryset = agencies

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(action__icontains=value)
            | Q(lead_text__icontains=value)
            | Q(target__icontains=value)
            | Q(timescale__icontains=value)
            | Q(update__icontains=value)
        )

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
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Action
        fields = ["q", "year"]


class AgencyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search agencies", widget=SEARCH_WIDGET)

    class Meta:
        model = Agency
        fields = ["q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(short_name__icontains=value)
            | Q(name__icontains=value)
            | Q(aliases__name__icontains=value)
        ).distinct()
