"""csp_tracker.widgets write exactly the HTML Django's own widgets do, faster."""

import pytest
from django import forms

from csp_tracker.widgets import Select, TextInput

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
        # A value offered twice is selected once; a None value is an empty one.
        ([(None, "None"), ("a", "A"), ("a", "A again")], "a", {}),
        ([(None, "None"), ("a", "A")], "", {}),
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


@pytest.mark.parametrize(
    ("value", "attrs"),
    [
        (None, {"class": "govuk-input", "type": "search"}),
        ("", {"class": "govuk-input"}),
        ('cold "calling" & <b>', {"class": "govuk-input", "type": "search", "id": "id_q"}),
        (42, {"required": True, "disabled": False, "data-x": "a&b", "maxlength": 100}),
    ],
)
def test_its_text_input_writes_the_same_html_as_djangos(value, attrs):
    ours = TextInput(attrs=attrs).render("q", value, {"id": "id_q"})
    djangos = forms.TextInput(attrs=attrs).render("q", value, {"id": "id_q"})
    assert ours == djangos


def test_the_agency_filter_offers_the_same_choices_without_building_agencies(report):
    """actions.filtersets.ActionFilterSet's agency choices come from values_list: the same
    HTML as Django's ModelChoiceField gives from the Agency instances."""
    from actions.filtersets import ActionFilterSet
    from actions.models import Agency

    dbc = Agency.objects.get(short_name="DBC")
    ours = ActionFilterSet({"agency": str(dbc.pk)}, queryset=None).form["agency"]
    djangos = forms.ModelChoiceField(
        Agency.objects.all(),
        empty_label="Any agency",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    assert str(ours) == djangos.widget.render("agency", dbc.pk, {"id": "id_agency"})
    assert ours.form.is_valid()
    assert ours.form.cleaned_data["agency"] == dbc


def test_a_select_of_several_writes_the_same_html_as_djangos():
    ours = forms.SelectMultiple(choices=CHOICES)
    ours.render = Select.render.__get__(ours)
    djangos = forms.SelectMultiple(choices=CHOICES)
    assert ours.render("agency", [1, "three"]) == djangos.render("agency", [1, "three"])
    assert ours.render("agency", [1, "three"]).count(" selected") == 2
