"""A round's states and the declared transitions between them: 进行中 → 已结束, and back by the office."""

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.core.workflow import Transition, Workflow

from .models import RoundState as S


def may_open(user) -> bool:
    """Opening rounds is the office's (coordinators, admins); where, the action decides by division."""
    return scoping.role_allows(user, scoping.ADD) and (user.is_admin or user.role == Role.COORDINATOR)


def may_export(user, round_) -> bool:
    """The whole round's table: the office and those who read the division (supervisors, leaders); an
    officer sees only their own obligations."""
    return scoping.can(user, scoping.VIEW, round_) and user.role != Role.OFFICER


def is_office(user, round_, facts=None) -> bool:
    """The office over the round's division (coordinators there and above; admins)."""
    return scoping.can_in_division(user, scoping.CHANGE, round_.division)


ROUND_WORKFLOW = Workflow("state", [
    Transition("close", _("结束调度"), frozenset({S.OPEN}), S.CLOSED, is_office,
               help=_("结束后不再计入新的报告：未报的单位记为漏报。")),
    Transition("reopen", _("重新开启"), frozenset({S.CLOSED}), S.OPEN, is_office, requires=("reason",),
               help=_("重新开启后，结束期间提交的报告也计入本轮。")),
])
