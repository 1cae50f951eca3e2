"""The task's states and the declared transitions between them.

尚未启动 → 正在整改 → 完成整改（待验收） → 已销号. A unit's 完成整改 is its claim
that the work is done, awaiting acceptance; only the rectification office
signs off, and only the office reopens a signed-off task, with a reason.
The acceptance workflow (资料审核, 现场核查, 公示…) will add its own steps
to this table.

`who(user, task, facts)`: `facts` is a TaskFacts of the task's responsible
units; the actions build it once per batch.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.core.workflow import Transition, Workflow

from .models import TaskState

S = TaskState


@dataclass
class TaskFacts:
    """What the rules ask about a task besides its own fields: its responsible unit ids, lead first."""

    unit_ids: list = field(default_factory=list)


def is_office(user, task, facts=None) -> bool:
    """The rectification office over the task's division (coordinators there and above; admins)."""
    return scoping.can_in_division(user, scoping.ADD, task.division)


def is_lead_unit(user, task, facts=None) -> bool:
    return bool(user.role == Role.OFFICER and user.unit_id and user.unit_id == task.lead_unit_id
                and user.is_active)


def is_responsible_unit(user, task, facts=None) -> bool:
    if user.role != Role.OFFICER or not user.unit_id or not user.is_active:
        return False
    unit_ids = facts.unit_ids if facts is not None else list(
        task.task_units.values_list("unit_id", flat=True))
    return user.unit_id in unit_ids


def _any(*rules):
    return lambda user, task, facts=None: any(rule(user, task, facts) for rule in rules)


TASK_WORKFLOW = Workflow("state", [
    Transition("start", _("开始整改"), frozenset({S.NOT_STARTED}), S.IN_PROGRESS,
               _any(is_office, is_responsible_unit), help=_("任务进入“正在整改”。")),
    Transition("claim", _("申报完成整改"), frozenset({S.NOT_STARTED, S.IN_PROGRESS}), S.COMPLETED,
               _any(is_office, is_lead_unit),
               help=_("牵头单位申报已完成整改，等待验收；进度记为 100%。")),
    Transition("withdraw", _("撤回完成申报"), frozenset({S.COMPLETED}), S.IN_PROGRESS, is_lead_unit,
               help=_("牵头单位撤回自己的完成申报。")),
    Transition("return", _("退回完成申报"), frozenset({S.COMPLETED}), S.IN_PROGRESS, is_office,
               requires=("reason",), help=_("整改办认为尚未完成，须写明理由。")),
    Transition("sign_off", _("验收销号"), frozenset({S.COMPLETED}), S.SIGNED_OFF, is_office,
               help=_("整改办确认验收通过并销号。")),
    Transition("reopen", _("重新打开"), frozenset({S.SIGNED_OFF}), S.IN_PROGRESS, is_office,
               requires=("reason",), help=_("已销号任务重新整改（如问题反弹），须写明理由。")),
])

# Inputs a transition accepts besides the required ones.
OPTIONAL_INPUTS = {"claim": ("completed_on", "note"), "sign_off": ("note",), "start": ("started_on", "note"),
                   "withdraw": ("note",)}
