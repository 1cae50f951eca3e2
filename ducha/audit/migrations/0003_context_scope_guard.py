"""Request context and scope columns, a hash scheme column, and a guard with no maintenance switch.

The triggers of 0002 let DELETE and TRUNCATE through when a session variable
(PostgreSQL) or a connection-defined function (SQLite) said "maintenance";
any session could say so. They are replaced by ducha.audit.guard's, which
always refuse. The guard is lifted around the column changes because SQLite
rebuilds the table to add a column with a default.
"""

import importlib

from django.db import migrations, models

from ducha.audit import guard


def _run(statements):
    def apply(apps, schema_editor):
        for sql in statements(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)
    return apply


def _old_0002():
    return importlib.import_module("ducha.audit.migrations.0002_append_only")


def _remove_old(vendor):
    return {"sqlite": _old_0002().SQLITE_DOWN, "postgresql": _old_0002().PG_DOWN}.get(vendor, [])


def _restore_old(vendor):
    return {"sqlite": _old_0002().SQLITE_UP, "postgresql": _old_0002().PG_UP}.get(vendor, [])


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]

    operations = [
        migrations.RunPython(_run(_remove_old), _run(_restore_old)),
        migrations.AddField(
            model_name="auditentry", name="client_request_id",
            field=models.CharField(blank=True, default="", max_length=64, verbose_name="客户端请求编号"),
        ),
        migrations.AddField(
            model_name="auditentry", name="remote_addr",
            field=models.CharField(blank=True, default="", max_length=45, verbose_name="来源地址"),
        ),
        migrations.AddField(
            model_name="auditentry", name="scope_path",
            field=models.CharField(blank=True, db_index=True, default="", max_length=255,
                                   verbose_name="所属行政区划"),
        ),
        migrations.AddField(
            model_name="auditentry", name="scheme",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AlterField(
            model_name="auditentry", name="request_id",
            field=models.CharField(blank=True, max_length=64, verbose_name="请求编号"),
        ),
        migrations.RunPython(_run(guard.install_sql), _run(guard.remove_sql)),
    ]
