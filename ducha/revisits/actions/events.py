"""The revisits app's audit event codes (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

from ..workflow import REVISIT_WORKFLOW

events.register("revisit.plan", _("安排回头看"))
events.register("revisit.schedule", _("设置回头看周期"), update=True)
for transition in REVISIT_WORKFLOW.transitions:
    events.register(f"revisit.{transition.name}", transition.label, update=False)
