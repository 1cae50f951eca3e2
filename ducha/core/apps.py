from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "ducha.core"
    label = "core"
    verbose_name = "核心"

    def ready(self):
        from . import jobs, lookups  # noqa: F401 -- lookups registers `field__under`

        # The audit log sits below core and imports nothing of it: its periodic checkpoint is declared here.
        jobs.register("审计日志检查点", "ducha.audit.checkpoints.run_checkpoint", "7 * * * *")
        post_migrate.connect(jobs.install_schedules, dispatch_uid="ducha-job-schedules")
