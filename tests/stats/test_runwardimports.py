"""runwardimports imports uploaded files still waiting."""

from django.core.management import call_command

from stats import services
from stats.models import WardImport

from .factories import street_file, street_row


def test_it_imports_the_waiting_files(wards, lookup, capsys):
    ward_import = services.ward_import_create(
        ward_set=wards,
        kind="street",
        file_name="a.csv",
        data=street_file([street_row()]),
        source="test",
    )
    call_command("runwardimports")
    ward_import.refresh_from_db()
    assert ward_import.status == WardImport.Status.DONE
    assert "a.csv: Imported" in capsys.readouterr().out


def test_it_can_retry_an_import_a_restart_interrupted(wards, lookup):
    ward_import = services.ward_import_create(
        ward_set=wards,
        kind="street",
        file_name="a.csv",
        data=street_file([street_row()]),
        source="test",
    )
    WardImport.objects.filter(pk=ward_import.pk).update(status=WardImport.Status.RUNNING)
    call_command("runwardimports", "--requeue-running")
    ward_import.refresh_from_db()
    assert ward_import.status == WardImport.Status.DONE
