import re
from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.exports import TableExportMixin
from core.views import NotKeptMixin
from priorities import selectors as priority_selectors
from priorities.models import ReportingYear

from . import selectors, services
from .filtersets import (
    MAX_DAYS,
    ActionFilterSet,
    AgencyActionFilterSet,
    AgencyFilterSet,
    YearActionFilterSet,
)
from .forms import ActionCreateForm, ActionEditForm, MilestoneForm, ProposalReturnForm
from .models import Action, Agency, Milestone, UpdateProposal
from .tables import (
    ActionAcrossPrioritiesTable,
    ActionTable,
    AgencyTable,
    PendingUpdateTable,
    UpdatesDueTable,
    YearActionTable,
)

MOVES = {"up": -1, "down": 1}


def public_only(request) -> bool:
    """Whether the page shows only what the public sees: internal actions are for those
    signed in."""
    return not request.user.is_authenticated


class EditRightsTableMixin:
    """For a table of actions: an edit column only for users who may edit some row."""

    def get_table_kwargs(self):
        self.edit_rights = selectors.edit_rights(self.request.user)
        kwargs = super().get_table_kwargs()
        if not self.edit_rights.any:
            kwargs["exclude"] = ("edit",)
        return kwargs

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.edit_rights = self.edit_rights
        table.pending = selectors.pending_by_action(self.edit_rights)
        table.show_editors = selectors.may_see_editors(self.request.user)
        return table


class PriorityDetailView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """A priority's table of actions, sortable, filterable and downloadable."""

    template_name = "actions/priority_detail.html"
    table_class = ActionTable
    filterset_class = ActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return self.priority.actions.for_table(public=public_only(self.request))

    def get(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_get(
            year_slug=self.kwargs["year"], number=self.kwargs["number"]
        )
        return super().get(request, *args, **kwargs)

    def export_name_parts(self):
        return [self.priority.year.slug, f"priority {self.priority.number}", self.priority.title]

    def open_to_partners(self) -> bool:
        """Whether partners may update the year's actions (a partner's rights know already)."""
        if self.edit_rights.open_year_ids:
            return self.priority.year_id in self.edit_rights.open_year_ids
        return priority_selectors.year_is_open_to_partners(self.priority.year)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["agencies"] = Agency.objects.leading_in(self.priority)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            priority=self.priority,
            year=self.priority.year,
            open_to_partners=self.open_to_partners,  # read only if the page shows it
            other_years=priority_selectors.priority_in_other_years(
                self.priority, public=public_only(self.request)
            ),
            **kwargs,
        )


class YearActionListView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """Every action of a year in one table, sortable, filterable and downloadable.

    Not among freshness.CONDITIONAL_PAGES: "not updated for N days" changes with the clock,
    not only with the data, so the page is not kept by data version.
    """

    template_name = "actions/year_actions.html"
    table_class = YearActionTable
    filterset_class = YearActionFilterSet
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.year = priority_selectors.year_get(self.kwargs["year"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Action.objects.for_year(self.year)
            .for_table(public=public_only(self.request))
            .with_overdue(timezone.localdate())
        )

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "year": self.year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.year, **kwargs)

    def export_name_parts(self):
        return [self.year.slug, "all actions"]


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        return selectors.action_detail_queryset(public=public_only(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            history=selectors.action_history(self.object, public=public_only(self.request)),
            milestones=selectors.action_milestones(self.object),
            proposals=selectors.action_proposals(action=self.object, user=self.request.user),
            can_edit=bool(
                services.action_editable_fields(user=self.request.user, action=self.object)
            ),
            show_editors=selectors.may_see_editors(self.request.user),
            open_to_partners=partial(
                priority_selectors.year_is_open_to_partners, self.object.priority.year
            ),
            **kwargs,
        )


class AgencyListView(TableExportMixin, SingleTableMixin, FilterView):
    template_name = "actions/agency_list.html"
    table_class = AgencyTable
    filterset_class = AgencyFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.agency_list(public=public_only(self.request))

    def export_name_parts(self):
        return ["lead agencies"]


class AgencyDetailView(EditRightsTableMixin, TableExportMixin, SingleTableMixin, FilterView):
    """Every action an agency leads, itself or through its teams, across priorities."""

    template_name = "actions/agency_detail.html"
    table_class = ActionAcrossPrioritiesTable
    filterset_class = AgencyActionFilterSet
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        self.agency = get_object_or_404(
            selectors.agency_detail_queryset(), slug=self.kwargs["slug"]
        )
        return selectors.agency_actions(self.agency, public=public_only(self.request))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agency=self.agency,
            **kwargs,
        )

    def export_name_parts(self):
        year = self.filterset.form.cleaned_data.get("year") if self.filterset.is_valid() else None
        return [self.agency.short_name, "actions", year.slug if year else "all years"]


