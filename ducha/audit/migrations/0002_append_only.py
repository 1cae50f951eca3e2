"""Refuse UPDATE and DELETE on the audit table at the database level.

UPDATE is always refused. DELETE (and TRUNCATE on PostgreSQL) is refused
unless the connection is in maintenance mode (ducha.audit.guard), which only
the test suite's database flush uses.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    """CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON audit_auditentry
       WHEN NOT ducha_audit_maintenance()
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_update",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_delete",
]
PG_UP = [
    """CREATE OR REPLACE FUNCTION audit_auditentry_refuse() RETURNS trigger AS $$
       BEGIN
         IF TG_OP <> 'UPDATE' AND current_setting('ducha.audit_maintenance', true) = 'on' THEN
           IF TG_LEVEL = 'STATEMENT' THEN RETURN NULL; END IF;
           RETURN OLD;
         END IF;
         RAISE EXCEPTION 'audit log is append-only';
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_auditentry_no_change BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_auditentry_refuse()""",
    # TRUNCATE bypasses row triggers.
    """CREATE TRIGGER audit_auditentry_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_refuse()""",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_auditentry_no_change ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_auditentry_no_truncate ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_auditentry_refuse()",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)
    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        )
    ]
