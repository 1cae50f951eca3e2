from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ducha.cases"
    label = "cases"
    verbose_name = _("信访件")

    def ready(self):
        from . import actions  # noqa: F401 - registers the audit event codes
