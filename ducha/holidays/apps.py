from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HolidaysConfig(AppConfig):
    name = "ducha.holidays"
    label = "holidays"
    verbose_name = _("节假日安排")

    def ready(self):
        from . import actions  # noqa: F401 - registers the audit event codes
