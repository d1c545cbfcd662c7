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

    # Chosen on the page by a form of its own (?from=), which lists that year's actions.
    from_year = forms.ModelChoiceField(
        queryset=ReportingYear.objects.all(),
        label="Carry forward from",
        empty_label=None,
        widget=forms.HiddenInput,
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


class CarryForwardForm(GovukFormMixin, forms.Form):
    """One unfinished action of the earlier year: whether to carry it forward, and its
    target and timescale in the new year. `action` is the row the form was shown for."""

    action_id = forms.IntegerField(widget=forms.HiddenInput)
    carry = forms.BooleanField(required=False, initial=True)
    target = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    timescale = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action is not None:
            row = f"priority {action.priority.number}, row {action.position}"
            self.fields["carry"].label = f"Carry forward {row}: {action.action}"
            self.fields["target"].label = f"Target of {row}"
            self.fields["timescale"].label = f"Timescale of {row}"

    def clean_action_id(self):
        action_id = self.cleaned_data["action_id"]
        if self.action is None or action_id != self.action.pk:
            raise forms.ValidationError(STALE_LIST)
        return action_id

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("carry"):
            for name in ("target", "timescale"):
                if not cleaned.get(name, "").strip():
                    self.add_error(name, f"Enter the {name} of the row carried forward")
        return cleaned


STALE_LIST = (
    "The earlier year's unfinished actions have changed since this page was opened: "
    "check the list again"
)


class BaseCarryForwardFormSet(forms.BaseFormSet):
    """A CarryForwardForm for each of `actions` (the earlier year's unfinished rows, in
    order), every one ticked and with its target and timescale as they were."""

    def __init__(self, *args, actions: list, **kwargs):
        self.actions = actions
        initial = [
            {"action_id": a.pk, "carry": True, "target": a.target, "timescale": a.timescale}
            for a in actions
        ]
        super().__init__(*args, initial=initial, **kwargs)

    def get_form_kwargs(self, index):
        known = index is not None and index < len(self.actions)
        return {"action": self.actions[index] if known else None}

    def clean(self):
        if self.total_form_count() != len(self.actions):
            raise forms.ValidationError(STALE_LIST)

    def carried(self) -> list[tuple]:
        """(action, target, timescale) of each row ticked, once the formset is valid."""
        return [
            (form.action, form.cleaned_data["target"], form.cleaned_data["timescale"])
            for form in self.forms
            if form.cleaned_data.get("carry")
        ]


CarryForwardFormSet = forms.formset_factory(
    CarryForwardForm, formset=BaseCarryForwardFormSet, extra=0
)
