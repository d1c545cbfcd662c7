"""Writes that span the apps: loading, importing and starting a year, publishing its report."""

import datetime
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from actions.models import Action, ActionLead, ActionUpdate, ProgressStatus
from actions.services import UPDATE_FIELDS, action_search_refresh
from audit.models import AuditEntry
from audit.services import audit_record, audit_value
from priorities.models import Priority, ReportingYear

from .models import CheckedUpload, PublishedReport
from .report import report_body_html, report_pdf
from .yearplan.apply import plan_apply
from .yearplan.compare import Comparison, plan_compare
from .yearplan.export import dumps, year_export
from .yearplan.read import Plan, YearFileError, plan_read
from .yearplan.reporttext import (
    read_statistics,
    report_agencies,
    report_decode,
    report_place,
    report_read,
    year_dates,
)


class YearFixtureError(Exception):
    pass


def year_load_fixture(*, path: Path, label: str) -> bool:
    """Load a year from a Django fixture unless a year with that label is already here.

    Returns True when it loaded the year, False when the year was already present (so
    running it again never duplicates or overwrites anything). Applies whole or not at all.
    """
    if ReportingYear.objects.filter(label=label).exists():
        return False
    if not path.is_file():
        raise YearFixtureError(f"{path}: no such fixture file")
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
        year = ReportingYear.objects.filter(label=label).first()
        if year is None:
            raise YearFixtureError(f"{path}: the fixture holds no reporting year labelled {label}")
        action_search_refresh(actions=Action.objects.for_year(year))
        audit_record(user=None, kind=AuditEntry.Kind.LOADED, obj=year, note=f"From {path.name}")
    return True


@transaction.atomic
def report_publish(*, year: ReportingYear, user, title: str = "") -> PublishedReport:
    """Freeze the year's report as it is now, as HTML and PDF, with an audit entry.

    `title` names it (a reporting round's publication carries the round); by default
    "<year> report"."""
    published_at = timezone.now()
    body = report_body_html(year, published_on=timezone.localdate(published_at))
    published = PublishedReport.objects.create(
        year=year,
        published_at=published_at,
        published_by=user,
        title=title or f"{year.label} report",
        body_html=body,
        pdf=report_pdf(year, body_html=body),
        is_sample=year.is_sample,
    )
    audit_record(user=user, kind=AuditEntry.Kind.CREATED, obj=published, note="Published")
    return published


def year_import(*, plan: Plan, user, replace: bool = False, dry_run: bool = False) -> Comparison:
    """Import a checked yearly-plan file: all of it in one transaction, or nothing.

    Returns what it added, changed and removed (for a dry run, what it would). Raises
    YearFileError when the year exists and would change without `replace`.
    """
    note = f"Imported from {plan.file}"

    def record(kind: str, obj, changes: dict):
        audit_record(user=user, kind=kind, obj=obj, changes=audit_json(changes), note=note)
        if isinstance(obj, Action) and kind == "changed" and set(changes) & UPDATE_FIELDS:
            obj_changes = {name: changes[name] for name in changes if name in UPDATE_FIELDS}
            Action.objects.filter(pk=obj.pk).update(
                update_changed_at=timezone.now(), update_changed_by=user
            )
            ActionUpdate.objects.create(
                action=obj,
                author=user,
                author_name=(user.get_full_name() or user.get_username()) if user else note,
                version=obj.version,
                changes=audit_json(obj_changes),
            )

    with transaction.atomic():
        comparison = plan_compare(plan, replace=replace)
        if not dry_run and not comparison.is_empty:
            plan_apply(plan, on_change=record)
            # A plan may rename agencies that lead actions of other years too.
            action_search_refresh()
    return comparison


def audit_json(changes: dict) -> dict:
    return {name: [audit_value(old), audit_value(new)] for name, (old, new) in changes.items()}


def snapshot_import(
    *,
    year: ReportingYear,
    rows: list[list[str]],
    file: str,
    area: str,
    county: str,
    title: str,
    commentary: str,
    user,
    replace: bool = False,
    dry_run: bool = False,
) -> Comparison:
    """Import one county crime table (CSV rows in the published layout) as a snapshot of
    `year`, through the same checks and transaction as a yearly-plan file."""
    lines = [title, commentary, *("\t".join(row) for row in rows)]
    places: dict[str, int] = {}
    snapshot = read_statistics(
        lines,
        0,
        file=file,
        area=area,
        county=county,
        partnership=year.partnership.title(),
        label=year.label,
        places=places,
        line_offset=-2,
    )
    snapshot["source"] = f"The county crime table in {Path(file).name}"
    data = year_export(year)
    dates = [existing["accurate_at"] for existing in data["statistics"]]
    if snapshot["accurate_at"] in dates:
        if not replace:
            raise YearFileError(
                file,
                "line 1",
                f"{year.label} already has a crime table accurate at "
                f"{snapshot['accurate_at_text']}: import it with --replace to change that one",
            )
        data["statistics"][dates.index(snapshot["accurate_at"])] = snapshot
    else:
        data["statistics"].append(snapshot)
    index = [s["accurate_at"] for s in data["statistics"]].index(snapshot["accurate_at"])
    places = {key.replace("statistics[0]", f"statistics[{index}]"): n for key, n in places.items()}
    try:
        plan = plan_read(dumps(data), file=file)
    except YearFileError as error:
        raise report_place(error, places, data) from None
    return year_import(plan=plan, user=user, replace=True, dry_run=dry_run)


