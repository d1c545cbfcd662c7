"""Filters for the ward figures: which wards, which crime types, which months."""

from dataclasses import dataclass

import django_filters
from django import forms

from csp_tracker.filtersets import SEARCH_WIDGET, SearchFilterSet, offer_choices
from csp_tracker.widgets import Select

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
    crime_type = django_filters.ModelMultipleChoiceFilter(
        queryset=CrimeType.objects.all(),
        method="keep",
        label="Crime types",
        widget=CRIME_TYPE_WIDGET,
    )
    start = django_filters.ChoiceFilter(
        method="keep", label="From", empty_label=None, widget=Select
    )
    end = django_filters.ChoiceFilter(method="keep", label="To", empty_label=None, widget=Select)

    class Meta:
        model = Ward
        fields = ["q", "crime_type", "start", "end"]
        form = WardFilterForm

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.months = list(months)
        self.form.set_months(self.months)
        # Every crime type read once, for the boxes and for the columns shown with none
        # ticked: the boxes are written from them (the field's own choices would read them
        # again); a ticked box is still checked against the database.
        field = self.form.fields["crime_type"]
        self.crime_types = selectors.crime_types_all()
        offer_choices(field, [(c.pk, field.label_from_instance(c)) for c in self.crime_types])

    def keep(self, queryset, name, value):
        return queryset

    def choice(self) -> WardChoice:
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        crime_types = list(
            data.get("crime_type") or selectors.crime_types_default(self.crime_types)
        )
        period = self.form.period() if data else None
        return WardChoice(crime_types, period or period_latest(self.months))
