from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WarningsConfig(AppConfig):
    name = "ducha.warnings"
    label = "warnings"
    verbose_name = _("预警")

    def ready(self):
        from ducha.core import jobs
        from ducha.ledger import panels as ledger_panels
        from ducha.notifications import todo as todos

        from ducha.chronicle import sources as chronicle_sources

        from . import panels, todo
        from .chronicle import warning_source
        from .actions import events  # noqa: F401 - the audit event codes of the warnings app

        # Day 1 of each month proposes for the month; idempotent (undecided proposals are refreshed only).
        jobs.register("生成月度预警提议", "ducha.warnings.actions.propose_this_month", "30 2 1 * *")
        ledger_panels.register("schedule", page=ledger_panels.TASK, column=ledger_panels.SIDE, order=20,
                               render=panels.schedule_panel)
        ledger_panels.register("warnings", page=ledger_panels.TASK, column=ledger_panels.SIDE, order=25,
                               render=panels.warnings_panel)
        todos.register_section("warnings", _("预警"), order=40)
        todos.register("warnings", todo.items)
        chronicle_sources.register(warning_source)
