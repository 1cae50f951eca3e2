"""The states of a complaint case (办结状态) and the declared transitions between them.

正在办理 → 阶段性办结 (rectification takes longer: a ledger task is created) → 已办结; 正在办理 → 已办结 directly;
the coordinator may reopen a closed case (审核退回) back to 正在办理. Staging creates a ledger task, which only
the office may create: coordinators stage; units handling the case and coordinators close; coordinators reopen.
"""

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.core.workflow import Transition, Workflow

from .models import CaseState

S = CaseState


def is_handler(user, case, facts=None) -> bool:
    """May record handling: the lead unit's officers (and units above it), coordinators over the case."""
    return scoping.can(user, scoping.CHANGE, case)


def is_office(user, case, facts=None) -> bool:
    return bool(scoping.can(user, scoping.CHANGE, case) and (user.is_admin or user.role == Role.COORDINATOR))


CASE_WORKFLOW = Workflow("state", [
    Transition("stage", _("阶段性办结"), frozenset({S.HANDLING}), S.STAGED, is_office, requires=("deadline",),
               help=_("需较长时间整改：转为整改任务，按任务跟踪至销号。")),
    Transition("close", _("办结"), frozenset({S.HANDLING, S.STAGED}), S.DONE, is_handler,
               help=_("已办结：处理和整改情况已完成。")),
    Transition("reopen", _("重新办理"), frozenset({S.STAGED, S.DONE}), S.HANDLING, is_office, requires=("reason",),
               help=_("整改办退回，重新办理。")),
])
