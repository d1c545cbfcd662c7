"""Partners' updates wait for a coordinator's approval before they are published (issue 16,
part 1): the partnership's setting, pending updates, approving and returning them, the
queue, conflicts, e-mails, and who sees a pending update (nobody outside the partnership)."""

import datetime
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionUpdate, UpdateProposal
from actions.services import action_update, proposal_submit
from audit.models import AuditEntry
from priorities.models import Partnership

# A word in no published text: wherever it appears, the pending update leaked.
PENDING = "Zephyrine pending: Op Halloween 2012 planned with DBC"
SITE = "https://csp.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def police_row():
    """Priority 1, row 2: Herts Police/DBC (the partner's agency leads it)."""
    return Action.objects.get(priority__number=1, position=2)


def as_user(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def propose(client, action, update=PENDING, progress_status="green", version=None):
    return client.post(
        reverse("actions:action_edit", kwargs={"pk": action.pk}),
        {
            "version": action.version if version is None else version,
            "update": update,
            "progress_status": progress_status,
        },
    )


def pending_made(cast) -> UpdateProposal:
    response = propose(as_user(cast.partner), police_row())
    assert response.status_code == 302
    return UpdateProposal.objects.get(state="pending")


def review_url(proposal) -> str:
    return reverse("actions:pending_update_review", kwargs={"pk": proposal.pk})


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


# The setting


def test_the_setting_is_on_by_default_and_changed_in_the_admin_with_an_audit_entry(cast):
    assert Partnership.objects.get().updates_need_approval is True
    admin = as_user(cast.administrator)
    url = reverse("admin:priorities_partnership_change", kwargs={"object_id": 1})
    assert admin.get(url).status_code == 200
    # One row: no second one is added, and it is never deleted.
    assert admin.get(reverse("admin:priorities_partnership_add")).status_code == 403
    assert admin.get(reverse("admin:priorities_partnership_delete", args=[1])).status_code == 403

    response = admin.post(url, {})  # the box unticked
    assert response.status_code == 302
    assert Partnership.objects.get().updates_need_approval is False
    entry = AuditEntry.objects.get(object_id="1", content_type__model="partnership")
    assert entry.changes == {"updates_need_approval": [True, False]}


def test_with_the_setting_off_a_partners_update_is_published_at_once(
    cast, partners_publish_directly
):
    response = propose(as_user(cast.partner), police_row())
    assert response.status_code == 302
    action = police_row()
    assert action.update == PENDING
    assert action.version == 2
    assert not UpdateProposal.objects.exists()
    assert mail.outbox == []


# Pending updates


def test_a_partners_update_is_pending_not_published(cast):
    before = police_row()
    partner = as_user(cast.partner)
    response = propose(partner, before)
    assert response.status_code == 302
    assert "sent for approval" in page(partner, response["Location"])

    action = police_row()
    assert (action.update, action.progress_status, action.version) == (
        before.update,
        before.progress_status,
        before.version,
    )
    assert not ActionUpdate.objects.filter(action=action).exists()
    proposal = UpdateProposal.objects.get()
    assert (proposal.update, proposal.progress_status) == (PENDING, "green")
    assert (proposal.author, proposal.based_on, proposal.state) == (cast.partner, 1, "pending")
    audit = AuditEntry.objects.get(content_type__model="updateproposal", kind="created")
    assert audit.user == cast.partner
    assert audit.changes["update"] == [before.update, PENDING]


def test_the_coordinators_are_emailed_a_link_to_review_a_new_pending_update(cast):
    proposal = pending_made(cast)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert cast.coordinator.email in message.to
    assert cast.partner.email not in message.to
    assert cast.councillor.email not in message.to
    assert f"{SITE}/updates/pending/{proposal.pk}/" in message.body
    assert PENDING in message.body


def test_a_second_update_replaces_the_pending_one_and_the_form_starts_from_it(cast):
    partner = as_user(cast.partner)
    pending_made(cast)
    form = page(partner, reverse("actions:action_edit", kwargs={"pk": police_row().pk}))
    assert PENDING in form
    assert "Submit for approval" in form
    assert propose(partner, police_row(), update="Second thoughts").status_code == 302
    assert list(UpdateProposal.objects.values_list("update", "state")) == [
        ("Second thoughts", "pending")
    ]


def test_a_partner_may_not_publish_through_the_edit_service_while_approval_is_on(cast):
    action = police_row()
    with pytest.raises(PermissionDenied):
        action_update(action=action, user=cast.partner, version=1, data={"update": "Direct"})
    assert police_row().update == action.update


def test_a_coordinator_may_not_propose_and_their_own_edit_publishes_at_once(cast):
    action = police_row()
    with pytest.raises(PermissionDenied):
        proposal_submit(action=action, user=cast.coordinator, version=1, data={"update": "X"})
    response = as_user(cast.coordinator).post(
        reverse("actions:action_edit", kwargs={"pk": action.pk}),
        {"version": 1, "update": "Published by the coordinator", "target": action.target}
        | {"timescale": action.timescale, "progress_status": ""},
    )
    assert response.status_code == 302
    assert police_row().update == "Published by the coordinator"
    assert not UpdateProposal.objects.exists()


@pytest.mark.parametrize("role", ["partner", "coordinator"])
def test_the_partner_and_coordinators_see_the_pending_update_beside_the_published(cast, role):
    published = police_row().update
    pending_made(cast)
    client = as_user(getattr(cast, role))
    for url in (
        police_row().get_absolute_url(),
        "/years/2011-12/priorities/1/",
        "/agencies/herts-police/",
        "/years/2011-12/actions/",
    ):
        html = page(client, url)
        assert "Pending approval" in html, url
        assert PENDING in html, url
        assert published in html, url


def test_a_partner_of_an_agency_not_leading_the_action_does_not_see_its_pending_update(cast):
    from actions.models import Agency
    from tests.conftest import user_make

    pending_made(cast)
    other = user_make("fire", "Partner")
    Agency.objects.get(short_name="HFRS").members.add(other)
    for url in (police_row().get_absolute_url(), "/years/2011-12/priorities/1/"):
        assert PENDING not in page(as_user(other), url), url


@pytest.mark.parametrize("role", ["anonymous", "councillor"])
def test_no_public_page_file_or_search_shows_the_pending_text(cast, role):
    from reports.services import report_publish

    client = as_user(getattr(cast, role))
    year = cast.report
    urls = [
        police_row().get_absolute_url(),
        "/years/2011-12/priorities/1/",
        "/years/2011-12/priorities/1/?_export=csv",
        "/agencies/herts-police/",
        "/agencies/herts-police/?_export=csv",
        "/years/2011-12/actions/",
        reverse("reports:year_report", kwargs={"year": year.slug}),
        reverse("opendata:file", kwargs={"dataset": "actions", "format": "csv"}),
        reverse("opendata:file", kwargs={"dataset": "actions", "format": "json"}),
        "/search/?q=Zephyrine",
    ]
    # Each page seen once before the update is proposed: kept in the cache.
    for url in urls:
        page(client, url)
    pending_made(cast)
    urls.append(report_publish(year=year, user=cast.coordinator).get_absolute_url())
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode("utf-8-sig")
        # (the search page repeats the word searched for, not the text it would find)
        assert "Zephyrine pending" not in body, url
        assert "Pending approval" not in body, url
    found = client.get("/search/", {"q": "zephyrine pending"}).context["page"]
    assert len(found.object_list) == 0
    assert "Zephyrine pending" in page(as_user(cast.partner), "/years/2011-12/priorities/1/")


def test_a_pending_update_shows_to_the_partner_on_the_next_request_after_a_cached_one(cast):
    partner = as_user(cast.partner)
    url = "/years/2011-12/priorities/1/"
    assert PENDING not in page(partner, url)
    pending_made(cast)
    assert PENDING in page(partner, url)


# Approving and returning


def test_approving_publishes_the_update_with_history_audit_and_a_new_version(cast):
    proposal = pending_made(cast)
    mail.outbox.clear()
    response = as_user(cast.coordinator).post(review_url(proposal), {"approve": "1"})
    assert response.status_code == 302

    action = police_row()
    assert (action.update, action.progress_status, action.version) == (PENDING, "green", 2)
    assert action.update_changed_by == cast.partner  # the author's words
    entry = ActionUpdate.objects.get(action=action)
    assert (entry.author, entry.version) == (cast.partner, 2)
    assert entry.changes["update"][1] == PENDING
    proposal.refresh_from_db()
    assert (proposal.state, proposal.reviewed_by) == ("approved", cast.coordinator)
    changed = AuditEntry.objects.get(content_type__model="action", kind="changed")
    assert changed.user == cast.coordinator
    assert "Approved" in changed.note
    decided = AuditEntry.objects.get(content_type__model="updateproposal", kind="changed")
    assert decided.changes == {"state": ["Pending approval", "Approved"]}

    assert [message.to for message in mail.outbox] == [[cast.partner.email]]
    assert f"{SITE}{action.get_absolute_url()}" in mail.outbox[0].body
    # Now public, and no longer pending.
    html = page(as_user(None), action.get_absolute_url())
    assert PENDING in html
    assert "Pending approval" not in page(as_user(cast.partner), action.get_absolute_url())


def test_returning_with_a_comment_keeps_it_unpublished_and_tells_the_partner(cast):
    proposal = pending_made(cast)
    published = police_row().update
    mail.outbox.clear()
    response = as_user(cast.coordinator).post(
        review_url(proposal), {"return": "1", "comment": "Please give the litres seized."}
    )
    assert response.status_code == 302
    assert police_row().update == published
    assert police_row().version == 1
    proposal.refresh_from_db()
    assert (proposal.state, proposal.comment) == ("returned", "Please give the litres seized.")
    audit = AuditEntry.objects.get(content_type__model="updateproposal", kind="changed")
    assert audit.note == "Returned: Please give the litres seized."
    assert [message.to for message in mail.outbox] == [[cast.partner.email]]
    body = mail.outbox[0].body
    assert "Please give the litres seized." in body
    assert f"{SITE}/actions/{police_row().pk}/edit/" in body

    partner = as_user(cast.partner)
    html = page(partner, police_row().get_absolute_url())
    assert "Returned" in html
    assert "Please give the litres seized." in html
    assert "Please give the litres seized." not in page(
        as_user(None), police_row().get_absolute_url()
    )
    # The partner submits again: pending once more.
    assert propose(partner, police_row(), update="40 litres seized").status_code == 302
    assert UpdateProposal.objects.get(state="pending").update == "40 litres seized"


def test_returning_needs_a_comment(cast):
    proposal = pending_made(cast)
    response = as_user(cast.coordinator).post(review_url(proposal), {"return": "1"})
    assert response.status_code == 400
    proposal.refresh_from_db()
    assert proposal.state == "pending"


def test_an_update_decided_already_is_not_decided_again(cast):
    proposal = pending_made(cast)
    coordinator = as_user(cast.coordinator)
    coordinator.post(review_url(proposal), {"return": "1", "comment": "No"})
    response = coordinator.post(review_url(proposal), {"approve": "1"})
    assert response.status_code == 302
    assert police_row().update != PENDING
    assert UpdateProposal.objects.get().state == "returned"


def test_a_partner_may_not_approve(cast):
    proposal = pending_made(cast)
    response = as_user(cast.partner).post(review_url(proposal), {"approve": "1"})
    assert response.status_code == 403
    assert police_row().update != PENDING


# Conflicts


def test_approving_after_a_coordinators_edit_is_refused_with_both_texts_and_nothing_lost(cast):
    proposal = pending_made(cast)
    action = police_row()
    coordinator = as_user(cast.coordinator)
    coordinator.post(
        reverse("actions:action_edit", kwargs={"pk": action.pk}),
        {"version": 1, "update": "Coordinator's own words", "target": action.target}
        | {"timescale": action.timescale, "progress_status": "amber"},
    )
    response = coordinator.post(review_url(proposal), {"approve": "1"})
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "Coordinator's own words" in html
    assert PENDING in html
    action = police_row()
    assert (action.update, action.version) == ("Coordinator's own words", 2)
    proposal.refresh_from_db()
    assert proposal.state == "pending"


def test_a_partner_submitting_on_a_stale_version_is_refused_with_both_texts(cast):
    action = police_row()
    action_update(
        action=action, user=cast.coordinator, version=1, data={"update": "Saved meanwhile"}
    )
    response = propose(as_user(cast.partner), action, version=1)
    assert response.status_code == 409
    html = unescape(response.content.decode())
    assert "Saved meanwhile" in html
    assert PENDING in html
    assert not UpdateProposal.objects.exists()


# The queue


def test_the_queue_lists_pending_updates_oldest_first_with_review_links(cast):
    from tests.conftest import user_make

    first = pending_made(cast)
    other = Action.objects.get(priority__number=3, position=1)
    second = proposal_submit(
        action=other,
        user=partner_of(other, user_make),
        version=other.version,
        data={"update": "Another pending update"},
    )
    # The second made first: the queue goes by when each was proposed.
    UpdateProposal.objects.filter(pk=second.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2)
    )
    decided = Action.objects.get(priority__number=2, position=1)
    returned = proposal_submit(
        action=decided,
        user=partner_of(decided, user_make, "third"),
        version=decided.version,
        data={"update": "Returned already"},
    )
    UpdateProposal.objects.filter(pk=returned.pk).update(state="returned")

    response = as_user(cast.coordinator).get(reverse("actions:pending_updates"))
    assert response.status_code == 200
    rows = list(response.context["table"].rows)
    assert [row.record.pk for row in rows] == [second.pk, first.pk]
    html = unescape(response.content.decode())
    assert review_url(first) in html
    assert review_url(second) in html
    assert "Returned already" not in html


