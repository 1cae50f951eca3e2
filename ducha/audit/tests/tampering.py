"""Playing the database owner who tampers with the audit table behind the application's back."""

from django.db import connection

from ducha.audit import guard
from ducha.audit.chain import CURRENT
from ducha.audit.verifying import hash_sql


def lift_guard():
    with connection.cursor() as cur:
        for sql in guard.lift_sql(connection.vendor):
            cur.execute(sql)


def restore_guard():
    with connection.cursor() as cur:
        for sql in guard.trigger_sql(connection.vendor):
            cur.execute(sql)


def as_owner(sql, params=()):
    """Run `sql` with the guard lifted, then put the guard back as it was."""
    lift_guard()
    try:
        with connection.cursor() as cur:
            cur.execute(sql, params)
    finally:
        restore_guard()


def rehash_from(first_id):
    """Recompute every hash and link from `first_id` on, as a forger with the table (not the key) would,
    so the chain is consistent in itself again. The guard must be lifted."""
    with connection.cursor() as cur:
        cur.execute("SELECT hash FROM audit_auditentry WHERE id = %s", [first_id - 1])
        found = cur.fetchone()
        prev = found[0] if found else "0" * 64
        cur.execute("SELECT id FROM audit_auditentry WHERE id >= %s ORDER BY id", [first_id])
        for (id_,) in cur.fetchall():
            cur.execute("UPDATE audit_auditentry SET prev_hash = %s WHERE id = %s", [prev, id_])
            recompute, params = hash_sql()
            cur.execute(f"SELECT scheme, {recompute} FROM audit_auditentry WHERE id = %s", [*params, id_])
            scheme, prev = cur.fetchone()
            assert scheme == CURRENT
            cur.execute("UPDATE audit_auditentry SET hash = %s WHERE id = %s", [prev, id_])
