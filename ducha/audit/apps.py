from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "ducha.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import events  # noqa: F401  (registers the legacy event codes)
        from .models import read_json_as_text
        from .verifying import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="ducha.audit.sqlite_functions")
        connection_created.connect(read_json_as_text, dispatch_uid="ducha.audit.json_as_text")
