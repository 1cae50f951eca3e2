from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignoffConfig(AppConfig):
    name = "ducha.signoff"
    label = "signoff"
    verbose_name = _("验收销号")

    def ready(self):
        from . import actions  # noqa: F401 - registers the audit event codes and the transition guards
