"""Maintenance mode for the audit table's database guard.

The guard triggers refuse DELETE/TRUNCATE on the audit table unless the
connection says it is in maintenance mode. Only the test suite turns it on
(its database flush between tests deletes every table); production never does.
"""

from django.conf import settings


def maintenance_enabled() -> bool:
    return bool(getattr(settings, "DUCHA_AUDIT_MAINTENANCE", False))


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "ducha_audit_maintenance", 0, lambda: 1 if maintenance_enabled() else 0, deterministic=False
        )
    elif connection.vendor == "postgresql" and maintenance_enabled():
        with connection.cursor() as cur:
            cur.execute("SET ducha.audit_maintenance = 'on'")
