"""importyear: a documented file, a dry run, atomic, refusing bad files with the place."""

import copy
import json

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, ActionUpdate, Agency, Initiative
from audit.models import AuditEntry
from priorities.models import ReportingYear
from tests.reports.yearfiles import exported, fingerprint, write


def run(path, *args):
    call_command("importyear", path, *args)


def refused(path, *args) -> str:
    before = fingerprint()
    with pytest.raises(CommandError) as error:
        run(path, *args)
    assert fingerprint() == before, "a refused import must leave the database as it was"
    return str(error.value)


def test_a_new_year_is_imported_with_its_agencies_links_and_statistics(report, tmp_path, capsys):
    data = exported()
    data["year"].update(
        label="2031/32",
        starts_on="2031-04-01",
        ends_on="2032-03-31",
        source="Generated in a test",
        is_sample=True,
    )
    data["agencies"].append(
        {"short_name": "New Trust", "name": "New Trust", "part_of": None, "aliases": ["NT"]}
    )
    data["priorities"][0]["actions"][0]["lead"] = "NT/DBC"
    data["statistics"][0]["accurate_at"] = "2032-03-01"
    run(write(tmp_path, data))
    year = ReportingYear.objects.get(label="2031/32")
    assert year.priorities.count() == 6
    assert Action.objects.filter(priority__year=year).count() == 37
    first = Action.objects.get(priority__year=year, priority__number=1, position=1)
    assert [lead.agency.short_name for lead in first.leads.order_by("position")] == [
        "New Trust",
        "DBC",
    ]
    halloween = Initiative.objects.get(name="Instigate Joint Agency activity over Halloween period")
    assert halloween.actions.filter(priority__year=year).count() == 3
    assert year.snapshots.get().rows.count() == 8
    assert "Imported 2031/32." in capsys.readouterr().out
    assert AuditEntry.objects.filter(note=f"Imported from {tmp_path / 'plan.json'}").count() > 40


def test_the_same_file_twice_changes_nothing_the_second_time(report, tmp_path, capsys):
    path = write(tmp_path, exported())
    before = fingerprint()
    run(path)
    run(path, "--replace")
    assert fingerprint() == before
    assert capsys.readouterr().out.count("Nothing to change.") == 2


def test_a_dry_run_lists_each_change_by_priority_and_action_and_changes_nothing(
    report, tmp_path, capsys
):
    data = exported()
    data["priorities"][1]["actions"][0]["update"] = "A new update"
    data["priorities"][1]["actions"][0]["progress_status"] = "green"
    del data["priorities"][3]["actions"][2]
    data["priorities"][4]["actions"].append(
        {"action": "A new action", "lead": "Herts Police", "target": "T", "timescale": "Ongoing"}
    )
    before = fingerprint()
    run(write(tmp_path, data), "--replace", "--dry-run")
    assert fingerprint() == before
    out = capsys.readouterr().out
    assert "Dry run: nothing has been changed." in out
    assert "Priority 2: Dwelling burglary\n    changed: row 1: Support Community Action Days" in out
    assert "update: 'Due to logistic issues" in out
    assert "'A new update'" in out
    assert "progress_status: '' → 'green'" in out
    assert "Priority 4: Drug misuse\n    removed: row 3: Support for Homeless and Vulnerable" in out
    assert "Priority 5: Reassurance\n    added: row 9: A new action" in out
    assert "5 action(s) unchanged" in out
    assert "1 to add, 1 to change, 1 to remove" in out


def test_replace_applies_the_changes_with_history_versions_and_audit(report, tmp_path):
    data = exported()
    data["priorities"][1]["actions"][0]["update"] = "A new update"
    del data["priorities"][3]["actions"][2]
    run(write(tmp_path, data), "--replace")
    changed = Action.objects.get(priority__year=report, priority__number=2, position=1)
    assert changed.update == "A new update"
    assert changed.version == 2
    assert ActionUpdate.objects.get(action=changed).changes["update"][1] == "A new update"
    assert Action.objects.filter(priority__year=report, priority__number=4).count() == 2
    assert AuditEntry.objects.filter(kind="deleted", note__startswith="Imported from").count() == 1


