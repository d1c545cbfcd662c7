"""Indicators in the yearly-plan file: export, dry run, import, round trip and refusals."""

import copy
import datetime
import json

import jsonschema
import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from indicators.models import Indicator
from priorities.models import Priority
from reports.services import year_import
from reports.yearplan.export import dumps
from reports.yearplan.read import YearFileError, plan_read
from stats.models import Ward
from tests.conftest import ROOT
from tests.indicators.factories import ASB, BURGLARY, indicator_make, value_make
from tests.reports.yearfiles import exported, fingerprint, write
from tests.stats.factories import wards_load

SCHEMA = json.loads((ROOT / "docs" / "yearly-plan.schema.json").read_text())
APR, JUN, JUL, SEP = (datetime.date(2011, m, 1) for m in (4, 6, 7, 9))


def read(data: dict):
    return plan_read(dumps(data), file="plan.json")


@pytest.fixture
def with_indicators(report):
    """Priority 1 of 2011/12 with a count of two crime types in Boxmoor and a hand-entered
    indicator with two figures."""
    ward_set = wards_load()
    priority = Priority.objects.get(year=report, number=1)
    boxmoor = Ward.objects.get(ward_set=ward_set, slug="boxmoor")
    indicator_make(priority, crime_types=[ASB, BURGLARY], wards=[boxmoor])
    hand = indicator_make(
        priority,
        name="Young people reached",
        kind=Indicator.Kind.MANUAL,
        unit="young people",
        target_change=None,
        target_value=200,
        direction=Indicator.Direction.HIGHER,
    )
    value_make(hand, APR, JUN, 150, note="Youth clubs")
    value_make(hand, JUL, SEP, 170)
    return priority


def test_the_export_writes_each_priority_s_indicators_and_follows_the_schema(with_indicators):
    data = exported()
    jsonschema.validate(data, SCHEMA)
    crime, hand = data["priorities"][0]["indicators"]
    assert crime == {
        "name": "Anti-social behaviour incidents",
        "kind": "crime",
        "crime_types": [ASB, BURGLARY],
        "ward_set": "dacorum-2007",
        "wards": ["boxmoor"],
        "unit": "",
        "baseline": {"first_month": "2011-04", "last_month": "2011-06"},
        "target_change": "-10.0",
        "target_value": None,
        "direction": "lower",
        "values": [],
    }
    assert hand["values"] == [
        {"first_month": "2011-04", "last_month": "2011-06", "value": 150, "note": "Youth clubs"},
        {"first_month": "2011-07", "last_month": "2011-09", "value": 170, "note": ""},
    ]
    assert hand["target_value"] == "200.0"
    assert data["priorities"][1]["indicators"] == []


def test_importing_the_export_again_changes_nothing(with_indicators):
    before = fingerprint()
    comparison = year_import(plan=read(exported()), user=None, replace=True)
    assert comparison.is_empty
    assert fingerprint() == before


def test_a_file_without_indicators_leaves_them_as_they_are(with_indicators):
    data = exported()
    for priority in data["priorities"]:
        del priority["indicators"]
    before = fingerprint()
    assert year_import(plan=read(data), user=None, replace=True).is_empty
    assert fingerprint() == before


def test_a_dry_run_lists_the_indicators_a_file_would_change(with_indicators):
    data = exported()
    data["priorities"][0]["indicators"][1]["values"][1]["value"] = 180
    data["priorities"][2]["indicators"] = [
        {
            "name": "Drug offences",
            "kind": "crime",
            "crime_types": ["drugs"],
            "baseline": {"first_month": "2011-04", "last_month": "2012-03"},
            "target_change": "-5",
            "direction": "lower",
        }
    ]
    before = fingerprint()
    comparison = year_import(plan=read(data), user=None, replace=True, dry_run=True)
    assert fingerprint() == before
    text = "\n".join(comparison.lines())
    assert "2011-07 to 2011-09: 180" in text
    assert "Drug offences (crime; baseline 2011-04 to 2012-03; target -5%" in text
    assert comparison.counts()["changed"] == 2


def test_an_import_writes_the_files_indicators_and_a_second_export_is_the_same(
    with_indicators, tmp_path
):
    data = exported()
    data["priorities"][0]["indicators"].reverse()
    data["priorities"][0]["indicators"][0]["values"][0]["value"] = 155
    data["priorities"][3]["indicators"] = [
        {
            "name": "Drug offences",
            "kind": "crime",
            "crime_types": ["Drugs"],
            "ward_set": None,
            "wards": [],
            "unit": "",
            "baseline": {"first_month": "2011-04", "last_month": "2012-03"},
            "target_change": "-5.0",
            "target_value": None,
            "direction": "lower",
            "values": [],
        }
    ]
    call_command("importyear", write(tmp_path, data), "--replace")
    names = list(
        Indicator.objects.order_by("priority__number", "position").values_list("name", flat=True)
    )
    assert names == ["Young people reached", "Anti-social behaviour incidents", "Drug offences"]
    assert exported() == data
    created = AuditEntry.objects.filter(content_type__model="indicator", kind="created")
    assert created.count() == 3
    assert AuditEntry.objects.filter(content_type__model="indicator", kind="deleted").count() == 2


def test_an_exported_year_with_indicators_goes_into_another_year_unchanged(with_indicators):
    data = exported()
    data["year"].update(label="2031/32", starts_on="2031-04-01", ends_on="2032-03-31")
    for priority in data["priorities"]:
        for action in priority["actions"]:
            action["continues"] = None
    data["statistics"] = []
    year_import(plan=read(data), user=None)
    copied = exported("2031/32")
    assert copied["priorities"][0]["indicators"] == data["priorities"][0]["indicators"]


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        ({"crime_types": ["Burglery"]}, "indicators[0].crime_types[0]", "not a police.uk"),
        ({"crime_types": []}, "indicators[0].crime_types", "at least one crime type"),
        ({"wards": ["nowhere"]}, "indicators[0].wards[0]", "not a ward of dacorum-2007"),
        ({"ward_set": None}, "indicators[0].ward_set", "give its slug"),
        ({"target_value": "5"}, "indicators[0].target_change", "not both"),
        ({"target_change": None}, "indicators[0].target_change", "not both"),
        (
            {"baseline": {"first_month": "2011-06", "last_month": "2011-04"}},
            "indicators[0].baseline.last_month",
            "must not end before",
        ),
        (
            {"baseline": {"first_month": "2011-13", "last_month": "2011-04"}},
            "indicators[0].baseline.first_month",
            "",
        ),
        ({"direction": "up"}, "indicators[0].direction", ""),
        (
            {"values": [{"first_month": "2011-04", "last_month": "2011-04", "value": 1}]},
            "indicators[0].values",
            "only a manual indicator",
        ),
    ],
)
def test_a_bad_indicator_is_refused_with_its_place(with_indicators, change, place, words):
    data = copy.deepcopy(exported())
    data["priorities"][0]["indicators"][0].update(change)
    with pytest.raises(YearFileError) as error:
        read(data)
    assert error.value.place == f"priorities[0].{place}"
    assert words in error.value.message


def test_two_figures_starting_in_one_month_are_refused(with_indicators):
    data = exported()
    values = data["priorities"][0]["indicators"][1]["values"]
    values[1]["first_month"] = "2011-04"
    with pytest.raises(YearFileError) as error:
        read(data)
    assert error.value.place == "priorities[0].indicators[1].values[1].first_month"
