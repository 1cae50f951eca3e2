from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "ducha.evidence"
    label = "evidence"
    verbose_name = _("佐证材料")

    def ready(self):
        from ducha.core import jobs

        jobs.register("清理未被引用的佐证文件", "ducha.evidence.cleanup.remove_orphans", "40 3 * * *",
                      formerly=["evidence-orphan-cleanup"])
