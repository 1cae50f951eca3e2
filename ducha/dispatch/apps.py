from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "ducha.dispatch"
    label = "dispatch"
    verbose_name = _("调度")

    def ready(self):
        from django.db.models.signals import post_save

        from ducha.chronicle import sources as chronicle_sources
        from ducha.core import jobs
        from ducha.ledger.actions.schedule import register_round_facts
        from ducha.ledger import panels as ledger_panels
        from ducha.notifications import todo
        from ducha.progress.models import ProgressReport

        from . import panels
        from .actions import events  # noqa: F401 - registers the audit event codes
        from .actions.rounds import report_filed
        from .chronicle import round_source
        from .facts import round_facts
        from .todo import owed_count, reports_owed, reports_owed_url

        ledger_panels.register("dispatch.rounds", page=ledger_panels.PLAN, column=ledger_panels.MAIN, order=40,
                               render=panels.plan_rounds)
        ledger_panels.register("dispatch.obligations", page=ledger_panels.TASK, column=ledger_panels.SIDE,
                               order=40, render=panels.task_obligations)
        todo.register_section("reports_owed", _("应报进展"), order=10, in_digest=True, count=owed_count,
                              more_url=reports_owed_url)
        todo.register("dispatch.reports_owed", reports_owed)
        # The progress app sits below this one and cannot call it: a filed report reaches the rounds that
        # asked for it through post_save, inside the report's own transaction.
        post_save.connect(report_filed, sender=ProgressReport, dispatch_uid="dispatch.note_report")
        register_round_facts(round_facts)
        chronicle_sources.register(round_source)
        jobs.register("按计划开启调度轮次", "ducha.dispatch.actions.open_scheduled_rounds", "5 0 * * *",
                      formerly=["dispatch.open_scheduled_rounds"])
