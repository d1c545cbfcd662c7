"""The ward pages' sections and charts written in Python (stats/templatetags/ward_stats.py)
give the HTML the templates they replaced gave, whitespace between tags aside."""

import pytest
from django.template import Context, Template

from stats.charts import Series, TrendChart
from stats.models import CrimeType
from stats.templatetags.ward_stats import trend_chart, ward_type_sections
from tests.test_tables import tags_only

from .factories import TWO_YEARS, figures_make

pytestmark = pytest.mark.django_db

# templates/stats/includes/trend_chart.html as it was, its table's rows written by a loop.
FIGURE = """<figure class="app-chart">
  {{ svg }}
  <figcaption class="app-chart__key">
    <ul class="app-chart__legend">
      {% for series in chart.series %}
      <li class="app-chart__legend-item"><span class="app-chart__swatch app-chart__swatch--{{ forloop.counter }}" aria-hidden="true"></span>{{ series.label }}</li>
      {% endfor %}
    </ul>
  </figcaption>
</figure>
<details class="govuk-details app-chart__details">
  <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Figures in this chart<span class="govuk-visually-hidden">: {{ chart.title }}</span></span></summary>
  <div class="govuk-details__text">
    <table class="govuk-table app-chart__table">
      <caption class="govuk-table__caption govuk-table__caption--s">{{ chart.title }}</caption>
      <thead class="govuk-table__head"><tr class="govuk-table__row">{% for header in chart.table_headers %}<th scope="col" class="govuk-table__header">{{ header }}</th>{% endfor %}</tr></thead>
      <tbody class="govuk-table__body">
        {% for row in chart.table_rows %}<tr class="govuk-table__row">{% for cell in row %}{% if forloop.first %}<th scope="row" class="govuk-table__header">{{ cell }}</th>{% else %}<td class="govuk-table__cell">{{ cell }}</td>{% endif %}{% endfor %}</tr>{% endfor %}
      </tbody>
    </table>
  </div>
</details>"""  # noqa: E501

# templates/stats/ward_detail.html's loop over the crime types, as it was (its body).
SECTION = Template(
    """{% load humanize ward_stats %}
<section class="app-ward-type" aria-labelledby="{{ figures.crime_type.slug }}">
  <h2 class="govuk-heading-m" id="{{ figures.crime_type.slug }}">{{ figures.crime_type.name }}</h2>
  <p class="govuk-body">{{ ward.name }}: {% if figures.count is None %}no figures{% else %}{{ figures.count|intcomma }}{% endif %} ({% if figures.previous is None %}no figures{% else %}{{ figures.previous|intcomma }}{% endif %} a year earlier{% if figures.change is not None %}, {{ figures.change|percent_change }}{% endif %}). {{ ward_set.district }}: {% if figures.borough is None %}no figures{% else %}{{ figures.borough|intcomma }}{% endif %}{% if figures.borough_change is not None %} ({{ figures.borough_change|percent_change }}){% endif %}.</p>
  {% if figures.category_changed %}<p class="govuk-body">police.uk changed what this category counts between the two periods, so no change is worked out.</p>{% endif %}
  {% if figures.crime_type.notes %}<p class="govuk-body-s app-published">{{ figures.crime_type.notes }}</p>{% endif %}
  FIGURE
</section>
""".replace("FIGURE", FIGURE)  # noqa: E501
)


def old_figure(chart, chart_id):
    return Template(FIGURE).render(Context({"chart": chart, "svg": chart.svg(chart_id)}))


def test_a_chart_is_the_figure_and_table_the_template_wrote():
    months = TWO_YEARS.months[:3]
    chart = TrendChart(
        title='Burglary in "Boxmoor" & <Hemel>, month by month',
        months=months,
        series=[
            Series("April 2012 to June 2012", [1200, None, 3]),
            Series("A year earlier <b>", [4, 5, None], months=months, dashed=True),
        ],
    )
    ours = trend_chart(chart, "burglary-chart")
    assert tags_only(ours) == tags_only(old_figure(chart, "burglary-chart"))
    assert '<td class="govuk-table__cell">1,200</td>' in ours
    assert "&lt;Hemel&gt;" in ours
    assert "<Hemel>" not in ours


def test_a_ward_pages_sections_are_the_ones_the_template_wrote(councillor_client, wards):
    figures_make(wards, period=TWO_YEARS)
    # A crime type with published notes, escaped.
    CrimeType.objects.filter(name="Burglary").update(notes='Includes "attempts" & <sheds>')
    response = councillor_client.get("/wards/dacorum-2007/boxmoor/")
    context = response.context
    page, ward, ward_set = context["page"], context["ward"], context["ward_set"]
    assert len(page.with_figures) > 1
    expected = "".join(
        SECTION.render(
            Context(
                {
                    "figures": figures,
                    "ward": ward,
                    "ward_set": ward_set,
                    "chart": figures.chart,
                    "svg": figures.chart.svg(f"{figures.crime_type.slug}-chart"),
                }
            )
        )
        for figures in page.with_figures
    )
    ours = ward_type_sections(page, ward, ward_set)
    assert tags_only(ours) == tags_only(expected)
    assert "Includes &quot;attempts&quot; &amp; &lt;sheds&gt;" in ours
    assert ours in response.content.decode()
