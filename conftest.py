"""Suite-wide set-up.

pytest-django configures Django before this file is read, so settings are
changed here directly rather than through the environment.
"""

import os

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop in browser tests

# Fast hashing: every test world creates a user per role.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The database flush between transactional tests must be able to empty the
# append-only audit table (see ducha.audit.guard); production never does this.
settings.DUCHA_AUDIT_MAINTENANCE = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Put the PostgreSQL test database itself in audit maintenance mode, so
    every connection (test client threads, live servers) may flush it."""
    from django.db import connections

    with django_db_blocker.unblock():
        for conn in connections.all():
            if conn.vendor != "postgresql":
                continue
            with conn.cursor() as cur:
                name = conn.settings_dict["NAME"].replace('"', '""')
                cur.execute(f"ALTER DATABASE \"{name}\" SET ducha.audit_maintenance = 'on'")
                cur.execute("SET ducha.audit_maintenance = 'on'")
