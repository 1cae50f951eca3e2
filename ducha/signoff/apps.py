from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignoffConfig(AppConfig):
    name = "ducha.signoff"
    label = "signoff"
    verbose_name = _("验收销号")

    def ready(self):
        from ducha.chronicle import sources
        from ducha.ledger import panels, periodic
        from ducha.notifications import todo

        from . import actions, objection_todo, public_site  # noqa: F401 - registers the audit event codes and the transition guards
        from .api import handlers
        from . import longterm, longterm_todo
        from . import todo as signoff_todo
        from .chronicle import acceptance_source
        from .views.panel import task_panel

        handlers.register()
        periodic.register(longterm)
        # The lead unit applies, the acceptance unit (officers too) reviews, the office publishes and signs off.
        todo.register_section(signoff_todo.SECTION, _("验收销号"), order=35, in_digest=True,
                              roles=todo.OFFICERS | todo.OFFICE,
                              count=signoff_todo.count_owed, more_url=signoff_todo.owed_url)
        todo.register("signoff.acceptance", signoff_todo.acceptance_owed)
        public_site.register()
        objection_todo.register()
        longterm_todo.register()
        panels.register("signoff", page=panels.TASK, column=panels.MAIN, order=15, render=task_panel)
        sources.register(acceptance_source, name="signoff")
