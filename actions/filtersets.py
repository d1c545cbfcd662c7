import django_filters

from csp_tracker.filtersets import (
    SEARCH_WIDGET,
    LabelModelChoiceFilter,
    SearchFilterSet,
    offer_choices,
)
from csp_tracker.widgets import Select
from priorities.models import ReportingYear
from priorities.selectors import years_as_values

from .models import Action, Agency


class ActionFilterSet(SearchFilterSet):
    """Filters for a priority's table: free text and lead agency (teams included)."""

    search_fields = ("action", "lead_text", "target", "timescale", "update")

    q = django_filters.CharFilter(method="search", label="Search actions", widget=SEARCH_WIDGET)
    agency = LabelModelChoiceFilter(
        queryset=Agency.objects.all(),
        label_field="short_name",
        method="filter_agency",
        label="Lead agency",
        empty_label="Any agency",
        widget=Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Action
        fields = ["q", "agency"]

    def __init__(self, *args, agencies=None, agency_choices=None, **kwargs):
        """`agencies` narrows the lead agency choices (to those of one priority, say);
        `agency_choices`, the same agencies as (id, short name), are then what the
        drop-down offers without reading them again."""
        super().__init__(*args, **kwargs)
        if agencies is not None and "agency" in self.filters:
            self.filters["agency"].queryset = agencies
            if agency_choices is not None:
                offer_choices(self.form.fields["agency"], agency_choices)

    def filter_agency(self, queryset, name, value):
        return queryset.led_by(value)


class AgencyActionFilterSet(ActionFilterSet):
    """Filters for an agency's actions across priorities: free text and year."""

    agency = None
    year = LabelModelChoiceFilter(
        field_name="priority__year",
        queryset=ReportingYear.objects.all(),
        label_field="label",
        label="Year",
        empty_label="All years",
        widget=Select(attrs={"class": "govuk-select"}),
    )

    class Meta:
        model = Action
        fields = ["q", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The drop-down written from the years read as values (the filter still checks a
        # choice against the years).
        offer_choices(self.form.fields["year"], [(pk, label) for pk, label, _ in years_as_values()])


class AgencyFilterSet(SearchFilterSet):
    search_fields = ("short_name", "name", "aliases__name")

    q = django_filters.CharFilter(method="search", label="Search agencies", widget=SEARCH_WIDGET)

    class Meta:
        model = Agency
        fields = ["q"]
