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
        from . import todo as supervision_todo

        panels.register("supervision", page=panels.TASK, column=panels.SIDE, order=20, render=task_panel)
        # The sections are declared by ducha.notifications.todo (labels, order, digest); add their counts and
        # full lists, keeping the rest as declared.
        for code, count, more in [("replies_owed", supervision_todo.count_owed, supervision_todo.owed_url),
                                  ("flags_raised", supervision_todo.count_raised, supervision_todo.raised_url)]:
            section = next(s for s in todo.sections() if s.code == code)
            todo.register_section(code, section.label, section.order, section.in_digest,
                                  digest_days=section.digest_days, count=count, more_url=more)
        todo.register("supervision.replies_owed", supervision_todo.replies_owed)
        todo.register("supervision.flags_raised", supervision_todo.flags_raised)
        jobs.register("督办回复逾期升级", "ducha.supervision.actions.escalate_overdue", "15 7 * * *")
