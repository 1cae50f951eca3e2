from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "ducha.progress"
    label = "progress"
    verbose_name = _("进展报告")

    def ready(self):
        from ducha.ledger import panels as ledger_panels

        from . import actions  # noqa: F401 - registers the audit event codes
        from .panels import render_task_panel

        ledger_panels.register("progress-reports", page=ledger_panels.TASK, column=ledger_panels.MAIN, order=10,
                               render=render_task_panel)
