"""The warnings app's audit event codes (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

from ..workflow import WARNING_WORKFLOW

for code, label in [
    ("warning.propose", _("生成月度预警提议")), ("warning.external_event", _("登记外部事件")),
    ("warning.rules", _("修改预警规则")),
]:
    events.register(code, label)
for transition in WARNING_WORKFLOW.transitions:
    events.register(f"warning.{transition.name}", transition.label, update=False)
