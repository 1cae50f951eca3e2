from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ducha.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from . import events  # noqa: F401  (registers the legacy event codes)
