"""A priority's indicators on its page, and the coordinators' pages that add, edit and
remove them and enter their figures, with the audit trail and 409 on a stale form."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from indicators.models import Indicator, IndicatorValue
from priorities.models import Priority
from stats.models import CrimeType, Ward
from tests.stats.factories import wards_load

from .factories import ASB, counts_make, indicator_make, value_make

APR, MAY, JUN, JUL, AUG, SEP = (date(2011, m, 1) for m in range(4, 10))


@pytest.fixture
def priority(cast):
    return Priority.objects.get(year=cast.report, number=1)


@pytest.fixture
def figures(db):
    ward_set = wards_load()
    counts_make(
        ward_set,
        {
            month: {("boxmoor", ASB): n}
            for month, n in zip([APR, MAY, JUN, JUL, AUG, SEP], [10, 10, 10, 8, 9, 8], strict=True)
        },
    )
    return ward_set


def login(client, user):
    if user is not None:
        client.force_login(user)


def url(name, priority, **kwargs):
    return reverse(
        f"indicators:{name}",
        kwargs={"year": priority.year.slug, "number": priority.number, **kwargs},
    )


def form_data(**changes):
    data = {
        "name": "ASB incidents",
        "kind": "crime",
        "crime_types": [CrimeType.objects.get(name=ASB).pk],
        "baseline_start": "2011-04",
        "baseline_end": "2011-06",
        "target_change": "-10",
        "target_value": "",
        "direction": "lower",
    }
    data.update(changes)
    return data


def test_the_priority_page_shows_each_indicator_with_its_figures(client, priority, figures):
    crime = indicator_make(priority, crime_types=[ASB])
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "Anti-social behaviour incidents" in page
    # Latest July to September: 25 against 30 in the baseline: down 5 (16.7%).
    assert "25, July 2011 to September 2011" in page
    assert "Down 5 (16.7%)" in page
    assert "-10.0% on the baseline (27)" in page
    assert "On track" in page
    assert "Generated sample — not real figures" in page
    assert "Figures in this chart" in page
    assert (
        f'aria-labelledby="indicator-{crime.pk}-chart-title indicator-{crime.pk}-chart-desc"'
        in page
    )
    # The public gets no links to change it.
    assert "Add an indicator" not in page


def test_a_manual_indicator_shows_its_latest_value(client, priority):
    indicator = indicator_make(
        priority,
        name="Young people reached",
        kind=Indicator.Kind.MANUAL,
        unit="young people",
        target_change=None,
        target_value=200,
        direction=Indicator.Direction.HIGHER,
    )
    value_make(indicator, APR, JUN, 150)
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "150, April 2011 to June 2011" in page
    assert "Not on track" in page


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("councillor", 403), ("partner", 403), ("coordinator", 200)],
)
def test_only_coordinators_open_the_add_page(client, cast, priority, role, status):
    login(client, getattr(cast, role))
    assert client.get(url("indicator_add", priority)).status_code == status


def test_a_coordinator_adds_an_indicator_with_its_audit_entry(client, cast, priority, figures):
    login(client, cast.coordinator)
    boxmoor = Ward.objects.get(slug="boxmoor")
    response = client.post(url("indicator_add", priority), form_data(wards=[boxmoor.pk]))
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.position == 1
    assert indicator.baseline_start == APR
    assert list(indicator.wards.all()) == [boxmoor]
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), kind=AuditEntry.Kind.CREATED)
    assert entry.changes["name"] == [None, "ASB incidents"]
    assert entry.changes["wards"] == [None, ["Boxmoor"]]


def test_a_count_of_crime_needs_a_crime_type(client, cast, priority, figures):
    login(client, cast.coordinator)
    response = client.post(url("indicator_add", priority), form_data(crime_types=[]))
    assert response.status_code == 200
    assert "Tick at least one crime type" in response.content.decode()
    assert not Indicator.objects.exists()


def test_two_targets_are_refused_on_the_form(client, cast, priority, figures):
    login(client, cast.coordinator)
    response = client.post(url("indicator_add", priority), form_data(target_value="5"))
    assert response.status_code == 200
    assert "either a % change or a figure, not both" in response.content.decode()
    assert not Indicator.objects.exists()


def test_a_bad_month_is_refused_naming_the_format(client, cast, priority, figures):
    login(client, cast.coordinator)
    response = client.post(url("indicator_add", priority), form_data(baseline_end="June"))
    assert "Write the month as YYYY-MM" in response.content.decode()


def test_an_edit_is_saved_and_audited(client, cast, priority, figures):
    indicator = indicator_make(priority, crime_types=[ASB])
    login(client, cast.coordinator)
    response = client.post(
        url("indicator_edit", priority, pk=indicator.pk),
        form_data(name="Fewer ASB incidents", version=indicator.version),
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Fewer ASB incidents"
    assert indicator.version == 2
    entry = AuditEntry.objects.get(object_id=str(indicator.pk), kind=AuditEntry.Kind.CHANGED)
    assert entry.changes["name"] == ["Anti-social behaviour incidents", "Fewer ASB incidents"]


def test_a_stale_edit_is_refused_with_409(client, cast, priority, figures):
    indicator = indicator_make(priority, crime_types=[ASB])
    Indicator.objects.filter(pk=indicator.pk).update(name="Saved meanwhile", version=2)
    login(client, cast.coordinator)
    response = client.post(
        url("indicator_edit", priority, pk=indicator.pk), form_data(name="Mine", version=1)
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this" in page
    assert 'value="Saved meanwhile"' in page
    assert Indicator.objects.get().name == "Saved meanwhile"


def test_a_coordinator_removes_an_indicator(client, cast, priority, figures):
    indicator = indicator_make(priority, crime_types=[ASB])
    login(client, cast.coordinator)
    edit = url("indicator_edit", priority, pk=indicator.pk)
    stale = client.post(edit, {"remove": "1", "version": "7"})
    assert stale.status_code == 409
    assert Indicator.objects.exists()
    response = client.post(edit, {"remove": "1", "version": "1"})
    assert response.status_code == 302
    assert not Indicator.objects.exists()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.DELETED).count() == 1


def manual(priority):
    return indicator_make(
        priority,
        name="Young people reached",
        kind=Indicator.Kind.MANUAL,
        target_change=None,
        target_value=200,
        direction=Indicator.Direction.HIGHER,
    )


def test_a_coordinator_enters_corrects_and_removes_a_figure(client, cast, priority):
    indicator = manual(priority)
    login(client, cast.coordinator)
    data = {"period_start": "2011-04", "period_end": "2011-06", "value": "150", "note": "Clubs"}
    response = client.post(url("value_add", priority, pk=indicator.pk), data)
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.period_start, value.period_end, value.value) == (APR, JUN, 150)
    assert value.entered_by == cast.coordinator
    # The same period again is refused.
    again = client.post(url("value_add", priority, pk=indicator.pk), data)
    assert again.status_code == 200
    assert IndicatorValue.objects.count() == 1
    edit = url("value_edit", priority, pk=indicator.pk, value=value.pk)
    response = client.post(edit, {**data, "value": "160", "version": "1"})
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == 160
    stale = client.post(edit, {**data, "value": "170", "version": "1"})
    assert stale.status_code == 409
    assert IndicatorValue.objects.get().value == 160
    response = client.post(edit, {"remove": "1", "version": "2"})
    assert response.status_code == 302
    assert not IndicatorValue.objects.exists()
    kinds = list(
        AuditEntry.objects.filter(object_id=str(value.pk), object_repr__contains="Young")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds == [AuditEntry.Kind.CREATED, AuditEntry.Kind.CHANGED, AuditEntry.Kind.DELETED]


def test_a_crime_indicator_takes_no_entered_figures(client, cast, priority, figures):
    indicator = indicator_make(priority, crime_types=[ASB])
    login(client, cast.coordinator)
    assert client.get(url("value_add", priority, pk=indicator.pk)).status_code == 404


def test_a_coordinator_sees_the_links_to_change_indicators(client, cast, priority):
    manual(priority)
    login(client, cast.coordinator)
    page = client.get(priority.get_absolute_url()).content.decode()
    assert "Add an indicator to this priority" in page
    assert "Enter a figure" in page


def indicators_make(year):
    """Priority 1 of the year with a crime indicator over six months of made-up ward
    figures and a hand-entered one with a figure: for the pages' shared tests."""
    ward_set = wards_load()
    counts_make(ward_set, {month: {("boxmoor", ASB): 5} for month in (APR, MAY, JUN, JUL)})
    priority = Priority.objects.get(year=year, number=1)
    crime = indicator_make(priority, crime_types=[ASB], baseline_start=APR, baseline_end=MAY)
    hand = manual(priority)
    value = value_make(hand, APR, JUN, 150, note="Youth clubs")
    return priority, crime, hand, value
