from django import forms

from core.forms import GovukFormMixin

from . import services
from .models import Action, Agency, Milestone, ProgressStatus


class ActionEditForm(GovukFormMixin, forms.ModelForm):
    """An edit of an action: the fields the editor may change, and the version it started
    from (a hidden field), so that a save made after someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    also = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Save the same update and status on this work's other rows",
        help_text="The same piece of work is a row under other priorities too. Each row "
        "you tick gets this update and status, with its own entry in its history.",
    )
    # The versions of those rows when the form was opened: "id:version id:version".
    shared_versions = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["update", "progress_status", "internal_note", "target", "timescale", "internal"]
        widgets = {
            "update": forms.Textarea(attrs={"rows": 5}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "progress_status": forms.RadioSelect,
        }
        help_texts = {
            "update": "What has happened on this action. Your name and today's date are "
            "recorded with it.",
            "timescale": "Free text, as the plan writes it: Ongoing, July- Sept, During 2011-12.",
        }

    def __init__(self, *args, editable_fields=(), shared_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in ("version", "also", "shared_versions") and name not in editable_fields:
                del self.fields[name]
        if shared_rows and "update" in self.fields:
            self.fields["also"].choices = [
                (row.pk, f"Priority {row.priority.number}, row {row.position}: {row.action}")
                for row in shared_rows
            ]
            self.initial["shared_versions"] = " ".join(
                f"{row.pk}:{row.version}" for row in shared_rows
            )
        else:
            del self.fields["also"]
            del self.fields["shared_versions"]
        if "progress_status" in self.fields:
            self.fields["progress_status"].choices = ProgressStatus.choices
            self.fields["progress_status"].required = False
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_shared_versions(self) -> dict[int, int]:
        versions = {}
        for pair in self.cleaned_data["shared_versions"].split():
            pk, _, version = pair.partition(":")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError("The form was changed: open the page again.")
            versions[int(pk)] = int(version)
        return versions

    def clean(self):
        cleaned = super().clean()
        if set(cleaned.get("also", ())) - set(cleaned.get("shared_versions", {})):
            raise forms.ValidationError("The form was changed: open the page again.")
        return cleaned

    def shared(self) -> dict[int, int]:
        """The other rows ticked, with the versions the editor saw."""
        if "also" not in self.fields:
            return {}
        versions = self.cleaned_data["shared_versions"]
        return {pk: versions[pk] for pk in self.cleaned_data["also"]}

    def changed_values(self) -> dict:
        skip = ("version", "also", "shared_versions")
        return {name: self.cleaned_data[name] for name in self.fields if name not in skip}


class ActionCreateForm(GovukFormMixin, forms.ModelForm):
    """A new row at the end of a priority's table."""

    class Meta:
        model = Action
        fields = [
            "action",
            "lead_text",
            "target",
            "timescale",
            "update",
            "progress_status",
            "internal",
        ]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "update": forms.Textarea(attrs={"rows": 4}),
            "progress_status": forms.RadioSelect,
        }
        labels = {"lead_text": "Lead agency"}
        help_texts = {
            "lead_text": "As the plan writes it: names separated by “/”, e.g. Herts Police/DBC.",
            "timescale": "Free text: Ongoing, July- Sept, During 2011-12.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress_status"].choices = ProgressStatus.choices
        self.fields["progress_status"].required = False

    def clean_lead_text(self):
        lead_text = self.cleaned_data["lead_text"].strip()
        for name in lead_text.split("/"):
            services.agency_resolve(name)
        return lead_text


DATE_INPUT = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MilestoneForm(GovukFormMixin, forms.ModelForm):
    """A milestone of an action: its title, due date, done date and responsible agency.
    An edit also carries the version it started from (a hidden field), so that a save made
    after someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on", "agency"]
        widgets = {"due_on": DATE_INPUT, "done_on": DATE_INPUT}
        labels = {"due_on": "Due date", "done_on": "Done date"}
        help_texts = {
            "title": "What will be done, e.g. “Leaflets delivered to every house”.",
            "due_on": "As YYYY-MM-DD, e.g. 2012-03-31.",
            "done_on": "Empty until it is done.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.all()
        self.fields["agency"].empty_label = "The action's lead agency"
        if self.instance.pk is None:
            del self.fields["version"]
        elif not self.is_bound:
            self.initial["version"] = self.instance.version

    def clean_title(self):
        return self.cleaned_data["title"].strip()

    def milestone_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProposalReturnForm(GovukFormMixin, forms.Form):
    """Why a coordinator returns a partner's proposed update."""

    comment = forms.CharField(
        label="Comment for the author",
        help_text="Needed to return the update: say what to change. Not needed to approve it.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
