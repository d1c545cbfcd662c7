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


def test_it_lists_the_boroughs_lsoas_missing_from_the_lookup(wards, lookup, capsys):
    services.ward_import_create(
        ward_set=wards,
        kind="street",
        file_name="a.csv",
        data=street_file([street_row(lsoa="E01023456", lsoa_name="Dacorum 012B")]),
        source="test",
    )
    call_command("runwardimports")
    assert (
        "a.csv: E01023456 “Dacorum 012B” is in Dacorum but not in the LSOA-to-ward lookup: "
        "1 row (row 2) in no ward figure."
    ) in capsys.readouterr().out
