from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "ducha.progress"
    label = "progress"
    verbose_name = _("进展报告")

    def ready(self):
        from ducha.ledger import panels as ledger_panels
        from ducha.ledger.actions.progress import register_reported_source

        from . import actions  # noqa: F401 - registers the audit event codes
        from .actions.reports import lead_figure_below_full
        from .panels import render_task_panel

        register_reported_source(lead_figure_below_full)

        ledger_panels.register("progress-reports", page=ledger_panels.TASK, column=ledger_panels.MAIN, order=10,
                               render=render_task_panel)
