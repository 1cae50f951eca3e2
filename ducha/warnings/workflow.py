"""A warning's states: 待确认 → 已确认 (the office agrees with the system's colour) or → 已改定 (the office
decides another colour, with a reason). Decided warnings are history: they are not decided again; a
later month gets its own proposal."""

from django.utils.translation import gettext_lazy as _

from ducha.core.workflow import Transition, Workflow
from ducha.ledger.workflow import is_office

from .models import WarningState

S = WarningState


def office_of_task(user, warning, facts=None) -> bool:
    return is_office(user, warning.task)


WARNING_WORKFLOW = Workflow("state", [
    Transition("confirm", _("确认预警"), frozenset({S.PROPOSED}), S.CONFIRMED, office_of_task,
               help=_("按系统提议的颜色确认，通知牵头单位。")),
    Transition("override", _("改定预警"), frozenset({S.PROPOSED}), S.OVERRIDDEN, office_of_task,
               requires=("colour", "reason"), help=_("整改办评估后改为其他颜色，须写明理由。")),
])
