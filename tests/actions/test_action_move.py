import pytest

from actions.models import Action
from audit.models import AuditEntry


def positions(number):
    return list(
        Action.objects.filter(priority__number=number)
        .order_by("position")
        .values_list("action", flat=True)
    )


def test_a_coordinator_moves_a_row_up_and_down(client, cast):
    client.force_login(cast.coordinator)
    before = positions(4)
    second = Action.objects.get(priority__number=4, position=2)
    response = client.post(f"/actions/{second.pk}/move/up/")
    assert response.status_code == 302
    assert response["Location"] == f"/years/2011-12/priorities/4/#action-{second.pk}"
    assert positions(4) == [before[1], before[0], before[2]]
    client.post(f"/actions/{second.pk}/move/down/")
    assert positions(4) == before
    entries = AuditEntry.objects.filter(object_id=str(second.pk))
    assert [e.changes["position"] for e in entries.order_by("at", "id")] == [[2, 1], [1, 2]]


def test_the_first_row_cannot_move_up_nor_the_last_down(client, cast):
    client.force_login(cast.coordinator)
    before = positions(4)
    first = Action.objects.get(priority__number=4, position=1)
    last = Action.objects.get(priority__number=4, position=3)
    client.post(f"/actions/{first.pk}/move/up/")
    client.post(f"/actions/{last.pk}/move/down/")
    assert positions(4) == before


@pytest.mark.parametrize("role", ["partner", "councillor"])
def test_only_coordinators_reorder(client, cast, role):
    client.force_login(getattr(cast, role))
    row = Action.objects.get(priority__number=4, position=2)
    assert client.post(f"/actions/{row.pk}/move/up/").status_code == 403
    row.refresh_from_db()
    assert row.position == 2


def test_moving_takes_a_post_not_a_link(client, cast):
    client.force_login(cast.coordinator)
    row = Action.objects.get(priority__number=4, position=2)
    assert client.get(f"/actions/{row.pk}/move/up/").status_code == 405


def test_coordinators_see_move_buttons_and_partners_do_not(client, cast):
    url = "/years/2011-12/priorities/1/"
    client.force_login(cast.coordinator)
    assert "Move row 2 up" in client.get(url).content.decode()
    client.force_login(cast.partner)
    html = client.get(url).content.decode()
    assert "Move row 2 up" not in html
    assert "Edit<span" in html
