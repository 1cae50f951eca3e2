"""PostgreSQL: the search vector moves out of ledger_task into its own table, kept by triggers.

Since migration 0003 `search_vector` was a stored generated column of ledger_task with a GIN index.
Every UPDATE of a task row recomputed it (some 1,200 characters of bigrams re-parsed), and an UPDATE
that PostgreSQL cannot do in place (a changed indexed column, or no room on the page) writes a new
entry for each of the row's hundreds of tokens into the GIN index, whatever the UPDATE changed: the
nightly scheduled-progress refresh, a warning's confirmation, an import's transitions. Measured on
100,000 tasks (benchmarks/bench_warnings.py, BENCHMARKS.md): the GIN inserts were about 60 % of the
time of rewriting every row.

Now `ledger_task_search (task_id, vector)` holds the vector and the GIN index; triggers on
ledger_task fill it on INSERT, refill it when an UPDATE changes search_text, and empty it on DELETE
and TRUNCATE (no foreign key: Django's flush truncates only its own tables). Updating other columns
of a task never touches it. ducha.ledger.search matches `id IN (SELECT task_id … @@ query)`; the
phrase recheck still reads a stored vector, never re-parses the text.

SQLite is untouched: its FTS5 table has been kept the same way since 0002.

The list's indexes by scheduled progress and by warning colour become partial indexes over live tasks
that cover the list's count and page ids: on SQLite the old ones made every match read voided_at from
the task row, past ~1,200 characters of bigrams on overflow pages (a second for yellow + red).
"""

import importlib

from django.db import migrations, models

PG_UP = [
    "CREATE TABLE ledger_task_search (task_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    "INSERT INTO ledger_task_search (task_id, vector) SELECT id, search_vector FROM ledger_task",
    "CREATE INDEX task_search_gin ON ledger_task_search USING gin (vector)",
    "DROP INDEX IF EXISTS task_search_vector_gin",
    "ALTER TABLE ledger_task DROP COLUMN IF EXISTS search_vector",
    """CREATE FUNCTION ledger_task_search_put() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO ledger_task_search (task_id, vector)
           VALUES (NEW.id, to_tsvector('simple'::regconfig, COALESCE(NEW.search_text, '')))
           ON CONFLICT (task_id) DO UPDATE SET vector = EXCLUDED.vector;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION ledger_task_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM ledger_task_search WHERE task_id = OLD.id;
         RETURN NULL;
       END $$""",
    """CREATE FUNCTION ledger_task_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         TRUNCATE ledger_task_search;
         RETURN NULL;
       END $$""",
    """CREATE TRIGGER ledger_task_search_ai AFTER INSERT ON ledger_task
       FOR EACH ROW EXECUTE FUNCTION ledger_task_search_put()""",
    # OF search_text: only UPDATEs that set the column; WHEN: and change it (Model.save() sets every column).
    """CREATE TRIGGER ledger_task_search_au AFTER UPDATE OF search_text ON ledger_task
       FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
       EXECUTE FUNCTION ledger_task_search_put()""",
    """CREATE TRIGGER ledger_task_search_ad AFTER DELETE ON ledger_task
       FOR EACH ROW EXECUTE FUNCTION ledger_task_search_delete()""",
    """CREATE TRIGGER ledger_task_search_at AFTER TRUNCATE ON ledger_task
       FOR EACH STATEMENT EXECUTE FUNCTION ledger_task_search_truncate()""",
    "ANALYZE ledger_task_search",
]
PG_DOWN = [
    *[f"DROP TRIGGER IF EXISTS ledger_task_search_{kind} ON ledger_task" for kind in ("ai", "au", "ad", "at")],
    *[f"DROP FUNCTION IF EXISTS ledger_task_search_{kind}()" for kind in ("put", "delete", "truncate")],
    """ALTER TABLE ledger_task ADD COLUMN search_vector tsvector
         GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED""",
    "CREATE INDEX task_search_vector_gin ON ledger_task USING gin (search_vector)",
    "DROP TABLE IF EXISTS ledger_task_search",
]


# PostgreSQL only: the same runner as 0003 (SQLite keeps its FTS5 table).
_run = importlib.import_module("ducha.ledger.migrations.0003_perf_indexes")._run


class Migration(migrations.Migration):
    dependencies = [("ledger", "0008_alter_task_state")]
    operations = [
        migrations.RunPython(_run(PG_UP), _run(PG_DOWN)),
        migrations.RemoveIndex(model_name="task", name="ledger_task_schedul_31ca1a_idx"),
        migrations.RemoveIndex(model_name="task", name="ledger_task_warning_5df8e7_idx"),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(condition=models.Q(("voided_at__isnull", True)),
                               fields=["schedule_state", "deadline", "id", "voided_at"], name="task_live_schedule_idx"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(condition=models.Q(("voided_at__isnull", True)),
                               fields=["warning", "deadline", "id", "voided_at"], name="task_live_warning_idx"),
        ),
    ]
