"""The ledger's audit event codes and their Chinese names (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

from ..workflow import TASK_WORKFLOW

for code, label in [
    ("task.create", _("新建整改任务")), ("task.update", _("修改整改任务")), ("task.flag", _("督导标记")),
    ("task.void", _("作废整改任务")), ("task.restore", _("恢复整改任务")),
    ("plan.create", _("新建整改方案")), ("plan.update", _("修改整改方案")), ("plan.void", _("作废整改方案")),
    ("plan.restore", _("恢复整改方案")), ("schedule.refresh", _("更新序时进度")),
    ("problem.create", _("登记问题")), ("problem.update", _("修改问题")),
    ("inspection.create", _("登记督察")), ("inspection.update", _("修改督察")),
]:
    events.register(code, label)
for transition in TASK_WORKFLOW.transitions:
    events.register(f"task.{transition.name}", transition.label, update=False)
