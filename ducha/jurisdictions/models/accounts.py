"""API tokens and failed sign-ins as the admin shows them: proxies of the
django-rest-knox and django-axes models, named in Chinese, with their own
admin pages (ducha.jurisdictions.admin) whose deletions are audited."""

from axes.models import AccessAttempt
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken


class ApiToken(AuthToken):
    class Meta:
        proxy = True
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self):
        return f"{self.digest[:16]} ({self.user})"


class FailedLogin(AccessAttempt):
    class Meta:
        proxy = True
        verbose_name = _("登录失败记录")
        verbose_name_plural = _("登录失败记录")

    def __str__(self):
        return f"{self.username} @ {self.ip_address}"
