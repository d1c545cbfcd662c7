"""Comparing a checked yearly-plan file (priorities.yearfile.Plan) with the database, and
applying it: the work behind `importyear`, `importreport` and the upload page.

`plan_compare()` says what would be added, changed and removed, priority by priority and
action by action; `priorities.services.year_import()` applies the same in one transaction.
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.text import slugify

from actions.models import Action, ActionLead, Agency, AgencyAlias, Initiative
from stats.models import CrimeCategory, CrimeStatistic, StatisticsSnapshot

from .models import Priority, ReportingYear
from .yearfile import Plan, YearFileError

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


def _diff(old: dict, new: dict) -> dict:
    return {name: [old.get(name), value] for name, value in new.items() if old.get(name) != value}


def _action_values(action: dict) -> dict:
    return {
        "action": action["action"],
        "lead_text": action["lead"],
        "target": action["target"],
        "timescale": action["timescale"],
        "update": action["update"],
        "progress_status": action["progress_status"],
        "linked_work": action["linked_work"],
        "continues": _continues_key(action["continues"]),
    }


def _continues_key(ref: dict | None):
    return f"{ref['year']} priority {ref['priority']} row {ref['position']}" if ref else None


def _stored_action(action: Action) -> dict:
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    values["linked_work"] = action.initiative.name if action.initiative else None
    values["continues"] = (
        f"{action.continues.priority.year.label} priority {action.continues.priority.number} "
        f"row {action.continues.position}"
        if action.continues
        else None
    )
    return values


def _snapshot_values(snapshot: dict) -> dict:
    values = {name: snapshot[name] for name in SNAPSHOT_FIELDS}
    values["rows"] = {
        row["category"]: {name: row[name] for name in ROW_FIELDS} for row in snapshot["rows"]
    }
    return values


def _stored_snapshot(snapshot: StatisticsSnapshot) -> dict:
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
            agencies.append(Change("added", f"agency {agency['short_name']}", _diff({}, new)))
            continue
        old = {
            "name": stored.name,
            "part_of": stored.parent.short_name if stored.parent else None,
            # Aliases are only ever added by a file: compare with those it would keep.
            "aliases": sorted(
                set(agency["aliases"]) | {alias.name for alias in stored.aliases.all()}
            ),
        }
        if changes := _diff(old, new):
            agencies.append(Change("changed", f"agency {agency['short_name']}", changes))

    year_values = {name: plan.year[name] for name in YEAR_FIELDS}
    if year is None:
        year_change = Change("added", f"year {plan.year['label']}", _diff({}, year_values))
    else:
        changes = _diff({name: getattr(year, name) for name in YEAR_FIELDS}, year_values)
        year_change = Change("changed", f"year {year.label}", changes) if changes else None

    priorities = []
    stored_priorities = (
        {
            p.number: p
            for p in year.priorities.prefetch_related(
                "actions__initiative", "actions__continues__priority__year"
            )
        }
        if year
        else {}
    )
    for priority in plan.priorities:
        number = priority["number"]
        stored = stored_priorities.pop(number, None)
        new = {name: priority[name] for name in PRIORITY_FIELDS}
        if stored is None:
            change = Change("added", f"priority {number}", _diff({}, new))
            stored_actions = {}
        else:
            changes = _diff({name: getattr(stored, name) for name in PRIORITY_FIELDS}, new)
            change = Change("changed", f"priority {number}", changes) if changes else None
            stored_actions = {a.position: a for a in stored.actions.all()}
        actions, unchanged = [], 0
        for position, action in enumerate(priority["actions"], start=1):
            new = _action_values(action)
            old_action = stored_actions.pop(position, None)
            label = f"row {position}: {action['action'][:70]}"
            if old_action is None:
                actions.append(Change("added", label, _diff({}, new)))
            elif changes := _diff(_stored_action(old_action), new):
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
        new = _snapshot_values(snapshot)
        if stored is None:
            statistics.append(Change("added", label, {"rows": [None, len(snapshot["rows"])]}))
        elif changes := _diff(_stored_snapshot(stored), new):
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


def plan_apply(plan: Plan, *, on_change) -> ReportingYear:
    """Write a compared plan to the database (call inside a transaction). `on_change(kind,
    obj, changes)` is told of each object added, changed or removed."""
    agencies = _apply_agencies(plan, on_change)
    year = ReportingYear.objects.filter(label=plan.year["label"]).first()
    values = {name: plan.year[name] for name in YEAR_FIELDS}
    if year is None:
        year = ReportingYear(
            label=plan.year["label"], slug=plan.year["label"].replace("/", "-"), **values
        )
        year.full_clean()
        year.save()
        on_change("created", year, _diff({}, values))
    elif changes := _diff({name: getattr(year, name) for name in YEAR_FIELDS}, values):
        for name, value in values.items():
            setattr(year, name, value)
        year.full_clean()
        year.save()
        on_change("changed", year, changes)

    stored_priorities = {p.number: p for p in year.priorities.all()}
    for priority_data in plan.priorities:
        priority = stored_priorities.pop(priority_data["number"], None)
        values = {name: priority_data[name] for name in PRIORITY_FIELDS}
        if priority is None:
            priority = Priority.objects.create(year=year, number=priority_data["number"], **values)
            on_change("created", priority, _diff({}, values))
        elif changes := _diff({name: getattr(priority, name) for name in PRIORITY_FIELDS}, values):
            Priority.objects.filter(pk=priority.pk).update(**values)
            on_change("changed", priority, changes)
        _apply_actions(priority, priority_data["actions"], agencies, on_change)
    for priority in stored_priorities.values():
        on_change("deleted", priority, {})
        priority.delete()

    _apply_statistics(year, plan.statistics, on_change)
    return year


def _apply_agencies(plan: Plan, on_change) -> dict[str, Agency]:
    """Create or update the file's agencies; return every name a lead may use (lower case)."""
    for agency_data in sorted(plan.agencies, key=lambda a: a["part_of"] is not None):
        agency = Agency.objects.filter(short_name=agency_data["short_name"]).first()
        parent = (
            Agency.objects.get(short_name__iexact=agency_data["part_of"])
            if agency_data["part_of"]
            else None
        )
        if agency is None:
            agency = Agency.objects.create(
                short_name=agency_data["short_name"],
                name=agency_data["name"],
                slug=_free_slug(agency_data["short_name"]),
                parent=parent,
            )
            on_change("created", agency, {"name": [None, agency.name]})
        elif agency.name != agency_data["name"] or agency.parent_id != (
            parent.pk if parent else None
        ):
            changes = _diff(
                {"name": agency.name, "part_of": str(agency.parent) if agency.parent else None},
                {"name": agency_data["name"], "part_of": agency_data["part_of"]},
            )
            Agency.objects.filter(pk=agency.pk).update(name=agency_data["name"], parent=parent)
            on_change("changed", agency, changes)
        for alias in agency_data["aliases"]:
            if not AgencyAlias.objects.filter(name=alias).exists():
                created = AgencyAlias.objects.create(agency=agency, name=alias)
                on_change("created", created, {"name": [None, alias]})
    names = {a.short_name.lower(): a for a in Agency.objects.all()}
    names |= {
        alias.name.lower(): alias.agency for alias in AgencyAlias.objects.select_related("agency")
    }
    return names