def test_a_year_that_exists_is_not_changed_without_replace(report, tmp_path):
    data = exported()
    data["priorities"][0]["actions"][0]["update"] = "Changed"
    message = refused(write(tmp_path, data))
    assert "plan.json: year.label: 2011/12 already exists and this file would change it" in message
    assert "--replace" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["priorities"][0].pop("title"),
            "priorities[0].title: the field “title” is missing",
        ),
        (
            lambda d: d["priorities"][0]["actions"][1].update(timescal="Ongoing"),
            "priorities[0].actions[1].timescal: “timescal” is not a field here. "
            "Did you mean “timescale”?",
        ),
        (
            lambda d: d["priorities"][2].update(number="3"),
            'priorities[2].number: should be a whole number, not "3"',
        ),
        (
            lambda d: d["priorities"][1]["actions"][2].update(lead="Herts Polise"),
            "priorities[1].actions[2].lead: “Herts Polise” is not a known lead agency. "
            "Did you mean “Herts Police”?",
        ),
        (
            lambda d: d["priorities"][4].update(number=2),
            "priorities[4].number: two priorities have the number 2 (priorities[1] too)",
        ),
        (
            lambda d: d["priorities"][0]["actions"][0].update(progress_status="amberish"),
            "priorities[0].actions[0].progress_status: “amberish” is not a progress status",
        ),
        (
            lambda d: d["year"].update(starts_on="2011-13-01"),
            "year.starts_on: “2011-13-01” is not a date as YYYY-MM-DD",
        ),
        (
            lambda d: d["statistics"][0]["rows"][2].update(rate_position=11),
            "statistics[0].rows[2].rate_position: 11 is not a position from 1 to 10",
        ),
        (
            lambda d: d.update(format="something-else"),
            "format: should be “csp-tracker/yearly-plan”",
        ),
        (
            lambda d: d.update(version=2),
            "version: this software reads version 1, not 2",
        ),
        (
            lambda d: d["priorities"][3]["actions"][0].update(target="   "),
            "priorities[3].actions[0].target: “target” is empty",
        ),
        (
            lambda d: d["year"].update(label="2031-32"),
            "year.label: “2031-32” is not a year label like 2011/12",
        ),
        (
            lambda d: d.update(comments="A note"),
            "comments: “comments” is not a field here.",
        ),
        (
            lambda d: d["statistics"][0]["rows"][0].update(percent_change="-10,2"),
            "statistics[0].rows[0].percent_change: “-10,2” is not a number",
        ),
        (
            lambda d: d["year"].update(ends_on="2031-03-31", starts_on="2031-04-01"),
            "year.ends_on: the year must end after it starts",
        ),
        (
            lambda d: d["priorities"][0]["actions"][0].update(
                continues={"year": "2009/10", "priority": 1, "position": 1}
            ),
            "priorities[0].actions[0].continues: there is no action at 2009/10 priority 1 row 1",
        ),
    ],
    ids=[
        "missing",
        "misspelled",
        "wrong-type",
        "unknown-agency",
        "duplicate-priority",
        "bad-status",
        "bad-date",
        "position-out-of-range",
        "wrong-format",
        "wrong-version",
        "blank-text",
        "bad-label",
        "unknown-top-level-field",
        "bad-number",
        "ends-before-it-starts",
        "continues-nothing",
    ],
)
def test_a_bad_file_is_refused_naming_the_file_place_and_field(report, tmp_path, change, expected):
    data = copy.deepcopy(exported())
    data["year"]["label"] = "2031/32"
    change(data)
    message = refused(write(tmp_path, data), "--replace")
    assert f"plan.json: {expected}" in message


def test_malformed_json_is_refused_with_its_line_and_column(report, tmp_path):
    text = json.dumps(exported(), indent=2).replace('"version": 1,', '"version": 1', 1)
    message = refused(write(tmp_path, text))
    # the comma missing after line 3 is noticed where the next key starts
    assert "plan.json: line 4, column 3: not valid JSON: Expecting ',' delimiter" in message


def test_a_file_that_is_not_there_is_named(db):
    with pytest.raises(CommandError, match="no-such.json: No such file or directory"):
        run("no-such.json")


def test_an_error_part_way_through_applying_changes_nothing(report, tmp_path, monkeypatch):
    data = exported()
    data["year"]["label"] = "2031/32"
    data["year"]["is_sample"] = True
    path = write(tmp_path, data)

    from reports.yearplan import apply as yearplan_apply

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(yearplan_apply, "_apply_statistics", fail)
    before = fingerprint()
    with pytest.raises(RuntimeError):
        run(path)
    assert fingerprint() == before
    assert not ReportingYear.objects.filter(label="2031/32").exists()
    assert Agency.objects.count() == 20


def test_the_schema_is_the_one_definition_of_the_statuses_a_file_may_give():
    """docs/yearly-plan.schema.json lists the progress statuses: the same as the model's."""
    from actions.models import ProgressStatus
    from reports.yearplan.read import schema_validator

    action = schema_validator().schema["$defs"]["action"]["properties"]
    assert set(action["progress_status"]["enum"]) == {"", *ProgressStatus.values}
