"""Inserting many plain rows fast, for rows whose ids are already known or never read back.

Model.objects.bulk_create compiles SQL for every value of every row, which for
the tens of thousands of rows of one ledger import (task units, domains, audit
entries) is most of the import's time. Here each value goes through its
field's get_db_prep_save (so dates, JSON and foreign keys are stored exactly as
the ORM stores them) and the rows go out in as few statements as the database
allows: one executemany on SQLite (in-process, prepared once), COPY on
PostgreSQL (one statement however many rows; Django's client-side binding
makes an INSERT with thousands of parameters slow).
No signals are sent and no pre_save runs: callers pass final values.
"""

from django.db import connection


def insert_rows(model, field_names, rows):
    """INSERT `rows` (tuples in the order of `field_names`) into `model`'s table."""
    rows = list(rows)
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    prepared = [tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row)) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)
