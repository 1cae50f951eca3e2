from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "ducha.ledger"
    label = "ledger"
    verbose_name = "整改台账"

    def ready(self):
        from ducha.core import jobs

        from .actions import events  # noqa: F401 - the audit event codes of the ledger's actions
        from .actions import reindex

        reindex.connect()

        jobs.register("清理未完成的台账导入文件", "ducha.ledger.importing.uploads.cleanup_abandoned_uploads",
                      "30 3 * * *")
        jobs.register("更新序时进度", "ducha.ledger.actions.schedule.refresh_all", "10 1 * * *")
