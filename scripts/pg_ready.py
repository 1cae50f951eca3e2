"""Exit 0 when the PostgreSQL server at DATABASE_URL answers, 1 otherwise."""

import os
import sys

import dj_database_url
import psycopg

cfg = dj_database_url.parse(os.environ["DATABASE_URL"])
try:
    psycopg.connect(
        host=cfg["HOST"] or None, port=cfg["PORT"] or None, user=cfg["USER"] or None,
        password=cfg["PASSWORD"] or None, dbname=cfg["NAME"], connect_timeout=3,
    ).close()
except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
    print(f"PostgreSQL not reachable: {exc}", file=sys.stderr)
    sys.exit(1)