@dataclass(frozen=True)
class Carried:
    """An action of the earlier year to carry forward, with its new target and timescale."""

    action: Action
    target: str
    timescale: str


@transaction.atomic
def year_start(
    *, from_year: ReportingYear, label: str, user, carried: list[Carried] | None = None
) -> ReportingYear:
    """Start a new reporting year from an earlier one: its priorities, and the actions of
    `carried` (by default every action that is not complete, as it was), each linked to
    the one it continues and numbered afresh under its priority. Updates and statuses
    start empty; leads are carried as they were. All or nothing: ValidationError for a
    row that is not an unfinished action of `from_year`, or a target or timescale that
    will not do."""
    starts_on, ends_on = year_dates(label)
    year = ReportingYear(
        label=label,
        slug=label.replace("/", "-"),
        starts_on=starts_on,
        ends_on=ends_on,
        report_title=from_year.report_title.replace(from_year.label, label),
        partnership=from_year.partnership,
        source=f"Started from {from_year.label} on {timezone.localdate():%-d %B %Y}, "
        "carrying forward its unfinished actions.",
        is_sample=from_year.is_sample,
    )
    year.full_clean()
    year.save()
    audit_record(
        user=user, kind=AuditEntry.Kind.CREATED, obj=year, note=f"Started from {from_year.label}"
    )
    unfinished = (
        Action.objects.for_year(from_year)
        .exclude(progress_status=ProgressStatus.COMPLETE)
        .prefetch_related("leads")
    )
    if carried is None:
        carried = [Carried(old, old.target, old.timescale) for old in unfinished]
    leads = {old.pk: list(old.leads.all()) for old in unfinished}
    if len({row.action.pk for row in carried}) < len(carried) or not all(
        row.action.pk in leads for row in carried
    ):
        raise ValidationError(f"Only the unfinished actions of {from_year.label} are carried")
    now = timezone.now()
    for old_priority in from_year.priorities.order_by("number"):
        priority = Priority.objects.create(
            year=year,
            number=old_priority.number,
            title=old_priority.title,
            published_title=old_priority.published_title,
        )
        rows = sorted(
            (row for row in carried if row.action.priority_id == old_priority.pk),
            key=lambda row: row.action.position,
        )
        for position, row in enumerate(rows, start=1):
            old = row.action
            action = Action(
                priority=priority,
                position=position,
                action=old.action,
                lead_text=old.lead_text,
                target=row.target.strip(),
                timescale=row.timescale.strip(),
                initiative_id=old.initiative_id,
                continues=old,
                created_at=now,
            )
            action.full_clean()
            action.save()
            ActionLead.objects.bulk_create(
                ActionLead(
                    action=action,
                    agency_id=lead.agency_id,
                    position=lead.position,
                    written_as=lead.written_as,
                )
                for lead in leads[old.pk]
            )
    action_search_refresh(actions=Action.objects.for_year(year))
    return year


def plan_from_upload(
    *, content: bytes, name: str, kind: str, label: str, create_agencies: bool = False
) -> Plan:
    """A checked plan from an uploaded yearly-plan file or report text (creating the
    report's unknown lead agencies when asked)."""
    if kind != "report":
        return plan_read(content, file=name)
    warnings: list[str] = []
    text = report_decode(content, file=name)
    data, places = report_read(
        text, file=name, label=label, county=settings.PARTNERSHIP_COUNTY, warnings=warnings
    )
    report_agencies(
        data,
        places,
        file=name,
        create=create_agencies,
        how_to_create="tick “Create the lead agencies it names that are new” and check it again",
    )
    try:
        plan = plan_read(dumps(data), file=name)
    except YearFileError as error:
        raise report_place(error, places, data) from None
    plan.warnings = warnings
    return plan


# How long a checked file waits to be imported.
CHECKED_UPLOAD_HOURS = 24


@transaction.atomic
def checked_upload_keep(
    *,
    content: bytes,
    name: str,
    kind: str,
    label: str,
    replace: bool,
    user,
    create_agencies: bool = False,
) -> CheckedUpload:
    """Keep a file the upload page has checked, to import it when asked; files checked
    more than a day ago are let go."""
    stale = timezone.now() - datetime.timedelta(hours=CHECKED_UPLOAD_HOURS)
    CheckedUpload.objects.filter(uploaded_at__lt=stale).delete()
    return CheckedUpload.objects.create(
        uploaded_by=user,
        file_name=name[:255],
        kind=kind,
        year_label=label,
        replace=replace,
        create_agencies=create_agencies,
        content=content,
    )


def checked_upload_import(*, upload: CheckedUpload, user) -> Comparison:
    """Import a kept file (checking it again), in one transaction, and let it go. Raises
    YearFileError as year_import does, and leaves the file kept."""
    with transaction.atomic():
        plan = plan_from_upload(
            content=bytes(upload.content),
            name=upload.file_name,
            kind=upload.kind,
            label=upload.year_label,
            create_agencies=upload.create_agencies,
        )
        comparison = year_import(plan=plan, user=user, replace=upload.replace)
        upload.delete()
    return comparison
