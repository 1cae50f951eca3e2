"""Full-text search over cases (as over tasks, ducha.ledger.search): an FTS5 table on SQLite, a stored
tsvector column with a GIN index on PostgreSQL (invisible to the model; only ducha.cases.search reads it).
Seeds the case types (污染类型) with the local names that map onto them."""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE cases_case_fts USING fts5(
         search_text, content='cases_case', content_rowid='id', tokenize='unicode61')""",
    """CREATE TRIGGER cases_case_fts_ai AFTER INSERT ON cases_case BEGIN
         INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
    """CREATE TRIGGER cases_case_fts_ad AFTER DELETE ON cases_case BEGIN
         INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text); END""",
    """CREATE TRIGGER cases_case_fts_au AFTER UPDATE OF search_text ON cases_case BEGIN
         INSERT INTO cases_case_fts(cases_case_fts, rowid, search_text)
         VALUES ('delete', old.id, old.search_text);
         INSERT INTO cases_case_fts(rowid, search_text) VALUES (new.id, new.search_text); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS cases_case_fts_ai",
    "DROP TRIGGER IF EXISTS cases_case_fts_ad",
    "DROP TRIGGER IF EXISTS cases_case_fts_au",
    "DROP TABLE IF EXISTS cases_case_fts",
]
PG_UP = [
    """ALTER TABLE cases_case ADD COLUMN search_vector tsvector
         GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED""",
    "CREATE INDEX cases_case_search_vector_gin ON cases_case USING gin (search_vector)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS cases_case_search_vector_gin",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_vector",
]

# (code, name, aliases): the national list and the local names seen in published tables.
TYPES = [
    ("air", "大气", "大气污染、废气、扬尘、油烟、餐饮油烟、餐饮污染、异味、臭气、恶臭、烟尘、粉尘、焚烧、秸秆焚烧、VOCs"),
    ("water", "水", "水污染、废水、污水、黑臭水体、饮用水、地下水、畜禽养殖污染、养殖污染"),
    ("noise", "噪声", "噪声污染、噪音、施工噪声"),
    ("soil", "土壤", "土壤污染"),
    ("waste", "固废", "固体废物、固废污染、垃圾、生活垃圾、建筑垃圾、危险废物、危废、工业固废"),
    ("ecology", "生态", "生态破坏、非法采砂、采矿、毁林、占用林地、自然保护区、矿山"),
    ("radiation", "辐射", "电磁辐射、核辐射"),
    ("marine", "海洋", "海洋污染、海水"),
    ("other", "其他", "工业企业污染、其它"),
]


def search_up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_UP, "postgresql": PG_UP}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def restore_search_triggers(apps, schema_editor):
    """SQLite rebuilds cases_case when a column with a default is added, dropping the full-text triggers:
    every later migration that changes cases_case runs this after its schema operations (see 0004)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for sql in SQLITE_DOWN[:3] + SQLITE_UP[1:]:
        schema_editor.execute(sql)
    schema_editor.execute("INSERT INTO cases_case_fts(cases_case_fts) VALUES ('rebuild')")


def search_down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def seed_types(apps, schema_editor):
    CaseType = apps.get_model("cases", "CaseType")
    for order, (code, name, aliases) in enumerate(TYPES):
        CaseType.objects.update_or_create(code=code, defaults={
            "name": name, "aliases": aliases.replace("、", "\n"), "order": order, "is_fallback": code == "other"})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [
        migrations.RunPython(search_up, search_down),
        migrations.RunPython(seed_types, migrations.RunPython.noop),
    ]
