from django.core.management import call_command

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
