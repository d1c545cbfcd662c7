from django import forms

from core.forms import GovukFormMixin

from .models import ReportingRound


class RoundOpenForm(GovukFormMixin, forms.ModelForm):
    """Open a round of updates for a year: its label and deadline."""

    class Meta:
        model = ReportingRound
        fields = ["label", "deadline"]
        labels = {"label": "Round", "deadline": "Updates due by"}
        help_texts = {
            "label": "As the meeting knows it, for example Q3 2012/13.",
            "deadline": "A date, for example 14/12/2012.",
        }
