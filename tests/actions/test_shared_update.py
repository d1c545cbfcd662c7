"""Shared work updated once: the Halloween operation is a row under priorities 1, 3 and 6
of 2011/12; editing one row offers to save the same update and status on the others."""

from html import unescape

import pytest

from actions.models import Action, ActionUpdate, ProgressStatus
from audit.models import AuditEntry


def halloween(number):
    return Action.objects.get(
        priority__year__slug="2011-12", priority__number=number, position={1: 2, 3: 1, 6: 1}[number]
    )


def edit_url(action):
    return f"/actions/{action.pk}/edit/"


def shared_versions(*rows):
    return " ".join(f"{row.pk}:{row.version}" for row in rows)


def post(client, action, others=(), ticked=(), **data):
    return client.post(
        edit_url(action),
        {
            "version": action.version,
            "shared_versions": shared_versions(*others),
            "also": [row.pk for row in ticked],
            # A coordinator's form has these too; a partner's ignores them.
            "target": action.target,
            "timescale": action.timescale,
            **data,
        },
    )


@pytest.mark.usefixtures("partners_publish_directly")
@pytest.mark.parametrize("role", ["partner", "coordinator"])
def test_the_edit_form_offers_the_same_work_under_other_priorities(client, cast, role):
    client.force_login(getattr(cast, role))
    page = unescape(client.get(edit_url(halloween(1))).content.decode())
    assert "Save the same update and status on this work&#x27;s other rows" in page or (
        "Save the same update and status on this work's other rows" in page
    )
    assert f'value="{halloween(3).pk}"' in page
    assert f'value="{halloween(6).pk}"' in page
    assert "Priority 3, row 1: Instigate Joint Agency activity over Halloween period" in page
    assert "Priority 6, row 1: Instigate Joint Agency activity over Halloween period" in page


def test_a_row_with_no_shared_work_offers_nothing(client, cast):
    client.force_login(cast.coordinator)
    alone = Action.objects.get(priority__year__slug="2011-12", priority__number=1, position=1)
    assert alone.initiative_id is None
    page = client.get(edit_url(alone)).content.decode()
    assert 'name="also"' not in page
    assert 'name="shared_versions"' not in page


@pytest.mark.usefixtures("partners_publish_directly")
def test_ticked_rows_get_the_same_update_and_status_each_with_its_own_history(client, cast):
    client.force_login(cast.partner)
    first, third, sixth = halloween(1), halloween(3), halloween(6)
    response = post(
        client,
        first,
        others=(third, sixth),
        ticked=(third, sixth),
        update="Operation ran 24-31 October.",
        progress_status=ProgressStatus.COMPLETE,
    )
    assert response.status_code == 302
    for row in (first, third, sixth):
        saved = Action.objects.get(pk=row.pk)
        assert saved.update == "Operation ran 24-31 October."
        assert saved.progress_status == ProgressStatus.COMPLETE
        assert saved.version == row.version + 1
        assert saved.update_changed_by == cast.partner
        history = ActionUpdate.objects.filter(action=row)
        assert history.count() == 1
        assert history.get().changes["update"][1] == "Operation ran 24-31 October."
        assert (
            AuditEntry.objects.filter(object_id=str(row.pk), kind=AuditEntry.Kind.CHANGED).count()
            == 1
        )
    message = client.get(response["Location"]).content.decode()
    assert "saved on this row and 2 others" in message


def test_only_the_ticked_rows_change(client, cast):
    client.force_login(cast.coordinator)
    first, third, sixth = halloween(1), halloween(3), halloween(6)
    response = post(
        client,
        first,
        others=(third, sixth),
        ticked=(sixth,),
        update="Only 1 and 6.",
        progress_status="",
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=sixth.pk).update == "Only 1 and 6."
    assert Action.objects.get(pk=third.pk).update == third.update
    assert Action.objects.get(pk=third.pk).version == third.version


def test_a_coordinators_target_change_stays_on_the_row_edited(client, cast):
    client.force_login(cast.coordinator)
    first, third = halloween(1), halloween(3)
    post(
        client,
        first,
        others=(third, halloween(6)),
        ticked=(third,),
        update="Done.",
        progress_status="",
        target="A new target for priority 1 only",
        timescale=first.timescale,
    )
    assert Action.objects.get(pk=first.pk).target == "A new target for priority 1 only"
    assert Action.objects.get(pk=third.pk).target == third.target
    assert Action.objects.get(pk=third.pk).update == "Done."


def test_if_another_row_was_saved_meanwhile_nothing_is_saved(client, cast):
    client.force_login(cast.coordinator)
    first, third, sixth = halloween(1), halloween(3), halloween(6)
    # Someone saves priority 3's row after the form was opened.
    Action.objects.filter(pk=third.pk).update(update="Saved meanwhile.", version=third.version + 1)
    response = post(
        client,
        first,
        others=(third, sixth),
        ticked=(third, sixth),
        update="Mine.",
        progress_status="",
    )
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "Priority 3, row 1 was saved by someone else after you opened this page" in page
    assert "nothing was saved" in page
    # All or nothing: neither this row nor the sixth changed, and no history was written.
    assert Action.objects.get(pk=first.pk).update == first.update
    assert Action.objects.get(pk=sixth.pk).update == sixth.update
    assert Action.objects.get(pk=third.pk).update == "Saved meanwhile."
    assert not ActionUpdate.objects.exists()
    # The form comes back with the text typed and priority 3's new version, so that
    # saving again works.
    assert "Mine." in page
    assert f"{third.pk}:{third.version + 1}" in page
    again = post(
        client,
        first,
        others=(Action.objects.get(pk=third.pk), sixth),
        ticked=(third, sixth),
        update="Mine.",
        progress_status="",
    )
    assert again.status_code == 302
    assert Action.objects.get(pk=third.pk).update == "Mine."


@pytest.mark.usefixtures("partners_publish_directly")
def test_a_partner_is_not_offered_rows_their_agency_does_not_lead(client, cast):
    first, third = halloween(1), halloween(3)
    third.leads.all().delete()  # priority 3's row is now nobody's: a partner may not edit it
    client.force_login(cast.partner)
    page = client.get(edit_url(first)).content.decode()
    assert f'value="{third.pk}"' not in page
    assert f'value="{halloween(6).pk}"' in page


def test_a_forged_tick_of_a_row_outside_the_shared_work_is_refused(client, cast):
    client.force_login(cast.coordinator)
    first = halloween(1)
    stranger = Action.objects.get(priority__year__slug="2011-12", priority__number=1, position=1)
    response = post(
        client, first, others=(stranger,), ticked=(stranger,), update="Forged.", progress_status=""
    )
    assert response.status_code == 200  # the form says the choice is not offered
    assert Action.objects.get(pk=stranger.pk).update == stranger.update
    assert Action.objects.get(pk=first.pk).update == first.update
