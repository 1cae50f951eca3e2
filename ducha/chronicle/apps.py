from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChronicleConfig(AppConfig):
    name = "ducha.chronicle"
    label = "chronicle"
    verbose_name = _("大事记")

    def ready(self):
        from ducha.ledger import panels

        from . import actions, sources  # noqa: F401 - audit codes; the built-in event sources
        from .views import plan_panel, task_panel

        panels.register("chronicle", page=panels.TASK, column=panels.MAIN, order=80, render=task_panel)
        panels.register("chronicle", page=panels.PLAN, column=panels.MAIN, order=80, render=plan_panel)
