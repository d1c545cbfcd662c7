"""Milestones in the yearly-plan file (export, dry run, import, compare) and the report."""

import copy
import datetime

import jsonschema
import pytest
from django.core.management import call_command

from actions.models import Action, Agency, Milestone
from audit.models import AuditEntry
from reports.services import year_import
from reports.yearplan.export import dumps
from reports.yearplan.read import YearFileError, plan_read
from tests.conftest import ROOT
from tests.reports.yearfiles import exported, fingerprint, write

SCHEMA = (ROOT / "docs" / "yearly-plan.schema.json").read_text()


def police_row() -> Action:
    return Action.objects.get(priority__number=1, position=2)


def milestones_of(action: Action) -> list[tuple]:
    return list(
        action.milestones.order_by("position").values_list(
            "position", "title", "due_on", "done_on", "agency__short_name"
        )
    )


def read(data: dict):
    return plan_read(dumps(data), file="plan.json")


@pytest.fixture
def with_milestones(report):
    """Two milestones on the police row: one done by DBC, one for the lead, still to do."""
    action = police_row()
    dbc = Agency.objects.get(short_name="DBC")
    Milestone.objects.create(
        action=action,
        position=1,
        title="Leaflets printed",
        due_on=datetime.date(2011, 10, 1),
        done_on=datetime.date(2011, 9, 28),
        agency=dbc,
    )
    Milestone.objects.create(
        action=action, position=2, title="Leaflets delivered", due_on=datetime.date(2011, 11, 1)
    )
    return action


def test_the_export_writes_each_actions_milestones_and_follows_the_schema(with_milestones):
    import json

    data = exported()
    jsonschema.validate(data, json.loads(SCHEMA))
    row = data["priorities"][0]["actions"][1]
    assert row["milestones"] == [
        {"title": "Leaflets printed", "due": "2011-10-01", "done": "2011-09-28", "agency": "DBC"},
        {"title": "Leaflets delivered", "due": "2011-11-01", "done": None, "agency": None},
    ]
    assert data["priorities"][0]["actions"][0]["milestones"] == []


def test_a_file_without_milestones_is_still_valid_and_leaves_them_as_they_are(with_milestones):
    data = exported()
    for priority in data["priorities"]:
        for action in priority["actions"]:
            del action["milestones"]
    before = fingerprint()
    comparison = year_import(plan=read(data), user=None, replace=True)
    assert comparison.is_empty
    assert fingerprint() == before
    assert len(milestones_of(with_milestones)) == 2


def test_a_dry_run_lists_the_milestones_a_file_would_change_and_writes_nothing(with_milestones):
    data = exported()
    row = data["priorities"][0]["actions"][1]
    row["milestones"][1]["done"] = "2011-10-30"
    row["milestones"].append({"title": "Survey of residents", "due": "2012-01-15"})
    data["priorities"][0]["actions"][0]["milestones"] = [
        {"title": "Cameras in place", "due": "2011-12-01", "agency": "Herts Police"}
    ]
    before = fingerprint()
    comparison = year_import(plan=read(data), user=None, replace=True, dry_run=True)
    assert fingerprint() == before
    text = "\n".join(comparison.lines())
    assert "Leaflets delivered (due 2011-11-01, done 2011-10-30)" in text
    assert "Survey of residents (due 2012-01-15)" in text
    assert "Cameras in place (due 2011-12-01, Herts Police)" in text
    assert comparison.counts()["changed"] == 2


def test_an_import_writes_the_files_milestones_and_a_second_export_is_the_same(
    with_milestones, tmp_path
):
    data = exported()
    row = data["priorities"][0]["actions"][1]
    row["milestones"] = [
        {"title": "Survey of residents", "due": "2012-01-15", "done": None, "agency": "HFRS"},
        row["milestones"][0],
    ]
    call_command("importyear", write(tmp_path, data), "--replace")
    assert milestones_of(with_milestones) == [
        (1, "Survey of residents", datetime.date(2012, 1, 15), None, "HFRS"),
        (2, "Leaflets printed", datetime.date(2011, 10, 1), datetime.date(2011, 9, 28), "DBC"),
    ]
    assert exported() == data
    assert (
        AuditEntry.objects.filter(
            content_type__model="milestone", kind="created", note__startswith="Imported from"
        ).count()
        == 2
    )
    assert AuditEntry.objects.filter(content_type__model="milestone", kind="deleted").count() == 2


def test_an_exported_year_with_milestones_goes_into_an_empty_database_unchanged(
    with_milestones,
):
    data = exported()
    data["year"].update(label="2031/32", starts_on="2031-04-01", ends_on="2032-03-31")
    for priority in data["priorities"]:
        for action in priority["actions"]:
            action["continues"] = None
    data["statistics"] = []
    year_import(plan=read(data), user=None)
    copied = Action.objects.get(priority__year__label="2031/32", priority__number=1, position=2)
    assert milestones_of(copied) == milestones_of(with_milestones)


def test_a_milestone_naming_an_unknown_agency_is_refused_with_its_place(report):
    data = exported()
    data["priorities"][1]["actions"][0]["milestones"] = [
        {"title": "Step", "due": "2012-01-01", "agency": "Herts Polise"}
    ]
    with pytest.raises(YearFileError) as error:
        read(data)
    assert error.value.place == "priorities[1].actions[0].milestones[0].agency"
    assert "Did you mean “Herts Police”?" in error.value.message


@pytest.mark.parametrize(
    ("milestone", "place"),
    [
        ({"title": "Step"}, "priorities[0].actions[0].milestones[0].due"),
        ({"title": " ", "due": "2012-01-01"}, "priorities[0].actions[0].milestones[0].title"),
        ({"title": "Step", "due": "31/1/12"}, "priorities[0].actions[0].milestones[0].due"),
        (
            {"title": "Step", "due": "2012-01-01", "when": "soon"},
            "priorities[0].actions[0].milestones[0].when",
        ),
    ],
)
def test_a_bad_milestone_is_refused_with_its_place(report, milestone, place):
    data = copy.deepcopy(exported())
    data["priorities"][0]["actions"][0]["milestones"] = [milestone]
    with pytest.raises(YearFileError) as error:
        read(data)
    assert error.value.place == place


def test_the_report_shows_milestones_under_their_action(client, with_milestones, report):
    page = client.get(f"/years/{report.slug}/report/").content.decode()
    start = page.index(with_milestones.action[:40])
    cell = page[start : page.index("</td>", start)]
    assert "Leaflets printed (DBC): due 1 Oct 2011, done 28 Sep 2011" in cell
    assert "Leaflets delivered: due 1 Nov 2011, not done" in cell
