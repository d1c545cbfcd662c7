"""Comparing a checked yearly-plan file (`read.Plan`) with the database: `plan_compare()`
says what importing it would add, change and remove, priority by priority and action by
action (the dry run of `importyear`, `importreport` and the upload page)."""

from dataclasses import dataclass, field

from actions.models import Action, Agency
from priorities.models import ReportingYear
from stats.models import StatisticsSnapshot

from .indicators import INDICATOR_PREFETCH, indicator_keys, stored_indicator_keys
from .read import Plan, YearFileError

ACTION_FIELDS = ("action", "lead_text", "target", "timescale", "update", "progress_status")
PRIORITY_FIELDS = ("title", "published_title")
YEAR_FIELDS = ("starts_on", "ends_on", "report_title", "partnership", "source", "is_sample")
SNAPSHOT_FIELDS = (
    "title",
    "area",
    "area_heading",
    "county",
    "districts",
    "accurate_at_text",
    "rate_heading",
    "reduction_heading",
    "commentary",
    "source",
)
ROW_FIELDS = (
    "percent_change",
    "percent_change_text",
    "rate_position",
    "rate_position_text",
    "reduction_position",
    "reduction_position_text",
)


@dataclass
class Change:
    """One object added, changed or removed; `fields` maps a field to [before, after]."""

    kind: str
    what: str
    fields: dict = field(default_factory=dict)


@dataclass
class PriorityChanges:
    number: int
    title: str
    change: Change | None
    actions: list[Change]
    unchanged: int


@dataclass
class Comparison:
    """What applying a file would do."""

    label: str
    year_exists: bool
    year: Change | None
    agencies: list[Change]
    priorities: list[PriorityChanges]
    statistics: list[Change]

    @property
    def is_empty(self) -> bool:
        return not (
            self.year
            or self.agencies
            or self.statistics
            or any(p.change or p.actions for p in self.priorities)
        )

    def counts(self) -> dict[str, int]:
        changes = [self.year] if self.year else []
        changes += self.agencies + self.statistics
        for priority in self.priorities:
            changes += ([priority.change] if priority.change else []) + priority.actions
        return {
            kind: sum(c.kind == kind for c in changes) for kind in ("added", "changed", "removed")
        }

    def lines(self) -> list[str]:
        """The comparison as plain lines, for the command line."""
        out = []

        def show(change: Change, indent: str = "  "):
            out.append(f"{indent}{change.kind}: {change.what}")
            for name, (old, new) in change.fields.items():
                out.append(f"{indent}    {name}: {old!r} → {new!r}")

        out.append(f"Year {self.label}: {'exists' if self.year_exists else 'new'}")
        if self.year:
            show(self.year)
        for change in self.agencies:
            show(change)
        for priority in self.priorities:
            out.append(f"Priority {priority.number}: {priority.title}")
            if priority.change:
                show(priority.change)
            for change in priority.actions:
                show(change, "    ")
            if priority.unchanged:
                out.append(f"    {priority.unchanged} action(s) unchanged")
        for change in self.statistics:
            show(change)
        counts = self.counts()
        summary = "{added} to add, {changed} to change, {removed} to remove".format(**counts)
        out.append(summary if not self.is_empty else "Nothing to change.")
        return out


def differences(old: dict, new: dict) -> dict:
    return {name: [old.get(name), value] for name, value in new.items() if old.get(name) != value}


def action_values(action: dict) -> dict:
    """An action of the file as compared with the database: its milestones only when the
    file gives them (without, they stay as they are)."""
    values = {
        "action": action["action"],
        "lead_text": action["lead"],
        "target": action["target"],
        "timescale": action["timescale"],
        "update": action["update"],
        "progress_status": action["progress_status"],
        "linked_work": action["linked_work"],
        "continues": _continues_key(action["continues"]),
    }
    if action["milestones"] is not None:
        values["milestones"] = [
            milestone_key(m["title"], m["due"], m["done"], m["agency"])
            for m in action["milestones"]
        ]
    return values


def milestone_key(title: str, due, done, agency: str | None) -> str:
    """A milestone in one line, as a dry run shows it: title, due, done, agency."""
    parts = [f"due {due.isoformat()}"]
    if done:
        parts.append(f"done {done.isoformat()}")
    if agency:
        parts.append(agency)
    return f"{title} ({', '.join(parts)})"


def _continues_key(ref: dict | None):
    return f"{ref['year']} priority {ref['priority']} row {ref['position']}" if ref else None


def stored_action_values(action: Action) -> dict:
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    values["linked_work"] = action.initiative.name if action.initiative else None
    values["continues"] = (
        f"{action.continues.priority.year.label} priority {action.continues.priority.number} "
        f"row {action.continues.position}"
        if action.continues
        else None
    )
    values["milestones"] = [
        milestone_key(m.title, m.due_on, m.done_on, m.agency.short_name if m.agency else None)
        for m in sorted(action.milestones.all(), key=lambda m: m.position)
    ]
    return values


def snapshot_values(snapshot: dict) -> dict:
    values = {name: snapshot[name] for name in SNAPSHOT_FIELDS}
    values["rows"] = {
        row["category"]: {name: row[name] for name in ROW_FIELDS} for row in snapshot["rows"]
    }
    return values


def stored_snapshot_values(snapshot: StatisticsSnapshot) -> dict:
    values = {name: getattr(snapshot, name) for name in SNAPSHOT_FIELDS}
    values["rows"] = {
        row.category.name: {name: getattr(row, name) for name in ROW_FIELDS}
        for row in snapshot.rows.all()
    }
    return values


