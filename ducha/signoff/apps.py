from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignoffConfig(AppConfig):
    name = "ducha.signoff"
    label = "signoff"
    verbose_name = _("验收销号")

    def ready(self):
        from ducha.chronicle import sources
        from ducha.ledger import panels

        from . import actions  # noqa: F401 - registers the audit event codes and the transition guards
        from .api import handlers
        from .chronicle import acceptance_source
        from .views.panel import task_panel

        handlers.register()
        panels.register("signoff", page=panels.TASK, column=panels.MAIN, order=15, render=task_panel)
        sources.register(acceptance_source, name="signoff")