def _free_slug(name: str) -> str:
    base = slugify(name) or "agency"
    slug, n = base, 2
    while Agency.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply_actions(priority: Priority, actions: list[dict], agencies: dict, on_change):
    stored = {
        a.position: a
        for a in priority.actions.select_related("initiative", "continues__priority__year")
    }
    # Rows beyond the file's are removed first, so that no two rows share a position.
    for position in sorted(p for p in stored if p > len(actions)):
        on_change("deleted", stored[position], {})
        stored.pop(position).delete()
    for position, data in enumerate(actions, start=1):
        values = _action_values(data)
        initiative = (
            Initiative.objects.get_or_create(name=data["linked_work"])[0]
            if data["linked_work"]
            else None
        )
        continues = (
            Action.objects.get(
                priority__year__label=data["continues"]["year"],
                priority__number=data["continues"]["priority"],
                position=data["continues"]["position"],
            )
            if data["continues"]
            else None
        )
        fields = {name: values[name] for name in ACTION_FIELDS}
        action = stored.get(position)
        if action is None:
            action = Action(
                priority=priority,
                position=position,
                initiative=initiative,
                continues=continues,
                **fields,
            )
            action.full_clean()
            action.save()
            _set_leads(action, data["lead"], agencies)
            on_change("created", action, _diff({}, values))
            continue
        changes = _diff(_stored_action(action), values)
        if not changes:
            continue
        Action.objects.filter(pk=action.pk).update(
            initiative=initiative,
            continues=continues,
            version=action.version + 1,
            **fields,
        )
        if "lead_text" in changes:
            _set_leads(action, data["lead"], agencies)
        action.refresh_from_db()
        on_change("changed", action, changes)


def _set_leads(action: Action, lead_text: str, agencies: dict):
    action.leads.all().delete()
    names = [name.strip() for name in lead_text.split("/")]
    ActionLead.objects.bulk_create(
        ActionLead(action=action, agency=agencies[name.lower()], position=n, written_as=name)
        for n, name in enumerate(names, start=1)
    )


def _apply_statistics(year: ReportingYear, snapshots: list[dict], on_change):
    stored = {s.accurate_at: s for s in year.snapshots.prefetch_related("rows__category")}
    next_position = (CrimeCategory.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    for data in snapshots:
        values = {name: data[name] for name in SNAPSHOT_FIELDS}
        snapshot = stored.pop(data["accurate_at"], None)
        if snapshot is not None and not _diff(_stored_snapshot(snapshot), _snapshot_values(data)):
            continue
        kind = "changed" if snapshot else "created"
        if snapshot is None:
            snapshot = StatisticsSnapshot.objects.create(
                year=year, accurate_at=data["accurate_at"], **values
            )
        else:
            StatisticsSnapshot.objects.filter(pk=snapshot.pk).update(**values)
            snapshot.rows.all().delete()
        for row in data["rows"]:
            category = CrimeCategory.objects.filter(name=row["category"]).first()
            if category is None:
                category = CrimeCategory.objects.create(
                    name=row["category"], slug=slugify(row["category"]), position=next_position
                )
                next_position += 1
            CrimeStatistic.objects.create(
                snapshot=snapshot, category=category, **{name: row[name] for name in ROW_FIELDS}
            )
        on_change(kind, snapshot, {"rows": [None, len(data["rows"])]})
    for snapshot in stored.values():
        on_change("deleted", snapshot, {})
        snapshot.delete()
