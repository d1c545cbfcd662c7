"""Partners' updates waiting for approval: the coordinators' queue and review page."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect
from django.views.generic import DetailView, TemplateView
from django_tables2 import SingleTableMixin

from core.views import NotKeptMixin

from .. import selectors, services
from ..forms import ProposalReturnForm
from ..models import UpdateProposal
from ..tables import (
    PendingUpdateTable,
)


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
