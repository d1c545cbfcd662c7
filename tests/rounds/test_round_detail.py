from actions.models import Action, Agency
from rounds.selectors import round_changes
from rounds.services import round_close
from tests.rounds.helpers import open_round, police_rows, post_update


def completion(client, reporting_round) -> dict[str, tuple[int, int, int]]:
    response = client.get(f"/rounds/{reporting_round.pk}/")
    assert response.status_code == 200
    return {
        agency.short_name: (agency.owed, agency.done, agency.outstanding)
        for agency in response.context["table"].data
    }


def test_the_coordinator_sees_completion_by_agency_counted_as_by_hand(client, cast):
    complete, updated_before, updated_during, *_ = police_rows()
    post_update(complete, cast.coordinator, progress_status="complete")
    post_update(updated_before, cast.coordinator, update="Before the round")
    reporting_round = open_round(cast)
    post_update(updated_during, cast.partner, update="During the round")
    apgs_row = Action.objects.led_by(Agency.objects.get(short_name="DBC APGs")).get()
    post_update(apgs_row, cast.coordinator, progress_status="complete")
    client.force_login(cast.coordinator)

    counts = completion(client, reporting_round)

    # Herts Police leads 22 rows: row 1.2 (Herts Police/DBC) was complete before the
    # round opened (not asked for), row 1.6 (HFRS/Druglink/HCC/Herts Police) was updated
    # in it. DBC leads 11 rows and its teams 3 more, less row 1.2; its APGs team's one
    # row was marked complete in the round, which counts as done. Druglink's 10 rows
    # include row 1.6.
    assert (complete.position, updated_during.position) == (2, 6)
    assert counts["Herts Police"] == (21, 1, 20)
    assert counts["DBC APGs"] == (1, 1, 0)
    assert counts["DBC"] == (13, 1, 12)
    assert counts["Druglink"] == (10, 1, 9)
    assert counts["Probation"] == (1, 0, 1)
    # Every agency leading an action this year is listed (20 agencies, none finished).
    assert len(counts) == 20
    page = client.get(f"/rounds/{reporting_round.pk}/").content.decode()
    assert "Completion by lead agency" in page
    assert f'href="/rounds/{reporting_round.pk}/close/"' in page


def test_what_changed_since_the_previous_round_lists_before_and_after(client, cast):
    first_row, second_row, third_row, *_ = police_rows()
    original = first_row.update
    post_update(third_row, cast.coordinator, update="Changed in the first round")
    first = open_round(cast)
    round_close(reporting_round=first, user=cast.coordinator)
    post_update(first_row, cast.partner, update="Draft", progress_status="amber")
    post_update(first_row, cast.partner, update="Final words", progress_status="green")
    post_update(second_row, cast.partner, update="Changed and")
    post_update(second_row, cast.partner, update=second_row.update)
    second = open_round(cast, label="Q4 2011/12")

    changes = round_changes(second)

    assert [(c.action.pk, c.what, c.before, c.after) for c in changes] == [
        (first_row.pk, "Update", original, "Final words"),
        (first_row.pk, "Progress status", "None recorded", "Green"),
    ]
    client.force_login(cast.coordinator)
    page = client.get(f"/rounds/{second.pk}/").content.decode()
    assert "What changed since Q3 2011/12" in page
    assert "Final words" in page
    assert "Changed in the first round" not in page


def test_a_closed_rounds_changes_stop_at_its_close(cast):
    first_row, second_row, *_ = police_rows()
    reporting_round = open_round(cast)
    post_update(first_row, cast.partner, update="In the round")
    round_close(reporting_round=reporting_round, user=cast.coordinator)
    post_update(second_row, cast.partner, update="After the round")

    reporting_round.refresh_from_db()
    changed = [(c.action.pk, c.after) for c in round_changes(reporting_round)]

    assert changed == [(first_row.pk, "In the round")]
