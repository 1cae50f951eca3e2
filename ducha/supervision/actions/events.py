"""The supervision app's audit event codes and their Chinese names."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

for code, label in [
    ("supervision.create", _("新建督办")), ("supervision.update", _("修改督办草稿")), ("supervision.flag", _("督导标记")),
    ("supervision.issue", _("下发督办")), ("supervision.reply", _("回复督办")),
    ("supervision.close", _("督办办结")), ("supervision.lift", _("挂牌督办摘牌")),
    ("supervision.escalate", _("督办回复逾期升级")), ("supervision.template", _("更换督办函模板")),
]:
    events.register(code, label)
