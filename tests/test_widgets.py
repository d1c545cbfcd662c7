"""csp_tracker.widgets.Select writes exactly the HTML Django's Select does, faster."""

import pytest
from django import forms

from csp_tracker.widgets import Select

CHOICES = [
    ("", "Any agency"),
    (1, "DBC"),
    (2, "Herts Police & <Partners>"),
    ("three", 'HFRS "Fire"'),
]
GROUPED = [("", "Any"), ("Councils", [(1, "DBC"), (2, "HCC")]), ("Others", [(3, "Police")])]


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        (CHOICES, None, {"class": "govuk-select"}),
        (CHOICES, 2, {"class": "govuk-select", "id": "id_agency"}),
        (CHOICES, "three", {"required": True, "disabled": False, "data-x": "a&b"}),
        (GROUPED, 3, {}),
        ([], None, {"class": "govuk-select"}),
    ],
)
def test_it_writes_the_same_html_as_djangos_select(choices, value, attrs):
    ours = Select(attrs=attrs, choices=choices).render("agency", value, {"id": "id_agency"})
    djangos = forms.Select(attrs=attrs, choices=choices).render(
        "agency", value, {"id": "id_agency"}
    )
    assert ours == djangos


def test_a_model_choice_field_renders_the_same_with_it(report):
    from actions.models import Agency

    def field(widget):
        return forms.ModelChoiceField(Agency.objects.all(), empty_label="Any agency", widget=widget)

    dbc = Agency.objects.get(short_name="DBC")
    ours = field(Select(attrs={"class": "govuk-select"})).widget
    djangos = field(forms.Select(attrs={"class": "govuk-select"})).widget
    assert ours.render("agency", dbc.pk) == djangos.render("agency", dbc.pk)
