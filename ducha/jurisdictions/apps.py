from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JurisdictionsConfig(AppConfig):
    name = "ducha.jurisdictions"
    label = "jurisdictions"
    verbose_name = _("区划、单位与用户")

    def ready(self):
        from . import signals  # noqa: F401  (connects the sign-in receivers)
        from .actions import events  # noqa: F401  (the audit event codes of the account actions)
