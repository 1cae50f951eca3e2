"""Inserting many plain rows fast, for rows whose ids are already known or never read back.

Model.objects.bulk_create compiles SQL for every value of every row, which for
the tens of thousands of rows of one ledger import (task units, domains, audit
entries) is most of the import's time. Here each value goes through its
field's get_db_prep_save (so dates, JSON and foreign keys are stored exactly as
the ORM stores them) and the rows go out in as few statements as the database
allows: multi-row INSERTs of a few hundred rows on SQLite, COPY on
PostgreSQL (one statement however many rows; Django's client-side binding
makes an INSERT with thousands of parameters slow).
No signals are sent and no pre_save runs: callers pass final values.
"""

import datetime as dt
import functools
import operator
import sqlite3

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Field classes whose get_db_prep_save hands back a value of this exact type unchanged, on every backend
# (exact classes: a subclass may convert).
_PLAIN = {models.AutoField: int, models.BigAutoField: int, models.SmallAutoField: int, models.IntegerField: int,
          models.BigIntegerField: int, models.SmallIntegerField: int, models.PositiveIntegerField: int,
          models.PositiveSmallIntegerField: int, models.PositiveBigIntegerField: int, models.CharField: str,
          models.TextField: str, models.SlugField: str}


def _preparer(field, connection):
    prepare = field.get_db_prep_save
    target = field.target_field if type(field) is models.ForeignKey else field
    kind = _PLAIN.get(type(target))
    if kind is not None:
        return lambda value: value if value is None or type(value) is kind else prepare(value, connection)
    # Dates and aware datetimes (and None) go straight to the backend's adapter, as get_db_prep_save
    # would send them after checks that pass for these exact types; anything else takes the full path.
    if type(target) is models.DateField:
        adapt = connection.ops.adapt_datefield_value
        return lambda value: adapt(value) if value is None or type(value) is dt.date else prepare(value, connection)
    if type(target) is models.DateTimeField:
        adapt = connection.ops.adapt_datetimefield_value
        return lambda value: (adapt(value) if value is None or (type(value) is dt.datetime and value.tzinfo is not None)
                              else prepare(value, connection))
    if type(target) is models.BooleanField:
        return lambda value: value if type(value) is bool else prepare(value, connection)
    return lambda value: prepare(value, connection)


# Rows per INSERT statement on SQLite (and never more bound parameters than the library allows).
SQLITE_ROWS = 500


def _sqlite_insert(cursor, connection, table, columns, width, prepared):
    """Multi-row INSERTs rather than executemany's statement per row: an FTS5 table kept by a trigger
    (ledger_task's) flushes its pending index at the end of every statement, so 10,900 tasks inserted row
    by row wrote 10,900 index segments (1.6 s; in statements of 500 rows 0.35 s)."""
    try:
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    except AttributeError:  # Python < 3.11
        limit = connection.features.max_query_params
    per = max(1, min(SQLITE_ROWS, limit // width))
    one = "(" + ", ".join(["%s"] * width) + ")"
    full = f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * per)
    for start in range(0, len(prepared), per):
        batch = prepared[start:start + per]
        sql = full if len(batch) == per else f"INSERT INTO {table} ({columns}) VALUES " + ", ".join([one] * len(batch))
        cursor.execute(sql, [value for row in batch for value in row])


def insert_rows(model, field_names, rows, raw=()):
    """INSERT `rows` (tuples in the order of `field_names`) into `model`'s table. Values of the fields
    named in `raw` are already in the database's form (JSON as text, say) and go in as given."""
    rows = list(rows)
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]  # resolved once: the `connection` proxy costs per access
    fields = [model._meta.get_field(name) for name in field_names]
    preparers = [(lambda value: value) if f.name in raw else _preparer(f, connection) for f in fields]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    prepared = [tuple(prepare(v) for prepare, v in zip(preparers, row)) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            _sqlite_insert(cursor, connection, table, columns, len(fields), prepared)


def _ids_known_first(connection):
    """May ids be chosen before the INSERT (PostgreSQL, or SQLite inside an IMMEDIATE transaction)?"""
    immediate = connection.vendor == "sqlite" and connection.in_atomic_block and (
        connection.settings_dict.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE")
    return connection.vendor == "postgresql" or immediate


def _new_ids(model, count, connection):
    opts = model._meta
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                           [opts.db_table, opts.pk.column, count])
            return [row[0] for row in cursor.fetchall()]
        table, column = connection.ops.quote_name(opts.db_table), connection.ops.quote_name(opts.pk.column)
        cursor.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}")
        high = cursor.fetchone()[0]
        # AUTOINCREMENT never reuses an id: past the highest ever handed out, not only the highest left.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [opts.db_table])
        row = cursor.fetchone()
        start = max(high, row[0] if row else 0) + 1
        return list(range(start, start + count))


