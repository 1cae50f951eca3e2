"""The suspects app's audit event codes (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

from ..workflow import SUSPECT_WORKFLOW

events.register("suspect.detect", _("检测疑似纸面销号"))
for transition in SUSPECT_WORKFLOW.transitions:
    events.register(f"suspect.{transition.name}", transition.label, update=False)
