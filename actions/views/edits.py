"""Editing actions: an update (or, for coordinators, more), a new row, a row's place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from core.views import NotKeptMixin
from priorities import selectors as priority_selectors

from .. import selectors, services
from ..forms import ActionCreateForm, ActionEditForm
from ..models import Action, UpdateProposal

MOVES = {"up": -1, "down": 1}


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
