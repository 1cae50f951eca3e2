"""Playing the database owner who tampers with the audit table behind the application's back."""

from django.db import connection

from ducha.audit import guard
from ducha.audit.chain import CURRENT, hash_v2, payload_v2
from ducha.audit.verifying import rows_sql


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
    import orjson

    with connection.cursor() as cur:
        cur.execute(rows_sql(), [first_id - 1])
        rows = cur.fetchall()
        cur.execute("SELECT hash FROM audit_auditentry WHERE id = %s", [first_id - 1])
        found = cur.fetchone()
        prev = found[0] if found else "0" * 64
        for row in rows:
            (scheme, id_, ca, aid, an, ac, ot, oid, orp, b, a, rid, crid, ra, sp, _, _) = row
            assert scheme == CURRENT
            load = lambda text: None if text is None else orjson.loads(text)  # noqa: E731
            h = hash_v2(prev, payload_v2(id_, ca, aid, an, ac, ot, oid, orp, load(b), load(a), rid, crid, ra, sp))
            cur.execute("UPDATE audit_auditentry SET prev_hash = %s, hash = %s WHERE id = %s", [prev, h, id_])
            prev = h
