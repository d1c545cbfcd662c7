import re
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.urls import resolve

from actions.models import Agency


def test_it_emails_each_agencys_contacts_once_a_day(cast, mailoutbox, capsys):
    police = Agency.objects.get(short_name="Herts Police")
    police.contact_email = "csp@herts.police.invalid"
    police.save()

    call_command("sendupdatereminders", days=30)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["csp@herts.police.invalid", "partner@example.invalid"]
    assert mail.subject == "22 action updates due"
    assert "Instigate Joint Agency activity over Halloween period" in mail.body
    output = capsys.readouterr().out
    assert "Herts Police: 22 due, sent to csp@herts.police.invalid" in output
    assert "DBC: 11 due, not sent: the agency has no contact address" in output
    assert "Druglink: 10 due, not sent: the agency has no contact address" in output

    call_command("sendupdatereminders", days=30)
    assert len(mailoutbox) == 1
    assert "not sent: already reminded today" in capsys.readouterr().out


def test_a_dry_run_sends_nothing(cast, mailoutbox, capsys):
    call_command("sendupdatereminders", "--dry-run")
    assert mailoutbox == []
    assert "Herts Police: 22 due, would be sent to partner@example.invalid" in (
        capsys.readouterr().out
    )
    assert Agency.objects.get(short_name="Herts Police").last_reminded_on is None


def test_each_action_in_a_reminder_links_to_its_edit_page_at_the_sites_address(
    cast, mailoutbox, settings
):
    from actions.selectors import updates_due
    from priorities.models import ReportingYear

    settings.SITE_URL = "https://csp.example.org"
    call_command("sendupdatereminders", days=30)

    body = mailoutbox[0].body
    police = Agency.objects.get(short_name="Herts Police")
    due = updates_due(year=ReportingYear.objects.newest(), days=30)[police]
    links = re.findall(r"^  Update it: (\S+)$", body, flags=re.M)
    assert links == [f"https://csp.example.org/actions/{action.pk}/edit/" for action in due]
    # Each link is the real edit page of that action.
    assert resolve(urlsplit(links[0]).path).url_name == "action_edit"


def test_without_the_sites_address_no_reminder_is_sent(cast, mailoutbox, settings):
    settings.SITE_URL = ""
    with pytest.raises(CommandError, match="SITE_URL is not set"):
        call_command("sendupdatereminders", days=30)
    assert mailoutbox == []


def test_an_action_whose_update_waits_for_approval_is_not_in_the_reminder(cast, mailoutbox):
    """The partner has done their part: the coordinator's queue has the update."""
    from django.test import Client

    from actions.models import Action, UpdateProposal

    row = Action.objects.get(priority__number=1, position=2)  # Herts Police leads it
    partner = Client()
    partner.force_login(cast.partner)
    partner.post(
        f"/actions/{row.pk}/edit/",
        {"version": row.version, "update": "Done, waiting", "progress_status": ""},
    )
    assert UpdateProposal.objects.get(action=row).is_pending
    mailoutbox.clear()  # the coordinators' e-mail about the update waiting

    call_command("sendupdatereminders", days=30)

    assert [mail.subject for mail in mailoutbox] == ["21 action updates due"]
    assert f"/actions/{row.pk}/edit/" not in mailoutbox[0].body
