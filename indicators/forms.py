"""Forms for a priority's indicators and their hand-entered figures. Months are written
YYYY-MM; an edit carries the version it started from (a hidden field)."""

from django import forms

from core.forms import GovukFormMixin
from stats.models import CrimeType, Ward, WardSet
from stats.periods import month_value, parse_month_value

from .models import Indicator, IndicatorValue
from .services import INDICATOR_FIELDS, VALUE_FIELDS


class MonthField(forms.Field):
    """A month written YYYY-MM, cleaned to the first day of the month."""

    widget = forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"})

    def prepare_value(self, value):
        if hasattr(value, "year"):
            return month_value(value)
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_month_value(value.strip())
        except ValueError as error:
            raise forms.ValidationError("Write the month as YYYY-MM, e.g. 2012-04.") from error


class VersionedFormMixin:
    """The version an edit started from, as a hidden field (only when editing)."""

    def version_setup(self):
        if self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.initial["version"] = self.instance.version


class IndicatorForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """An indicator: what it counts, its baseline, target and direction."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    baseline_start = MonthField(label="Baseline's first month", help_text="As YYYY-MM.")
    baseline_end = MonthField(
        label="Baseline's last month",
        help_text="As YYYY-MM. The latest figure covers as many months as the baseline.",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "kind",
            "crime_types",
            "wards",
            "unit",
            "baseline_start",
            "baseline_end",
            "target_change",
            "target_value",
            "direction",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "crime_types": forms.CheckboxSelectMultiple,
            "wards": forms.CheckboxSelectMultiple,
        }
        labels = {"crime_types": "Crime types counted", "wards": "Wards"}
        help_texts = {
            "crime_types": "For a count of crime types: police.uk's categories.",
            "wards": "For a count of crime types: none ticked counts the whole borough.",
            "target_change": "A % change on the baseline, e.g. -5.0; or give a target figure.",
            "target_value": "A figure to reach; or give a % change.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["crime_types"].queryset = CrimeType.objects.all()
        ward_set = WardSet.objects.newest()
        wards = Ward.objects.filter(ward_set=ward_set).order_by("name")
        if self.instance.pk:
            wards = wards | Ward.objects.filter(indicators=self.instance)
        self.fields["wards"].queryset = wards.distinct().order_by("name")
        self.version_setup()

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Indicator.Kind.CRIME and not cleaned.get("crime_types"):
            self.add_error("crime_types", "Tick at least one crime type to count.")
        wards = cleaned.get("wards") or []
        if len({ward.ward_set_id for ward in wards}) > 1:
            self.add_error("wards", "Choose wards of one ward set.")
        if kind == Indicator.Kind.MANUAL:
            cleaned["crime_types"], cleaned["wards"] = [], []
        return cleaned

    def indicator_values(self) -> dict:
        values = {name: self.cleaned_data[name] for name in INDICATOR_FIELDS}
        values["crime_types"] = list(self.cleaned_data["crime_types"])
        values["wards"] = list(self.cleaned_data["wards"])
        return values


class IndicatorValueForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """A hand-entered figure for a period of whole months."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    period_start = MonthField(label="First month", help_text="As YYYY-MM.")
    period_end = MonthField(
        label="Last month", help_text="As YYYY-MM: the same month for a single month."
    )

    class Meta:
        model = IndicatorValue
        fields = ["period_start", "period_end", "value", "note"]
        labels = {"value": "Figure"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version_setup()

    def value_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in VALUE_FIELDS}
