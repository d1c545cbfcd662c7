from django import forms

from core.forms import GovukFormMixin

MAX_LENGTH = 200


class SearchForm(GovukFormMixin, forms.Form):
    """What the search box sends: `?q=`. Django's CharField already refuses a NUL byte."""

    q = forms.CharField(
        label="Search actions",
        max_length=MAX_LENGTH,
        required=False,
        help_text="Words from an action, its target, timescale, update or lead agencies.",
    )
