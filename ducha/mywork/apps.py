from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyworkConfig(AppConfig):
    name = "ducha.mywork"
    label = "mywork"
    verbose_name = _("我的待办")

    def ready(self):
        from . import ledger_todo

        ledger_todo.register()
