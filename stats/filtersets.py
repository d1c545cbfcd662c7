"""Filters for the ward figures: which wards, which crime types, which months."""

from dataclasses import dataclass

import django_filters
from django import forms

from core.filtersets import SEARCH_WIDGET, SearchFilterSet

from . import selectors
from .forms import CRIME_TYPE_WIDGET, PeriodFormMixin
from .models import CrimeType, Ward
from .periods import Period, period_latest


class WardFilterForm(PeriodFormMixin, forms.Form):
    pass


@dataclass
class WardChoice:
    """What the ward table shows: these crime types over this period (None: no figures)."""

    crime_types: list[CrimeType]
    period: Period | None


class WardFilterSet(SearchFilterSet):
    """The ward table's filters: ward name or code, crime types, and the months to count.

    Only `q` narrows the wards; the other fields choose the columns and the period, which
    `choice()` reads, so the page and its CSV download show the same figures.
    """

    search_fields = ("name", "code")

    q = django_filters.CharFilter(method="search", label="Ward name or code", widget=SEARCH_WIDGET)
    # Checked against the crime types read for the page, not looked up in the database:
    # an id of 20 digits is not a choice, rather than a query the database refuses.
    crime_type = django_filters.MultipleChoiceFilter(
        method="keep",
        label="Crime types",
        help_text="Each makes a column. With none ticked, the table shows the types counted "
        "towards a strategic priority.",
        widget=CRIME_TYPE_WIDGET,
    )
    start = django_filters.ChoiceFilter(method="keep", label="From", empty_label=None)
    end = django_filters.ChoiceFilter(method="keep", label="To", empty_label=None)

    class Meta:
        model = Ward
        fields = ["q", "crime_type", "start", "end"]
        form = WardFilterForm

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.months = list(months)
        self.form.set_months(self.months)
        self.crime_types = selectors.crime_types_all()
        self.form.fields["crime_type"].choices = [(str(c.pk), c.name) for c in self.crime_types]

    def keep(self, queryset, name, value):
        return queryset

    def choice(self) -> WardChoice:
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        ticked = set(data.get("crime_type") or ())
        crime_types = [c for c in self.crime_types if str(c.pk) in ticked] or (
            selectors.crime_types_default(self.crime_types)
        )
        period = self.form.period() if data else None
        return WardChoice(crime_types, period or period_latest(self.months))
