from django import forms

from core.forms import GovukFormMixin
from priorities.models import ReportingYear


class YearImportForm(GovukFormMixin, forms.Form):
    """Upload a yearly-plan file, or a report in the published text layout."""

    KINDS = [
        ("plan", "A yearly-plan file (JSON, docs/yearly-plan-format.md)"),
        ("report", "A report in the published text layout (like the 2011/12 report)"),
    ]

    file = forms.FileField(label="File")
    kind = forms.ChoiceField(
        choices=KINDS, widget=forms.RadioSelect, initial="plan", label="What the file is"
    )
    year = forms.RegexField(
        regex=r"^\d{4}/\d{2}$",
        required=False,
        label="Year of a report in the text layout",
        help_text="For example 2012/13. A yearly-plan file names its own year.",
        error_messages={"invalid": "Enter the year like 2012/13"},
    )
    replace = forms.BooleanField(
        required=False,
        label="Replace the year if it exists",
        help_text="Without it, a file that would change an existing year is refused.",
    )
    create_agencies = forms.BooleanField(
        required=False,
        label="Create the lead agencies it names that are new",
        help_text="For a report in the text layout. Without it, a report naming lead agencies "
        "this site does not know is refused, naming them all.",
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(f"{upload.name} is larger than 5 MB: is it the right file?")
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == "report" and not cleaned.get("year"):
            self.add_error("year", "Enter the year of the report, like 2012/13")
        return cleaned


class YearStartForm(GovukFormMixin, forms.Form):
    """Start the next reporting year from an earlier one."""

    from_year = forms.ModelChoiceField(
        queryset=ReportingYear.objects.all(), label="Carry forward from", empty_label=None
    )
    label = forms.RegexField(
        regex=r"^\d{4}/\d{2}$",
        label="The new year",
        help_text="For example 2012/13. It runs from 1 April to 31 March.",
        error_messages={"invalid": "Enter the year like 2012/13"},
    )

    def clean_label(self):
        label = self.cleaned_data["label"]
        if int(label[5:]) != (int(label[:4]) + 1) % 100:
            raise forms.ValidationError(f"{label} is not one year to the next, like 2012/13")
        if ReportingYear.objects.filter(label=label).exists():
            raise forms.ValidationError(f"{label} already exists")
        return label
