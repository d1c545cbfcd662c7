from django.db import migrations


def fill_ward_set(apps, schema_editor):
    """Months imported so far belong to the ward set their import was for."""
    ImportedMonth = apps.get_model("stats", "ImportedMonth")
    WardImport = apps.get_model("stats", "WardImport")
    for ward_import in WardImport.objects.all().only("pk", "ward_set_id"):
        ImportedMonth.objects.filter(ward_import=ward_import).update(
            ward_set_id=ward_import.ward_set_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0006_lsoa_figures"),
    ]

    operations = [
        migrations.RunPython(fill_ward_set, migrations.RunPython.noop),
    ]
