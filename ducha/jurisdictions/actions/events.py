"""Account and sign-in audit event codes and their Chinese names (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

for code, label in [
    ("user.create", _("新建用户")), ("user.change", _("修改用户")), ("user.delete", _("删除用户")),
    ("user.password", _("修改密码")), ("token.create", _("签发 API 令牌")), ("token.revoke", _("吊销 API 令牌")),
    ("login.success", _("登录")), ("login.lockout", _("登录锁定")), ("login.unlock", _("解除登录锁定")),
    ("unit.create", _("新建单位")), ("unit.update", _("修改单位")),
]:
    events.register(code, label)
