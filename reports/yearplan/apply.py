"""Applying a compared yearly-plan file to the database: `plan_apply()`, called inside
`reports.services.year_import`'s transaction, which records each change."""

from django.db.models import Max
from django.utils.text import slugify

from actions.models import Action, ActionLead, Agency, AgencyAlias, Initiative, Milestone
from priorities.models import Priority, ReportingYear
from stats.models import CrimeCategory, CrimeStatistic, StatisticsSnapshot

from .compare import (
    ACTION_FIELDS,
    PRIORITY_FIELDS,
    ROW_FIELDS,
    SNAPSHOT_FIELDS,
    YEAR_FIELDS,
    action_values,
    differences,
    snapshot_values,
    stored_action_values,
    stored_snapshot_values,
)
from .indicators import indicators_apply
from .read import Plan


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
        on_change("created", year, differences({}, values))
    elif changes := differences({name: getattr(year, name) for name in YEAR_FIELDS}, values):
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
            on_change("created", priority, differences({}, values))
        elif changes := differences(
            {name: getattr(priority, name) for name in PRIORITY_FIELDS}, values
        ):
            Priority.objects.filter(pk=priority.pk).update(**values)
            on_change("changed", priority, changes)
        _apply_actions(priority, priority_data["actions"], agencies, on_change)
        indicators_apply(priority, priority_data.get("indicators"), on_change)
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
            changes = differences(
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
        for a in priority.actions.select_related(
            "initiative", "continues__priority__year"
        ).prefetch_related("milestones__agency")
    }
    # Rows beyond the file's are removed first, so that no two rows share a position.
    for position in sorted(p for p in stored if p > len(actions)):
        on_change("deleted", stored[position], {})
        stored.pop(position).delete()
    for position, data in enumerate(actions, start=1):
        values = action_values(data)
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
            on_change("created", action, differences({}, values))
            _set_milestones(action, data["milestones"] or [], agencies, on_change)
            continue
        changes = differences(stored_action_values(action), values)
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
        if "milestones" in changes:
            _set_milestones(action, data["milestones"], agencies, on_change)


def _set_leads(action: Action, lead_text: str, agencies: dict):
    action.leads.all().delete()
    names = [name.strip() for name in lead_text.split("/")]
    ActionLead.objects.bulk_create(
        ActionLead(action=action, agency=agencies[name.lower()], position=n, written_as=name)
        for n, name in enumerate(names, start=1)
    )


def _set_milestones(action: Action, milestones: list[dict], agencies: dict, on_change):
    """Replace an action's milestones with the file's, each removal and addition told."""
    for old in action.milestones.all():
        on_change("deleted", old, {})
        old.delete()
    for position, data in enumerate(milestones, start=1):
        milestone = Milestone(
            action=action,
            position=position,
            title=data["title"],
            due_on=data["due"],
            done_on=data["done"],
            agency=agencies[data["agency"].lower()] if data["agency"] else None,
        )
        milestone.save()  # the file's values were checked as it was read
        on_change(
            "created",
            milestone,
            differences(
                {}, {"title": data["title"], "due_on": data["due"], "done_on": data["done"]}
            ),
        )


def _apply_statistics(year: ReportingYear, snapshots: list[dict], on_change):
    stored = {s.accurate_at: s for s in year.snapshots.prefetch_related("rows__category")}
    next_position = (CrimeCategory.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    for data in snapshots:
        values = {name: data[name] for name in SNAPSHOT_FIELDS}
        snapshot = stored.pop(data["accurate_at"], None)
        unchanged = snapshot is not None and not differences(
            stored_snapshot_values(snapshot), snapshot_values(data)
        )
        if unchanged:
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
