"""The accountability app's audit event codes (registered with ducha.audit.events)."""

from django.utils.translation import gettext_lazy as _

from ducha.audit import events

events.register("referral.open", _("移送问责"))
