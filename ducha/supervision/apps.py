from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "ducha.supervision"
    label = "supervision"
    verbose_name = _("督办")

    def ready(self):
        from ducha.core import jobs
        from ducha.ledger import panels
        from ducha.notifications import todo

        from . import actions  # noqa: F401 - registers the audit event codes
        from .views.panel import task_panel
        from .todo import flags_raised, replies_owed

        panels.register("supervision", page=panels.TASK, column=panels.SIDE, order=20, render=task_panel)
        todo.register_section("replies_owed", _("回复督办"), 40)
        todo.register_section("flags_raised", _("我提出的督导标记"), 60, in_digest=False)
        todo.register("supervision.replies_owed", replies_owed)
        todo.register("supervision.flags_raised", flags_raised)
        jobs.register("督办回复逾期升级", "ducha.supervision.actions.escalate_overdue", "15 7 * * *")
