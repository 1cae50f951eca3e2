"""A round's states and the declared transitions between them: 进行中 → 已结束, and back by the office."""

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.workflow import Transition, Workflow

from .models import RoundState as S


def is_office(user, round_, facts=None) -> bool:
    """The office over the round's division (coordinators there and above; admins)."""
    return scoping.can_in_division(user, scoping.CHANGE, round_.division)


ROUND_WORKFLOW = Workflow("state", [
    Transition("close", _("结束调度"), frozenset({S.OPEN}), S.CLOSED, is_office,
               help=_("结束后不再计入新的报告：未报的单位记为漏报。")),
    Transition("reopen", _("重新开启"), frozenset({S.CLOSED}), S.OPEN, is_office, requires=("reason",),
               help=_("重新开启后，结束期间提交的报告也计入本轮。")),
])
