from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "ducha.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self):
        from ducha.core import jobs

        jobs.register("每日待办摘要", "ducha.notifications.digest.daily_job", "0 7 * * *")
        jobs.register("清理已读通知", "ducha.notifications.actions.prune_read", "40 3 * * *")
