"""Template helpers written in Python (csp_tracker/templatetags/csp.py) give the HTML the
templates they replaced gave, whitespace between tags aside."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template

from actions.filtersets import ActionFilterSet
from actions.models import Agency
from csp_tracker.templatetags.csp import filter_field, other_year_items
from tests.test_tables import tags_only

pytestmark = pytest.mark.django_db

FORM_GROUP = Template(
    """{% for field in form %}
    <div class="govuk-form-group app-filter__field{% if field.errors %} govuk-form-group--error{% endif %}">
      <label class="govuk-label govuk-label--s" for="{{ field.id_for_label }}">{{ field.label }}</label>
      {% for error in field.errors %}<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {{ error }}</p>{% endfor %}
      {{ field }}
    </div>
    {% endfor %}"""
)

OTHER_YEARS = Template(
    """{% for other in other_years %}
  <li><a class="govuk-link" href="{{ other.get_absolute_url }}">{{ other.year.label }}: priority {{ other.number }}, {{ other.title }}</a> ({{ other.action_count }} action{{ other.action_count|pluralize }})</li>
  {% endfor %}"""
)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": 'cold "calling" <b>', "agency": "DBC"},
        {"q": "x", "agency": "999999"},  # not a choice: the field shows its error
    ],
)
def test_a_filter_field_is_the_form_group_the_template_wrote(report, data):
    if data.get("agency") == "DBC":
        data = {**data, "agency": str(Agency.objects.get(short_name="DBC").pk)}
    form = ActionFilterSet(data or None, queryset=None).form
    form.is_valid()
    expected = FORM_GROUP.render(Context({"form": form}))
    ours = "".join(filter_field(field) for field in form)
    assert tags_only(ours) == tags_only(expected)
    if data.get("agency") == "999999":
        assert "govuk-form-group--error" in ours


def test_other_years_are_the_list_items_the_template_wrote():
    def priority(label, number, title, count):
        return SimpleNamespace(
            get_absolute_url=lambda: f"/years/{label}/priorities/{number}/?a=1&b=2",
            year=SimpleNamespace(label=label),
            number=number,
            title=title,
            action_count=count,
        )

    others = [
        priority("2012-13", 1, "Anti-social behaviour & <criminal> damage", 1),
        priority("2010-11", 3, 'Young people "at risk"', 7),
        priority("2009-10", 2, "Dwelling burglary", 0),
    ]
    expected = OTHER_YEARS.render(Context({"other_years": others}))
    ours = other_year_items(others)
    assert tags_only(ours) == tags_only(expected)
    assert "(1 action)" in ours
    assert "(7 actions)" in ours
