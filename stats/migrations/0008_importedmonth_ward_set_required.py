import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stats", "0007_importedmonth_ward_set_filled"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importedmonth",
            name="ward_set",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="months",
                to="stats.wardset",
            ),
        ),
    ]
