"""The database guard of the audit table: triggers that refuse UPDATE, DELETE and TRUNCATE, always.

There is no switch: no setting, session variable or connection-defined
function turns them off. Removing them is DDL, which only the table's owner
may run; in production the application connects as a role that does not own
the tables (see README, "Audit log"), so no application session can.

This module is the one copy of the guard's SQL: the migration installs it,
the test suite's flush lifts and re-installs it (as the owner), and
`ducha audit verify` compares what the database holds with it.
"""

import re

TABLE = "audit_auditentry"
REFUSAL = "audit log is append-only"

SQLITE_TRIGGERS = {
    "audit_auditentry_no_update":
        f"CREATE TRIGGER audit_auditentry_no_update BEFORE UPDATE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "audit_auditentry_no_delete":
        f"CREATE TRIGGER audit_auditentry_no_delete BEFORE DELETE ON {TABLE} "
        f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
}

PG_FUNCTION = "audit_auditentry_refuse"
PG_FUNCTION_BODY = f" BEGIN RAISE EXCEPTION '{REFUSAL}'; END "
PG_FUNCTION_SQL = (f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $${PG_FUNCTION_BODY}$$")
# As pg_get_triggerdef() prints them, without the schema; ENABLE ALWAYS so that
# session_replication_role = replica does not skip them either.
PG_TRIGGERS = {
    "audit_auditentry_no_change":
        f"CREATE TRIGGER audit_auditentry_no_change BEFORE DELETE OR UPDATE ON {TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()",
    # TRUNCATE bypasses row triggers.
    "audit_auditentry_no_truncate":
        f"CREATE TRIGGER audit_auditentry_no_truncate BEFORE TRUNCATE ON {TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()",
}


def trigger_sql(vendor) -> list[str]:
    """Create the triggers (the function, on PostgreSQL, must exist)."""
    if vendor == "sqlite":
        return list(SQLITE_TRIGGERS.values())
    if vendor == "postgresql":
        return [*PG_TRIGGERS.values(), *(f"ALTER TABLE {TABLE} ENABLE ALWAYS TRIGGER {name}" for name in PG_TRIGGERS)]
    return []


def install_sql(vendor) -> list[str]:
    return ([PG_FUNCTION_SQL] if vendor == "postgresql" else []) + trigger_sql(vendor)


def lift_sql(vendor) -> list[str]:
    """Drop the triggers (not the function; trigger_sql puts them back): for the test suite's flush, and
    for tests that play the table's owner tampering with it."""
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {TABLE}" for name in PG_TRIGGERS]
    return []


def remove_sql(vendor) -> list[str]:
    sql = lift_sql(vendor)
    if vendor == "postgresql":
        sql.append(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
    return sql


def _norm(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").lower()


def problems(connection) -> list[str]:
    """What is wrong with the guard in this database, in Chinese and English; [] when intact."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [TABLE])
            found = {name: (sql, "") for name, sql in cursor.fetchall()}
            expected, extra = SQLITE_TRIGGERS, {}
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT t.tgname, pg_get_triggerdef(t.oid), t.tgenabled, p.proname, p.prosrc "
                "FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgrelid = %s::regclass AND NOT t.tgisinternal", [TABLE])
            found, extra = {}, {}
            for name, definition, enabled, function, source in cursor.fetchall():
                found[name] = (re.sub(r"\bON \S+\." + TABLE + r"\b", "ON " + TABLE, definition), enabled)
                extra[name] = (function, source)
            expected = PG_TRIGGERS
        else:
            return []
    out = []
    for name, sql in expected.items():
        if name not in found:
            out.append(f"保护触发器 {name} 已被删除 / guard trigger {name} is missing")
            continue
        definition, enabled = found[name]
        if _norm(definition) != _norm(sql):
            out.append(f"保护触发器 {name} 已被修改 / guard trigger {name} was altered: {definition}")
        if connection.vendor == "postgresql":
            if enabled != "A":
                out.append(f"保护触发器 {name} 未处于始终启用状态 / guard trigger {name} is not ENABLE ALWAYS "
                           f"(tgenabled={enabled})")
            function, source = extra[name]
            if function != PG_FUNCTION or _norm(source) != _norm(PG_FUNCTION_BODY):
                out.append(f"保护函数 {function}() 已被修改 / guard function {function}() was altered")
    for name in sorted(set(found) - set(expected)):
        out.append(f"审计表上有未知触发器 {name} / unexpected trigger {name} on the audit table")
    return out
