"""Suite-wide set-up.

pytest-django configures Django before this file is read, so settings are
changed here directly rather than through the environment.
"""

import atexit
import itertools
import os
import shutil
import tempfile

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in browser tests

# Fast hashing: every test world creates a user per role.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
settings.DUCHA_AUDIT_KEY = "test-suite-audit-checkpoint-key"
_CHECKPOINTS = tempfile.mkdtemp(prefix="ducha-audit-checkpoints-")
atexit.register(shutil.rmtree, _CHECKPOINTS, ignore_errors=True)  # the run's checkpoint files go with it
_CHECKPOINT_NUMBERS = itertools.count()


def _flush_lifting_the_audit_guard():
    """The flush between transactional tests must empty the append-only audit table, which its triggers
    refuse whatever the session says. So, in the test session only, the flush drops the triggers, empties
    the tables and re-creates them, in the flush's transaction: DDL the test database's owner may run, with
    the same SQL the migration uses (ducha.audit.guard). Production has no such path."""
    from django.db import connections

    from ducha.audit import guard

    for ops in {type(connection.ops) for connection in connections.all()}:
        original = ops.sql_flush
        if getattr(original, "lifts_audit_guard", False):
            continue

        def sql_flush(self, style, tables, *args, _original=original, **kwargs):
            statements = _original(self, style, tables, *args, **kwargs)
            if guard.TABLE not in tables:
                return statements
            vendor = self.connection.vendor
            return [*guard.lift_sql(vendor), *statements, *guard.trigger_sql(vendor)]

        sql_flush.lifts_audit_guard = True
        ops.sql_flush = sql_flush


@pytest.fixture(scope="session", autouse=True)
def _audit_guard_lifted_by_flush():
    _flush_lifting_the_audit_guard()


@pytest.fixture(autouse=True)
def _audit_checkpoint_file(settings):
    """Each test starts with no checkpoints (its database starts empty too)."""
    settings.DUCHA_AUDIT_CHECKPOINT_FILE = os.path.join(_CHECKPOINTS, f"{next(_CHECKPOINT_NUMBERS)}.jsonl")