class InitiativeDetailView(TableExportMixin, SingleTableMixin, DetailView):
    """One piece of work side by side under each priority where it appears."""

    template_name = "actions/initiative_detail.html"
    context_object_name = "initiative"
    table_class = ActionAcrossPrioritiesTable
    table_pagination = False

    def get_queryset(self):
        return selectors.initiative_detail_queryset(public=public_only(self.request))

    def get_table_data(self):
        return self.object.actions.all()

    def get_table_kwargs(self):
        return {"orderable": False, "exclude": ("edit",)}

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        table.show_linked_work = False  # the table itself shows every row of the work
        table.show_editors = selectors.may_see_editors(self.request.user)
        return table

    def get_context_data(self, **kwargs):
        actions = self.object.actions.all()
        year = actions[0].priority.year if actions else None
        return super().get_context_data(year=year, year_counts=rows_by_year(actions), **kwargs)

    def export_name_parts(self):
        return ["linked work", self.object.name[:60]]


def rows_by_year(actions) -> list[tuple[str, int]]:
    """Each year's label with how many of `actions` (in year order) are in it."""
    counts: dict[str, int] = {}
    for action in actions:
        counts[action.priority.year.label] = counts.get(action.priority.year.label, 0) + 1
    return list(counts.items())


class ActionEditView(NotKeptMixin, LoginRequiredMixin, UpdateView):
    """Edit an action's update and progress status (and, for coordinators, its target and
    timescale). A save made after someone else's is refused with the conflict page."""

    template_name = "actions/action_form.html"
    form_class = ActionEditForm
    queryset = selectors.action_detail_queryset()
    context_object_name = "action"

    def get_object(self, queryset=None):
        action = super().get_object(queryset)
        self.editable_fields = services.action_editable_fields(
            user=self.request.user, action=action
        )
        if not self.editable_fields:
            raise PermissionDenied("You may not edit this action.")
        self.proposing = services.update_needs_approval(
            user=self.request.user, fields=self.editable_fields
        )
        return action

    def get_initial(self):
        """A partner whose update waits for approval starts from the pending one."""
        pending = self.object.proposals.filter(state=UpdateProposal.State.PENDING).first()
        if not self.proposing or pending is None:
            return super().get_initial()
        return {"update": pending.update, "progress_status": pending.progress_status}

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposing=self.proposing, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "editable_fields": self.editable_fields,
            "shared_rows": self.shared_rows(),
        }

    def shared_rows(self):
        if self.proposing:
            return []  # each row's update is proposed and approved on its own
        return selectors.shared_rows_editable(action=self.object, user=self.request.user)

    def form_valid(self, form):
        if self.proposing:
            return self.propose(form)
        # The form wrote its values onto self.object; the service reads the saved row.
        shared = form.shared()
        try:
            action = services.action_update_shared(
                action=self.object,
                user=self.request.user,
                version=form.cleaned_data["version"],
                data=form.changed_values(),
                shared=shared,
            )
        except services.SharedRowConflict as conflict:
            return self.shared_conflict(form, conflict.current)
        except services.EditConflict as conflict:
            return self.conflict(form, conflict.current)
        if shared:
            messages.success(
                self.request,
                f"Your update has been saved on this row and {len(shared)} other."
                if len(shared) == 1
                else f"Your update has been saved on this row and {len(shared)} others.",
            )
        else:
            messages.success(self.request, "Your update has been saved.")
        return redirect(action.get_absolute_url())

    def propose(self, form):
        """A partner's update, pending a coordinator's approval (the setting is on)."""
        try:
            proposal = services.proposal_submit(
                action=self.object,
                user=self.request.user,
                version=form.cleaned_data["version"],
                data=form.changed_values(),
            )
        except services.EditConflict as conflict:
            return self.conflict(form, conflict.current)
        if proposal is None:
            messages.success(self.request, "Nothing has changed: there is nothing to approve.")
        else:
            messages.success(
                self.request,
                "Your update has been sent for approval. It is published once a "
                "coordinator approves it.",
            )
        return redirect(self.object.get_absolute_url())

    def shared_conflict(self, form, current):
        """One of the other rows was saved since the form opened: nothing was saved. The
        form comes back as it was, with those rows' current versions and a message."""
        data = self.request.POST.copy()
        data["shared_versions"] = " ".join(f"{row.pk}:{row.version}" for row in self.shared_rows())
        again = ActionEditForm(
            data=data,
            instance=self.object,
            editable_fields=self.editable_fields,
            shared_rows=self.shared_rows(),
        )
        again.is_valid()
        again.add_error(
            None,
            f"Priority {current.priority.number}, row {current.position} was saved by someone "
            "else after you opened this page, so nothing was saved. Read its new update on "
            "its page, then save again.",
        )
        return self.render_to_response(self.get_context_data(form=again), status=409)

    def conflict(self, form, current):
        """Show what the other person saved next to this person's text, in a form that
        starts from the current version, so that they can merge and save again."""
        merge = ActionEditForm(
            instance=current,
            initial={**form.changed_values(), "version": current.version},
            editable_fields=self.editable_fields,
            shared_rows=self.shared_rows(),
        )
        context = self.get_context_data(form=merge, current=current, mine=form.changed_values())
        return self.response_class(
            self.request, "actions/action_conflict.html", context, status=409
        )


