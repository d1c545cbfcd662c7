"""Template helpers written in Python (csp_tracker/templatetags/csp.py) give the HTML the
templates they replaced gave, whitespace between tags aside."""

import re
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, RequestContext, Template
from django.test import RequestFactory

from actions.filtersets import ActionFilterSet
from actions.models import Agency
from csp_tracker.templatetags.csp import filter_field, other_year_items
from tests.conftest import user_make
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

# base.html's navigation as it was, with templates/includes/nav_item.html for each item.
NAV_ITEM = """{% if section == nav_section %}<li class="govuk-service-navigation__item govuk-service-navigation__item--active"><a class="govuk-service-navigation__link" href="{{ href }}" aria-current="{% if request.path == href %}page{% else %}true{% endif %}"><strong class="govuk-service-navigation__active-fallback">{{ label }}</strong></a></li>
{% else %}<li class="govuk-service-navigation__item"><a class="govuk-service-navigation__link" href="{{ href }}">{{ label }}</a></li>
{% endif %}"""  # noqa: E501
NAVIGATION = Template(
    """{% url 'priorities:home' as href %}{% with label="Priorities" section="priorities" %}ITEM{% endwith %}
{% url 'actions:agency_list' as href %}{% with label="Lead agencies" section="agencies" %}ITEM{% endwith %}
{% url 'stats:county' as href %}{% with label="County crime table" section="stats" %}ITEM{% endwith %}
{% if perms.stats.view_ward %}{% url 'stats:ward_list' as href %}{% with label="Ward figures" section="wards" %}ITEM{% endwith %}{% endif %}
{% if perms.actions.change_action %}{% url 'actions:updates_due' as href %}{% with label="Updates due" section="updates_due" %}ITEM{% endwith %}{% endif %}
{% if perms.csp_tracker.view_auditentry %}{% url 'site:audit_list' as href %}{% with label="Audit trail" section="audit" %}ITEM{% endwith %}{% endif %}
{% if user.is_authenticated %}
<li class="govuk-service-navigation__item app-account">
  <form method="post" action="{% url 'logout' %}" class="app-account__form">{% csrf_token %}<span class="app-account__name">{{ user.get_full_name|default:user.get_username }}</span> <button type="submit" class="govuk-service-navigation__link app-link-button">Sign out</button></form>
</li>
{% else %}
{% url 'login' as href %}{% with label="Sign in" section="login" %}ITEM{% endwith %}
{% endif %}""".replace("ITEM", NAV_ITEM)  # noqa: E501
)

OTHER_YEARS = Template(
    """{% for other in other_years %}
  <li><a class="govuk-link" href="{{ other.get_absolute_url }}">{{ other.year_label }}: priority {{ other.number }}, {{ other.title }}</a> ({{ other.action_count }} action{{ other.action_count|pluralize }})</li>
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
            year_label=label,
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


@pytest.mark.parametrize("role", [None, "Partner", "Councillor", "Coordinator", "Administrator"])
@pytest.mark.parametrize(
    ("path", "section"),
    [("/", "priorities"), ("/agencies/x/", "agencies"), ("/wards/", "wards"), ("/x", "login")],
)
def test_the_navigation_is_the_one_the_templates_wrote(report, role, path, section):
    request = RequestFactory().get(path)
    request.user = user_make("someone", role, last_name="O'Brien <b>") if role else AnonymousUser()
    context = {"nav_section": section}
    expected = NAVIGATION.render(RequestContext(request, context))
    ours = Template("{% load csp %}{% service_navigation_items %}").render(
        RequestContext(request, context)
    )
    # The CSRF token is masked afresh each time it is written: compare all but its value.
    token = r'(name="csrfmiddlewaretoken" value=")[^"]+"'
    assert re.sub(token, r"\1", tags_only(ours)) == re.sub(token, r"\1", tags_only(expected))
    assert ("Sign out" in ours) == (role is not None)
    assert ("Ward figures" in ours) == (
        role in ("Partner", "Councillor", "Coordinator", "Administrator")
    )


CHECKBOXES = Template(
    """{% for box in field %}
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="{{ box.id_for_label }}" name="{{ box.data.name }}" type="checkbox" value="{{ box.data.value }}"{% if box.data.selected %} checked{% endif %}>
          <label class="govuk-label govuk-checkboxes__label" for="{{ box.id_for_label }}">{{ box.choice_label }}</label>
        </div>
        {% endfor %}"""  # noqa: E501
)


@pytest.mark.parametrize("ticked", [[], ["Burglary", 'Drugs & "other" <things>']])
def test_checkboxes_are_the_items_the_template_wrote(ward_figures, ticked):
    from stats.filtersets import WardFilterSet
    from stats.models import CrimeType

    CrimeType.objects.filter(name="Drugs").update(name='Drugs & "other" <things>')
    chosen = CrimeType.objects.filter(name__in=ticked).values_list("pk", flat=True)
    data = {"crime_type": [str(pk) for pk in chosen]} if ticked else None
    field = WardFilterSet(data, queryset=None).form["crime_type"]
    expected = CHECKBOXES.render(Context({"field": field}))
    ours = Template("{% load csp %}{% checkbox_items field %}").render(Context({"field": field}))
    assert tags_only(ours) == tags_only(expected)
    assert ours.count(" checked") == len(ticked)
    assert "Drugs &amp; &quot;other&quot; &lt;things&gt;" in ours