def create_objects(objects):
    """Model.objects.bulk_create for unsaved objects of one model, ids set on return.

    The ids are chosen first and the rows go out through insert_rows (bulk_create compiles SQL for every
    value of every row: seconds at ten thousand tasks). On PostgreSQL the ids come from the table's own
    sequence (safe alongside other writers); on SQLite from the table's high-water mark, which is safe
    because ducha's SQLite transactions are IMMEDIATE: the writer holds the database's write lock from
    BEGIN on. Outside a transaction (or on another database) this is plain bulk_create.
    """
    objects = list(objects)
    if not objects:
        return objects
    model = type(objects[0])
    connection = connections[DEFAULT_DB_ALIAS]
    if not _ids_known_first(connection):
        return model.objects.bulk_create(objects)
    opts = model._meta
    for obj in objects:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # a parent saved since assignment
    for obj, pk in zip(objects, _new_ids(model, len(objects), connection)):
        obj.pk = pk
    fields = opts.concrete_fields
    # pre_save as bulk_create runs it: auto_now / auto_now_add fields get their value here. A field class
    # that does not override Field.pre_save only reads the attribute: read it directly.
    readers = [operator.attrgetter(f.attname) if type(f).pre_save is models.Field.pre_save
               else functools.partial(f.pre_save, add=True) for f in fields]
    insert_rows(model, [f.attname for f in fields], [tuple(read(obj) for read in readers) for obj in objects])
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def create_rows(model, rows):
    """Insert plain rows (dicts of field attnames to final values) as create_objects
    inserts model instances made from them, without making the instances (for thousands of rows of a model
    with sixty fields, building them cost as much as writing them). A field left out gets its default,
    an auto_now / auto_now_add field the time now. Returns the new ids, in the order of the rows."""
    rows = list(rows)
    if not rows:
        return []
    connection = connections[DEFAULT_DB_ALIAS]
    if not _ids_known_first(connection):
        return [obj.pk for obj in model.objects.bulk_create([model(**row) for row in rows])]
    opts = model._meta
    now = timezone.now()
    fields = [f for f in opts.concrete_fields if not f.primary_key]
    # auto_now / auto_now_add fields are now in every row (as pre_save sets them, given or not).
    auto = {f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)}
    names = [f.attname for f in fields if f.attname not in auto]
    defaults = [f.get_default() for f in fields if f.attname not in auto]
    ids = _new_ids(model, len(rows), connection)
    insert_rows(model, [opts.pk.attname, *auto, *names],
                [(pk, *[now] * len(auto), *[row.get(name, default) for name, default in zip(names, defaults)])
                 for pk, row in zip(ids, rows)])
    return ids


SMALL_BATCH = 20


def update_rows(model, field_names, rows):
    """UPDATE many rows by primary key: `rows` are (pk, value, …) tuples, values in the order of
    `field_names`. QuerySet.bulk_update builds a CASE expression per field over every row of a batch,
    which at thousands of rows takes longer than the rest of an import together."""
    rows = list(rows)
    if not rows:
        return
    connection = connections[DEFAULT_DB_ALIAS]
    opts = model._meta
    fields = [opts.get_field(name) for name in field_names]
    preparers = [_preparer(f, connection) for f in [opts.pk, *fields]]
    prepared = [tuple(prepare(v) for prepare, v in zip(preparers, row)) for row in rows]
    quote = connection.ops.quote_name
    table, pk = quote(opts.db_table), quote(opts.pk.column)
    with connection.cursor() as cursor:
        # SQLite, and a handful of rows on PostgreSQL (one action: the scratch table's four round trips
        # would cost more than the rows): plain UPDATEs by primary key.
        if connection.vendor != "postgresql" or len(prepared) <= SMALL_BATCH:
            assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk} = %s",
                               [row[1:] + row[:1] for row in prepared])
            return
        # PostgreSQL: COPY the new values into a scratch table, then one UPDATE … FROM it.
        scratch = quote(f"bulk_update_{opts.db_table}")
        columns = ", ".join([pk] + [quote(f.column) for f in fields])
        cursor.execute(f"CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS "
                       f"SELECT {columns} FROM {table} WITH NO DATA")
        with cursor.cursor.copy(f"COPY {scratch} ({columns}) FROM STDIN") as copy:
            for row in prepared:
                copy.write_row(row)
        assignments = ", ".join(f"{quote(f.column)} = s.{quote(f.column)}" for f in fields)
        cursor.execute(f"UPDATE {table} SET {assignments} FROM {scratch} s WHERE {table}.{pk} = s.{pk}")
        cursor.execute(f"DROP TABLE {scratch}")
