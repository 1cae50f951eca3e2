from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "ducha.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from .guard import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="ducha-audit-guard")
