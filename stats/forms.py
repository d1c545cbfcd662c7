"""Forms of the ward pages: choosing a period, and uploading a file of figures, an LSOA
lookup or ward populations."""

from pathlib import Path

from django import forms

from .models import WardImport
from .periods import Period, month_label, month_value, parse_month_value, period_latest
from .services import LOOKUP_SOURCE, POLICE_UK_SOURCE

SELECT = {"class": "govuk-select"}
CRIME_TYPE_WIDGET = forms.CheckboxSelectMultiple(attrs={"class": "govuk-checkboxes__input"})
MAX_UPLOAD_MB = 100


class PeriodFormMixin:
    """`start` and `end` month fields, offering the months that have figures."""

    def set_months(self, months) -> None:
        choices = [(month_value(m), month_label(m)) for m in months]
        for name in ("start", "end"):
            field = self.fields[name]
            field.choices = choices
            field.widget.attrs.update(SELECT)
        default = period_latest(list(months))
        if default is not None and not self.is_bound:
            self.initial.setdefault("start", month_value(default.start))
            self.initial.setdefault("end", month_value(default.end))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and parse_month_value(end) < parse_month_value(start):
            self.add_error("end", "The last month must not be before the first.")
        return cleaned

    def period(self) -> Period | None:
        if not self.is_bound or not self.is_valid():
            return None
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if not start or not end:
            return None
        return Period(parse_month_value(start), parse_month_value(end))


class PeriodForm(PeriodFormMixin, forms.Form):
    """The months a ward's page shows."""

    start = forms.ChoiceField(label="From")
    end = forms.ChoiceField(label="To")

    def __init__(self, *args, months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.months = list(months)
        self.set_months(self.months)


class WardImportForm(forms.Form):
    """A file of ward figures to import."""

    kind = forms.ChoiceField(
        label="What kind of file is it?",
        choices=WardImport.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
    )
    file = forms.FileField(
        label="The CSV file",
        help_text="A police.uk street-level file (YYYY-MM-force-street.csv), or a CSV whose "
        "header is ward,month,crime_type,count.",
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}),
    )
    source = forms.CharField(
        label="Where the figures come from",
        required=False,
        help_text="Shown with every figure from this file. Leave empty for a police.uk file.",
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(f"{upload.name} is not a CSV file (it must end .csv).")
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_MB} MB.")
        return upload

    def clean(self):
        cleaned = super().clean()
        kind, source = cleaned.get("kind"), (cleaned.get("source") or "").strip()
        if kind == WardImport.Kind.COUNTS and not source:
            self.add_error("source", "Say where the counts come from: it is shown with them.")
        cleaned["source"] = source or POLICE_UK_SOURCE
        return cleaned


class CsvUploadMixin:
    """A `file` field that must be a CSV file under the size limit."""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() != ".csv":
            raise forms.ValidationError(f"{upload.name} is not a CSV file (it must end .csv).")
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file must be smaller than {MAX_UPLOAD_MB} MB.")
        return upload


def csv_file_field(help_text: str) -> forms.FileField:
    return forms.FileField(
        label="The CSV file",
        help_text=help_text,
        widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload", "accept": ".csv"}),
    )


class WardLookupForm(CsvUploadMixin, forms.Form):
    """An ONS LSOA-to-ward lookup to import (as `importwardlookup` takes it)."""

    file = csv_file_field(
        "ONS's best-fit lookup from LSOAs to wards, as downloaded: columns such as LSOA11CD, "
        "LSOA11NM, WD18CD, WD18NM, LAD18CD and LAD18NM (any year)."
    )
    source = forms.CharField(
        label="Where the lookup comes from",
        initial=LOOKUP_SOURCE,
        help_text="Shown with every ward figure the lookup places.",
        error_messages={"required": "Say where the lookup comes from: it is shown with it."},
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
    )

    def clean_source(self):
        return " ".join(self.cleaned_data["source"].split())


class WardPopulationsForm(CsvUploadMixin, forms.Form):
    """A CSV of ward populations to import (as `importwardpopulations` takes it)."""

    file = csv_file_field(
        "A CSV whose header is ward,population,year,source: the ward's name or ONS code, its "
        "residents as a whole number, the year the figure is for, and the publication it "
        "comes from."
    )


class DistrictPopulationsForm(CsvUploadMixin, forms.Form):
    """A CSV of district populations to import (as `importdistrictpopulations` takes it)."""

    file = csv_file_field(
        "A CSV whose header names the columns district_code, district, population, year and "
        "source: the district's ONS code, its name as police.uk writes it (or both), its "
        "residents as a whole number, the year the figure is for, and the publication it "
        "comes from."
    )
