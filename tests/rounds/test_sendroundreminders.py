import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from actions.models import Action, Agency
from rounds.models import RoundReminder
from rounds.services import round_close
from tests.rounds.helpers import open_round, post_update


def test_it_emails_each_outstanding_agency_once_a_day(cast, mailoutbox, capsys):
    police = Agency.objects.get(short_name="Herts Police")
    police.contact_email = "csp@herts.police.invalid"
    police.save()
    reporting_round = open_round(cast)

    call_command("sendroundreminders")

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["csp@herts.police.invalid", "partner@example.invalid"]
    assert mail.subject == "Q3 2011/12: 22 action updates due by 13 January 2012"
    assert "partners' updates are due by 13 January 2012" in mail.body
    output = capsys.readouterr().out
    assert "Q3 2011/12: Herts Police: 22 outstanding, sent to csp@herts.police.invalid" in output
    assert "Q3 2011/12: DBC: 11 outstanding, not sent: the agency has no contact address" in output
    assert RoundReminder.objects.get().agency == police

    call_command("sendroundreminders")

    assert len(mailoutbox) == 1
    assert "not sent: already reminded today in this round" in capsys.readouterr().out
    assert RoundReminder.objects.filter(round=reporting_round).count() == 1


def test_the_next_day_it_reminds_them_again(cast, mailoutbox):
    open_round(cast)
    call_command("sendroundreminders")
    assert len(mailoutbox) == 1
    # As if that reminder had gone yesterday.
    RoundReminder.objects.update(sent_on=timezone.localdate() - datetime.timedelta(days=1))

    call_command("sendroundreminders")

    assert len(mailoutbox) == 2
    assert RoundReminder.objects.count() == 2


def test_an_agency_with_nothing_outstanding_gets_none(cast, mailoutbox, capsys):
    police = Agency.objects.get(short_name="Herts Police")
    reporting_round = open_round(cast)
    for action in Action.objects.led_by(police):
        post_update(action, cast.partner, update="Updated this quarter")

    call_command("sendroundreminders")

    assert mailoutbox == []
    assert "Herts Police" not in capsys.readouterr().out
    assert not RoundReminder.objects.filter(round=reporting_round).exists()


def test_the_reminder_lists_only_what_is_outstanding_and_links_to_it(cast, mailoutbox, settings):
    settings.SITE_URL = "https://csp.example.org"
    reporting_round = open_round(cast)
    police = Agency.objects.get(short_name="Herts Police")
    updated = Action.objects.led_by(police).order_by("priority__number", "position").first()
    post_update(updated, cast.partner, update="Updated this quarter")

    call_command("sendroundreminders")

    body = mailoutbox[0].body
    links = re.findall(r"^  Update it: (\S+)$", body, flags=re.M)
    assert len(links) == 21
    assert f"https://csp.example.org/actions/{updated.pk}/edit/" not in links
    assert f"https://csp.example.org/rounds/{reporting_round.pk}/mine/" in body


def test_a_closed_round_sends_nothing(cast, mailoutbox, capsys):
    round_close(reporting_round=open_round(cast), user=cast.coordinator)
    call_command("sendroundreminders")
    assert mailoutbox == []
    assert "No reporting round is open" in capsys.readouterr().out


def test_a_dry_run_sends_nothing_and_records_nothing(cast, mailoutbox, capsys):
    open_round(cast)
    call_command("sendroundreminders", "--dry-run")
    assert mailoutbox == []
    assert "Herts Police: 22 outstanding, would be sent to partner@example.invalid" in (
        capsys.readouterr().out
    )
    assert not RoundReminder.objects.exists()


def test_without_the_sites_address_no_reminder_is_sent(cast, mailoutbox, settings):
    open_round(cast)
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL is not set"):
        call_command("sendroundreminders")
    assert mailoutbox == []