def plan_compare(plan: Plan, *, replace: bool) -> Comparison:
    """Compare a plan with the database. Raises YearFileError for a year that exists
    (and would change) without `replace`, or a reference that leads nowhere."""
    year = ReportingYear.objects.filter(label=plan.year["label"]).first()
    _check_continues(plan)

    agencies = []
    stored_agencies = {
        a.short_name: a for a in Agency.objects.select_related("parent").prefetch_related("aliases")
    }
    for agency in plan.agencies:
        new = {
            "name": agency["name"],
            "part_of": agency["part_of"],
            "aliases": sorted(set(agency["aliases"])),
        }
        stored = stored_agencies.get(agency["short_name"])
        if stored is None:
            agencies.append(Change("added", f"agency {agency['short_name']}", differences({}, new)))
            continue
        old = {
            "name": stored.name,
            "part_of": stored.parent.short_name if stored.parent else None,
            # Aliases are only ever added by a file: compare with those it would keep.
            "aliases": sorted(
                set(agency["aliases"]) | {alias.name for alias in stored.aliases.all()}
            ),
        }
        if changes := differences(old, new):
            agencies.append(Change("changed", f"agency {agency['short_name']}", changes))

    year_values = {name: plan.year[name] for name in YEAR_FIELDS}
    if year is None:
        year_change = Change("added", f"year {plan.year['label']}", differences({}, year_values))
    else:
        changes = differences({name: getattr(year, name) for name in YEAR_FIELDS}, year_values)
        year_change = Change("changed", f"year {year.label}", changes) if changes else None

    priorities = []
    stored_priorities = (
        {
            p.number: p
            for p in year.priorities.prefetch_related(
                "actions__initiative",
                "actions__continues__priority__year",
                "actions__milestones__agency",
                *INDICATOR_PREFETCH,
            )
        }
        if year
        else {}
    )
    for priority in plan.priorities:
        number = priority["number"]
        stored = stored_priorities.pop(number, None)
        new = {name: priority[name] for name in PRIORITY_FIELDS}
        # Its indicators only when the file gives them (without, they stay as they are).
        if priority.get("indicators") is not None:
            new["indicators"] = indicator_keys(priority["indicators"])
        if stored is None:
            change = Change("added", f"priority {number}", differences({}, new))
            stored_actions = {}
        else:
            old = {name: getattr(stored, name) for name in PRIORITY_FIELDS}
            old["indicators"] = stored_indicator_keys(stored.indicators.all())
            changes = differences(old, new)
            change = Change("changed", f"priority {number}", changes) if changes else None
            stored_actions = {a.position: a for a in stored.actions.all()}
        actions, unchanged = [], 0
        for position, action in enumerate(priority["actions"], start=1):
            new = action_values(action)
            old_action = stored_actions.pop(position, None)
            label = f"row {position}: {action['action'][:70]}"
            if old_action is None:
                actions.append(Change("added", label, differences({}, new)))
            elif changes := differences(stored_action_values(old_action), new):
                actions.append(Change("changed", label, changes))
            else:
                unchanged += 1
        for position, old_action in sorted(stored_actions.items()):
            actions.append(Change("removed", f"row {position}: {old_action.action[:70]}"))
        priorities.append(PriorityChanges(number, priority["title"], change, actions, unchanged))
    for number, stored in sorted(stored_priorities.items()):
        removed = [
            Change("removed", f"row {a.position}: {a.action[:70]}") for a in stored.actions.all()
        ]
        priorities.append(
            PriorityChanges(
                number, stored.title, Change("removed", f"priority {number}"), removed, 0
            )
        )

    statistics = []
    stored_snapshots = (
        {s.accurate_at: s for s in year.snapshots.prefetch_related("rows__category")}
        if year
        else {}
    )
    for snapshot in plan.statistics:
        stored = stored_snapshots.pop(snapshot["accurate_at"], None)
        label = f"crime statistics accurate at {snapshot['accurate_at_text']}"
        new = snapshot_values(snapshot)
        if stored is None:
            statistics.append(Change("added", label, {"rows": [None, len(snapshot["rows"])]}))
        elif changes := differences(stored_snapshot_values(stored), new):
            statistics.append(Change("changed", label, changes))
    for stored in stored_snapshots.values():
        statistics.append(
            Change("removed", f"crime statistics accurate at {stored.accurate_at_text}")
        )

    comparison = Comparison(
        plan.year["label"], year is not None, year_change, agencies, priorities, statistics
    )
    if year is not None and not replace and not comparison.is_empty:
        raise YearFileError(
            plan.file,
            "year.label",
            f"{year.label} already exists and this file would change it: import it with "
            "--replace (the upload page's “replace” box) to apply the changes a dry run lists",
        )
    return comparison


def _check_continues(plan: Plan):
    for p, priority in enumerate(plan.priorities):
        for a, action in enumerate(priority["actions"]):
            ref = action["continues"]
            if ref is None:
                continue
            if ref["year"] == plan.year["label"]:
                raise YearFileError(
                    plan.file,
                    f"priorities[{p}].actions[{a}].continues.year",
                    "an action continues one of an earlier year, not of its own",
                )
            if not Action.objects.filter(
                priority__year__label=ref["year"],
                priority__number=ref["priority"],
                position=ref["position"],
            ).exists():
                raise YearFileError(
                    plan.file,
                    f"priorities[{p}].actions[{a}].continues",
                    f"there is no action at {_continues_key(ref)} to continue",
                )
