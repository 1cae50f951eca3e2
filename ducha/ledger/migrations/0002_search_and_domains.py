"""SQLite full-text table kept in step with ledger_task by triggers, and the
pollution domains (污染领域) every ledger uses."""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE ledger_task_fts USING fts5(
         search_text, content='ledger_task', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER ledger_task_fts_ai AFTER INSERT ON ledger_task BEGIN
         INSERT INTO ledger_task_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER ledger_task_fts_ad AFTER DELETE ON ledger_task BEGIN
         INSERT INTO ledger_task_fts(ledger_task_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER ledger_task_fts_au AFTER UPDATE OF search_text ON ledger_task BEGIN
         INSERT INTO ledger_task_fts(ledger_task_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text);
         INSERT INTO ledger_task_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS ledger_task_fts_ai",
    "DROP TRIGGER IF EXISTS ledger_task_fts_ad",
    "DROP TRIGGER IF EXISTS ledger_task_fts_au",
    "DROP TABLE IF EXISTS ledger_task_fts",
]

DOMAINS = [
    ("air", "大气"), ("water", "水"), ("soil", "土壤"), ("solid_waste", "固废"), ("ecology", "生态"),
    ("noise", "噪声"), ("radiation", "辐射"), ("marine", "海洋"), ("other", "其他"),
]


def _gin_index():
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    # The same expression ducha.ledger.search filters on, so the planner uses it.
    return GinIndex(SearchVector("search_text", config="simple"), name="task_search_gin")


def search_up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_UP:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.add_index(apps.get_model("ledger", "Task"), _gin_index())


def search_down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DOWN:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("ledger", "Task"), _gin_index())


def seed_domains(apps, schema_editor):
    PollutionDomain = apps.get_model("ledger", "PollutionDomain")
    for position, (code, name) in enumerate(DOMAINS):
        PollutionDomain.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]
    operations = [
        migrations.RunPython(search_up, search_down),
        migrations.RunPython(seed_domains, migrations.RunPython.noop),
    ]