def partner_of(action, user_make, name="second"):
    """A partner of the action's first lead agency."""
    user = user_make(name, "Partner")
    action.leads.first().agency.members.add(user)
    return user


def test_the_queue_is_linked_from_manage_and_the_updates_due_page(cast):
    coordinator = as_user(cast.coordinator)
    assert reverse("actions:pending_updates") in page(coordinator, "/manage/")
    assert reverse("actions:pending_updates") in page(coordinator, "/updates-due/")


def test_a_milestone_or_target_changed_meanwhile_does_not_stop_the_approval(cast):
    """Only a change to what the partner wrote (update, status, internal note) since
    their version stands in the way."""
    from actions.services import milestone_create

    proposal = pending_made(cast)
    action = police_row()
    action_update(
        action=action, user=cast.coordinator, version=1, data={"target": "A sharper target"}
    )
    milestone_create(
        action=police_row(),
        user=cast.coordinator,
        data={"title": "Leaflets out", "due_on": datetime.date(2012, 10, 1)},
    )
    response = as_user(cast.coordinator).post(review_url(proposal), {"approve": "1"})
    assert response.status_code == 302
    action = police_row()
    assert (action.update, action.target) == (PENDING, "A sharper target")
    assert action.version == 4  # the target, the milestone, the approved update
    proposal.refresh_from_db()
    assert proposal.state == "approved"
