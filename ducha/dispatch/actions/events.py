"""The dispatch app's audit event codes and their Chinese names."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

for code, label in [
    ("round.open", _("发起调度")), ("round.close", _("结束调度")), ("round.reopen", _("重新开启调度")),
    ("round.remind", _("提醒未报单位")), ("round_schedule.create", _("新建定期调度")),
    ("round_schedule.change", _("修改定期调度")),
]:
    events.register(code, label)
