"""The admin: every model registered, each changelist and add form working."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import User

from actions.models import Action, ActionUpdate, Milestone, UpdateProposal
from actions.services import action_update
from audit.models import AuditEntry
from priorities.models import Partnership
from reports.models import PublishedReport
from stats.models import (
    DistrictCrimeCount,
    LsoaCrimeCount,
    PoliceMonth,
    WardCrimeCount,
    WardSetCrimeCount,
)

APP_LABELS = ("priorities", "actions", "stats")
MODELS = [model for label in APP_LABELS for model in apps.get_app_config(label).get_models()]
MODELS.append(AuditEntry)
READ_ONLY = {
    ActionUpdate,
    AuditEntry,
    DistrictCrimeCount,
    LsoaCrimeCount,
    PoliceMonth,
    PublishedReport,
    UpdateProposal,
    WardCrimeCount,
    WardSetCrimeCount,
}
# Settings of one row, made by a migration: changed there, never added or deleted.
ONE_ROW = {Partnership}


@pytest.fixture
def superuser_client(client, db):
    user = User.objects.create(username="root", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_every_model_of_the_apps_is_registered():
    unregistered = [model.__name__ for model in MODELS if not admin.site.is_registered(model)]
    assert unregistered == []


@pytest.fixture
def admin_data(report, ward_figures, superuser_client):
    """The 2011/12 report, with one edit, one milestone and one published copy, so that
    the update history, the milestones and the published reports have a row."""
    action = Action.objects.get(priority__number=1, position=1)
    Milestone.objects.create(action=action, position=1, title="Step", due_on="2012-01-31")
    user = User.objects.get(username="root")
    action_update(action=action, user=user, version=action.version, data={"update": "Edited"})
    # A published copy as the admin lists it (its PDF is not what these tests read:
    # tests/reports make real ones).
    PublishedReport.objects.create(
        year=report, published_by=user, title="Report", body_html="<p>Report</p>", pdf=b"%PDF-"
    )
    UpdateProposal.objects.create(
        action=action, update="Proposed", author=user, author_name="Root", based_on=2
    )
    return report


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_each_changelist_lists_searches_and_adds(superuser_client, admin_data, model):
    info = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    response = superuser_client.get(info)
    assert response.status_code == 200
    assert response.context["cl"].result_count == model.objects.count() > 0
    assert superuser_client.get(info, {"q": "Dacorum"}).status_code == 200
    # Records the software writes (update history, audit trail, imported counts) are read
    # only there.
    read_only = model in READ_ONLY | ONE_ROW
    assert superuser_client.get(info + "add/").status_code == (403 if read_only else 200)
    obj = model.objects.first()
    assert superuser_client.get(f"{info}{obj.pk}/change/").status_code == 200
    if read_only:
        response = superuser_client.post(f"{info}{obj.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
