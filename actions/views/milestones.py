"""Adding, editing, removing and marking done an action's milestones."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from core.views import NotKeptMixin

from .. import selectors, services
from ..forms import MilestoneForm
from ..models import Action, Milestone


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
