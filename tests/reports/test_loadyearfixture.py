import pytest
from django.core.management import CommandError, call_command

from actions.models import Action
from audit.models import AuditEntry
from priorities.models import ReportingYear
from tests.conftest import YEAR_FIXTURE


def test_it_loads_the_year_once_and_changes_nothing_the_second_time(db, capsys):
    call_command("loadyearfixture", str(YEAR_FIXTURE), year="2011/12")
    assert "Loaded 2011/12" in capsys.readouterr().out
    action = Action.objects.get(priority__number=1, position=1)
    action.update = "Edited since the load"
    action.save()

    call_command("loadyearfixture", str(YEAR_FIXTURE), year="2011/12")

    assert "already loaded; nothing changed" in capsys.readouterr().out
    assert ReportingYear.objects.count() == 1
    loaded = AuditEntry.objects.get(kind="loaded")
    assert (loaded.object_repr, loaded.note, loaded.user) == ("2011/12", "From 2011-12.json", None)
    assert Action.objects.count() == 37
    action.refresh_from_db()
    assert action.update == "Edited since the load"


def test_a_missing_file_is_named_in_the_error(db):
    with pytest.raises(CommandError, match="no-such.json: no such fixture file"):
        call_command("loadyearfixture", "fixtures/no-such.json", year="2011/12")
    assert not ReportingYear.objects.exists()


def test_a_fixture_without_the_year_changes_nothing(db):
    with pytest.raises(CommandError, match="holds no reporting year labelled 2099/00"):
        call_command("loadyearfixture", str(YEAR_FIXTURE), year="2099/00")
    assert not ReportingYear.objects.exists()
    assert not Action.objects.exists()
