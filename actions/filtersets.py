import django_filters
from django import forms
from django.utils import timezone

from core.filtersets import SEARCH_WIDGET, SearchFilterSet
from priorities.models import Priority, ReportingYear

from .models import Action, Agency, ProgressStatus

SELECT = forms.Select(attrs={"class": "govuk-select"})
# The longest "not updated for" worth asking: a hundred years.
MAX_DAYS = 36_500
# A status of its own for the rows with none (blank in the database).
NOT_RECORDED = "not_recorded"
STATUS_CHOICES = [*ProgressStatus.choices, (NOT_RECORDED, "Not recorded")]
# ?overdue=yes: actions with a milestone past its due date and not done.
OVERDUE = "yes"


class DaysFilter(django_filters.NumberFilter):
    """A whole number of days from 0 to MAX_DAYS (not 1.5, not 10^20)."""

    field_class = forms.IntegerField


def status_filter() -> django_filters.ChoiceFilter:
    """The progress status filter every table of actions offers."""
    return django_filters.ChoiceFilter(
        choices=STATUS_CHOICES,
        method="filter_status",
        label="Progress status",
        empty_label="Any status",
        widget=SELECT,
    )


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
    status = status_filter()

    class Meta:
        model = Action
        fields = ["q", "agency", "status"]

    def __init__(self, *args, agencies=None, **kwargs):
        """`agencies` narrows the lead agency choices (to those of one priority, say)."""
        super().__init__(*args, **kwargs)
        if agencies is not None and "agency" in self.filters:
            self.filters["agency"].queryset = agencies

    def filter_agency(self, queryset, name, value):
        return queryset.led_by(value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(progress_status="" if value == NOT_RECORDED else value)


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
        fields = ["q", "year", "status"]


class YearActionFilterSet(ActionFilterSet):
    """Filters for every action of a year: free text (lead agencies' names included),
    priority, lead agency (teams included), progress status and days without an update."""

    q = django_filters.CharFilter(
        method="search_actions", label="Search actions", widget=SEARCH_WIDGET
    )
    priority = django_filters.ModelChoiceFilter(
        queryset=Priority.objects.none(),
        label="Priority",
        empty_label="Any priority",
        widget=SELECT,
    )
    days = DaysFilter(
        method="filter_days",
        label="Not updated for (days)",
        min_value=0,
        max_value=MAX_DAYS,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-4", "inputmode": "numeric"}
        ),
    )

    overdue = django_filters.ChoiceFilter(
        choices=[(OVERDUE, "Overdue only")],
        method="filter_overdue",
        label="Milestones",
        empty_label="Any",
        widget=SELECT,
    )

    class Meta:
        model = Action
        fields = ["q", "priority", "agency", "status", "days", "overdue"]

    def __init__(self, *args, year: ReportingYear, **kwargs):
        """The priority and agency choices are the year's."""
        super().__init__(*args, agencies=Agency.objects.leading_in_year(year), **kwargs)
        self.filters["priority"].queryset = year.priorities.order_by("number")

    def search_actions(self, queryset, name, value):
        value = value.strip()
        return queryset.matching(value) if value else queryset

    def filter_days(self, queryset, name, value):
        return queryset.not_updated_for(value)

    def filter_overdue(self, queryset, name, value):
        """Actions with a milestone past its due date and not done (ActionQuerySet.overdue)."""
        return queryset.overdue(timezone.localdate())


class AgencyFilterSet(SearchFilterSet):
    search_fields = ("short_name", "name", "aliases__name")

    q = django_filters.CharFilter(method="search", label="Search agencies", widget=SEARCH_WIDGET)

    class Meta:
        model = Agency
        fields = ["q"]
