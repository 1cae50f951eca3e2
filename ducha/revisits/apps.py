from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RevisitsConfig(AppConfig):
    name = "ducha.revisits"
    label = "revisits"
    verbose_name = _("回头看")

    def ready(self):
        from ducha.chronicle import sources as chronicle_sources
        from ducha.core import jobs
        from ducha.ledger import panels as ledger_panels
        from ducha.notifications import todo as todos

        from . import panels, todo
        from .actions import events  # noqa: F401 - the audit event codes of the revisits app
        from .chronicle import revisit_source

        # Plans the scheduled revisits falling due within the next 30 days; idempotent.
        jobs.register("安排到期回头看", "ducha.revisits.actions.create_due_revisits", "40 2 * * *")
        ledger_panels.register("revisits", page=ledger_panels.TASK, column=ledger_panels.SIDE, order=40,
                               render=panels.revisits_panel)
        todos.register_section("revisits", _("回头看"), order=55, roles=todos.OFFICE)
        todos.register("revisits", todo.items)
        chronicle_sources.register(revisit_source)
        # A confirmed repeat of a case whose task was signed off: revisit that task.
        from ducha.cases.models import RepeatLink
        from ducha.cases.signals import rebound_confirmed

        from .complaints import plan_for_rebound

        rebound_confirmed.connect(plan_for_rebound, sender=RepeatLink, dispatch_uid="revisits.rebound")
