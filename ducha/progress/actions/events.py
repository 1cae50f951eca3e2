"""The progress app's audit event codes (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

events.register("report.file", _("填报整改进展"))
events.register("report.correct", _("更正整改进展"))
