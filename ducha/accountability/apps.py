from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    name = "ducha.accountability"
    label = "accountability"
    verbose_name = _("问责")

    def ready(self):
        from .actions import events  # noqa: F401 - the audit event codes of the accountability app
