"""Shared steps of the rounds tests: opening a round, posting an update."""

import datetime

from actions.models import Action
from actions.services import action_update
from rounds.services import round_open


def open_round(cast, label="Q3 2011/12"):
    return round_open(
        year=cast.report, label=label, deadline=datetime.date(2012, 1, 13), user=cast.coordinator
    )


def post_update(action: Action, user, **data) -> Action:
    action.refresh_from_db()
    return action_update(action=action, user=user, version=action.version, data=data)


def police_rows():
    """The rows Herts Police leads, itself or through a team, in the plan's order."""
    from actions.models import Agency

    police = Agency.objects.get(short_name="Herts Police")
    return list(Action.objects.led_by(police).order_by("priority__number", "position"))