@require_POST
@login_required
def action_move(request, pk: int, direction: str):
    """Move a row up or down its priority's table (coordinators)."""
    if not request.user.has_perm("actions.change_action"):
        raise PermissionDenied("Only coordinators reorder actions.")
    action = get_object_or_404(Action.objects.select_related("priority__year"), pk=pk)
    services.action_move(action=action, user=request.user, offset=MOVES[direction])
    return redirect(action.priority.get_absolute_url() + f"#action-{action.pk}")


class ActionCreateView(NotKeptMixin, PermissionRequiredMixin, CreateView):
    """Add a row at the end of a priority's table (coordinators)."""

    permission_required = "actions.add_action"
    template_name = "actions/action_add.html"
    form_class = ActionCreateForm

    def dispatch(self, request, *args, **kwargs):
        self.priority = priority_selectors.priority_get(
            year_slug=kwargs["year"], number=kwargs["number"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(priority=self.priority, year=self.priority.year, **kwargs)

    def form_valid(self, form):
        try:
            action = services.action_create(
                priority=self.priority, user=self.request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Row {action.position} has been added.")
        return redirect(action.get_absolute_url())


class UpdatesDueView(
    NotKeptMixin,
    PermissionRequiredMixin,
    EditRightsTableMixin,
    TableExportMixin,
    SingleTableMixin,
    TemplateView,
):
    """The newest year's actions whose update is older than a number of days, each once,
    sortable and downloadable."""

    permission_required = "actions.change_action"
    template_name = "actions/updates_due.html"
    table_class = UpdatesDueTable
    table_pagination = {"per_page": 50}

    def get(self, request, *args, **kwargs):
        self.year = ReportingYear.objects.newest()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if self.year is None:
            return Action.objects.none()
        return selectors.actions_due(year=self.year, days=self.days())

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=self.year, days=self.days(), **kwargs)

    def export_name_parts(self):
        return ["updates due", self.year.slug if self.year else "", f"{self.days()} days"]

    def days(self) -> int:
        """?days=: whole days from 0 to 36,500 in ASCII digits (not ², not 10^20); anything
        else is ignored for UPDATE_DUE_DAYS."""
        value = self.request.GET.get("days", "")
        if re.fullmatch(r"[0-9]{1,5}", value) and int(value) <= MAX_DAYS:
            return int(value)
        return settings.UPDATE_DUE_DAYS


class MilestoneFormMixin(NotKeptMixin, LoginRequiredMixin):
    """A form page for one action's milestones: only for those who may change them."""

    template_name = "actions/milestone_form.html"
    form_class = MilestoneForm

    def check_rights(self, action: Action) -> None:
        if not services.milestone_may_change(user=self.request.user, action=action):
            raise PermissionDenied("You may not change this action's milestones.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)


class MilestoneCreateView(MilestoneFormMixin, CreateView):
    """Add a milestone to an action (coordinators, and partners of a lead agency)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.action = get_object_or_404(selectors.action_for_milestones(), pk=kwargs["pk"])
        self.check_rights(self.action)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            milestone = services.milestone_create(
                action=self.action, user=self.request.user, data=form.milestone_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The milestone “{milestone}” has been added.")
        return redirect(milestone.get_absolute_url())


class MilestoneEditView(MilestoneFormMixin, UpdateView):
    """Edit or remove a milestone. A save or removal made after someone else's save is
    refused, and the form comes back with the milestone as it is now."""

    context_object_name = "milestone"

    queryset = Milestone.objects.select_related("agency")

    def get_object(self, queryset=None):
        milestone = super().get_object(queryset)
        self.action = get_object_or_404(selectors.action_for_milestones(), pk=milestone.action_id)
        milestone.action = self.action
        self.check_rights(self.action)
        return milestone

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            return self.remove()
        return super().post(request, *args, **kwargs)

    def remove(self):
        """The form's "Remove" button: the milestone goes, whatever the fields say, if it
        is still as the editor saw it."""
        self.object = self.get_object()
        version = self.request.POST.get("version", "")
        try:
            services.milestone_delete(
                milestone=self.object,
                user=self.request.user,
                version=int(version) if version.isdigit() else 0,
            )
        except services.MilestoneConflict as conflict:
            return self.conflict(conflict.current)
        messages.success(self.request, f"The milestone “{self.object}” has been removed.")
        return redirect(self.action.get_absolute_url() + "#milestones")

    def form_valid(self, form):
        try:
            milestone = services.milestone_update(
                milestone=self.object,
                user=self.request.user,
                version=form.cleaned_data["version"],
                data=form.milestone_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.MilestoneConflict as conflict:
            return self.conflict(conflict.current)
        messages.success(self.request, f"The milestone “{milestone}” has been saved.")
        return redirect(milestone.get_absolute_url())

    def conflict(self, current: Milestone | None):
        """Someone saved or removed the milestone since the form opened: nothing was saved."""
        if current is None:
            messages.error(self.request, "Someone else removed that milestone: nothing was saved.")
            return redirect(self.action.get_absolute_url() + "#milestones")
        current.action = self.action
        self.object = current
        # Bound to the milestone as it is now, so that the message shows with the form.
        again = MilestoneForm(
            data={
                "title": current.title,
                "due_on": current.due_on.isoformat(),
                "done_on": current.done_on.isoformat() if current.done_on else "",
                "agency": current.agency_id or "",
                "version": current.version,
            },
            instance=current,
        )
        again.is_valid()
        again.add_error(
            None,
            "Someone else saved this milestone after you opened this page, so nothing was "
            "saved. This is the milestone as it is now: make your change again.",
        )
        return self.render_to_response(self.get_context_data(form=again), status=409)


@require_POST
@login_required
def milestone_done(request, pk: int):
    """Mark a milestone done today (those who may change the action's milestones)."""
    milestone = get_object_or_404(Milestone, pk=pk)
    milestone.action = get_object_or_404(selectors.action_for_milestones(), pk=milestone.action_id)
    try:
        services.milestone_mark_done(milestone=milestone, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The milestone “{milestone}” is marked done.")
    return redirect(milestone.get_absolute_url())


class PendingUpdatesView(NotKeptMixin, PermissionRequiredMixin, SingleTableMixin, TemplateView):
    """The partners' updates waiting for a coordinator's approval, oldest first."""

    permission_required = "actions.change_action"
    template_name = "actions/pending_updates.html"
    table_class = PendingUpdateTable
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.pending_proposals()


class ProposalReviewView(NotKeptMixin, PermissionRequiredMixin, DetailView):
    """One proposed update beside the published one: approve it, or return it with a
    comment. Approving it after the action was saved since shows the conflict page."""

    permission_required = "actions.change_action"
    template_name = "actions/proposal_review.html"
    queryset = UpdateProposal.objects.select_related(
        "action__priority__year", "action__update_changed_by", "reviewed_by"
    )
    context_object_name = "proposal"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProposalReturnForm())
        return super().get_context_data(action=self.object.action, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = proposal = self.get_object()
        try:
            if "approve" in request.POST:
                action = services.proposal_approve(proposal=proposal, user=request.user)
                messages.success(request, "The update has been approved and published.")
                return redirect(action.get_absolute_url())
            form = ProposalReturnForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(form=form), status=400)
            services.proposal_return(
                proposal=proposal, user=request.user, comment=form.cleaned_data["comment"]
            )
        except services.ProposalDecided:
            messages.error(request, "This update has been approved or returned already.")
            return redirect(proposal.action.get_absolute_url())
        except services.EditConflict as conflict:
            context = self.get_context_data(current=conflict.current)
            return self.response_class(
                request, "actions/proposal_conflict.html", context, status=409
            )
        messages.success(request, "The update has been returned to its author.")
        return redirect("actions:pending_updates")
