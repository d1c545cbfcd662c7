"""Reads of actions and agencies, shaped for the pages that show them."""

from django.db.models import F, Func, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from .models import Action, ActionLead, Agency, Initiative


def agency_list():
    """Agencies with their aliases, parent and how many actions each leads (teams included)."""
    led = (
        ActionLead.objects.filter(Q(agency=OuterRef("pk")) | Q(agency__parent=OuterRef("pk")))
        .order_by()
        .values(
            n=Func(
                F("action_id"),
                function="COUNT",
                template="%(function)s(DISTINCT %(expressions)s)",
                output_field=IntegerField(),
            )
        )
    )
    return (
        Agency.objects.select_related("parent")
        .prefetch_related("aliases")
        .annotate(action_count=Coalesce(Subquery(led), 0))
    )


def agency_detail_queryset():
    return Agency.objects.select_related("parent").prefetch_related("aliases", "units")


def agency_actions(agency: Agency):
    return Action.objects.led_by(agency).for_table()


def action_detail_queryset():
    return Action.objects.for_table()


def initiative_detail_queryset():
    return Initiative.objects.prefetch_related(
        Prefetch("actions", queryset=Action.objects.for_table().order_by("priority__number"))
    )
