"""The audit entries' before/after as PostgreSQL `json` (kept verbatim) instead of `jsonb`, and five
indexes fewer on PostgreSQL.

json: scheme 3 hashes the database's text of the stored value. Converting jsonb to json keeps exactly
that text (the cast renders each value as jsonb did), so every existing entry still verifies; from here
on the writer hashes the text it sends instead of asking the server how jsonb would render it (one round
trip of every batch's JSON). Irreversible: entries written after this migration hash their own text,
which jsonb would re-render, so going back would break their hashes. SQLite is unchanged (its JSON is
already stored as written).

Indexes (PostgreSQL only; the model state keeps them, as Django would re-create them there): every
INSERT maintains every index, and an import writes 20,000 entries. Dropped: the varchar_pattern_ops
("_like") indexes Django adds for `hash`, `object_id` and `object_type` (nothing filters those columns
with LIKE: lookups are by equality, served by the unique constraint, the object_id index and the
(object_type, object_id, id) index), the `object_type` index (a prefix of that composite index), and the
plain `scope_path` index: scope is read only with `startswith` (LIKE 'path%'), which the pattern index
serves, and that index serves equality too.
"""

from django.db import migrations

import ducha.audit.models

TABLE = "audit_auditentry"
# (column, opclass or "" for a plain btree) of each dropped index; its name is found by definition.
DROPPED = (("hash", "varchar_pattern_ops"), ("object_id", "varchar_pattern_ops"),
           ("object_type", "varchar_pattern_ops"), ("object_type", ""), ("scope_path", ""))


def _single_column_indexes(cursor):
    cursor.execute("""
        SELECT i.relname, a.attname, coalesce(o.opcname, '')
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
        LEFT JOIN pg_opclass o ON o.oid = x.indclass[0] AND o.opcname LIKE '%%pattern_ops'
        WHERE x.indrelid = %s::regclass AND x.indnatts = 1 AND NOT x.indisunique AND NOT x.indisprimary
    """, [TABLE])
    return cursor.fetchall()


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for column in ("before", "after"):
        schema_editor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {quote(column)} TYPE json "
                              f"USING {quote(column)}::json")
    with schema_editor.connection.cursor() as cursor:
        for name, column, opclass in _single_column_indexes(cursor):
            if (column, opclass) in DROPPED:
                schema_editor.execute(f"DROP INDEX {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_context_scope_guard")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(forwards)],  # no reverse: see the docstring
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry", name="before",
                    field=ducha.audit.models.VerbatimJSONField(blank=True, null=True, verbose_name="变更前"),
                ),
                migrations.AlterField(
                    model_name="auditentry", name="after",
                    field=ducha.audit.models.VerbatimJSONField(blank=True, null=True, verbose_name="变更后"),
                ),
            ],
        ),
    ]
