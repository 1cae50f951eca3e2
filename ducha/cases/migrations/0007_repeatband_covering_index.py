"""The band look-up reads (band, case) from one index instead of the band index and then the table.

The old single-column index is dropped by name as introspected: an AlterField would make SQLite copy the
whole table (millions of rows) to drop an index."""

from django.db import migrations, models


def _drop_band_index(apps, schema_editor):
    model = apps.get_model("cases", "RepeatBand")
    for name in schema_editor._constraint_names(model, ["band"], index=True, primary_key=False, unique=False):
        schema_editor.execute(schema_editor._delete_index_sql(model, name))


def _create_band_index(apps, schema_editor):
    model = apps.get_model("cases", "RepeatBand")
    schema_editor.execute(schema_editor._create_index_sql(model, fields=[model._meta.get_field("band")]))


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0006_list_walk_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="repeatband",
            index=models.Index(fields=["band", "case"], name="cases_repeatband_band_case"),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name="repeatband", name="band", field=models.BigIntegerField()),
            ],
            database_operations=[migrations.RunPython(_drop_band_index, _create_band_index)],
        ),
    ]
