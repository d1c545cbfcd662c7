from django import forms

from core.forms import GovukFormMixin

from . import services
from .models import Action, ProgressStatus


class ActionEditForm(GovukFormMixin, forms.ModelForm):
    """An edit of an action: the fields the editor may change, and the version it started
    from (a hidden field), so that a save made after someone else's is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ["update", "progress_status", "target", "timescale"]
        widgets = {
            "update": forms.Textarea(attrs={"rows": 5}),
            "target": forms.Textarea(attrs={"rows": 3}),
            "progress_status": forms.RadioSelect,
        }
        help_texts = {
            "update": "What has happened on this action. Your name and today's date are "
            "recorded with it.",
            "timescale": "Free text, as the plan writes it: Ongoing, July- Sept, During 2011-12.",
        }

    def __init__(self, *args, editable_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name != "version" and name not in editable_fields:
                del self.fields[name]
        if "progress_status" in self.fields:
            self.fields["progress_status"].choices = ProgressStatus.choices
            self.fields["progress_status"].required = False
        if not self.is_bound:
            self.initial["version"] = self.instance.version

    def changed_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "version"}


class ActionCreateForm(GovukFormMixin, forms.ModelForm):
    """A new row at the end of a priority's table."""

    class Meta:
        model = Action
        fields = ["action", "lead_text", "target", "timescale", "update", "progress_status"]
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
