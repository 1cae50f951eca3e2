"""The task's states and the declared transitions between them.

尚未启动 → 正在整改 → 完成整改（待验收） → 验收中 → 公示中 → 已销号. A unit's
完成整改 is its claim that the work is done; it counts as "完成但未申请验收"
until the lead unit applies. The acceptance steps (资料审核, 现场核查, 审核签字)
are self-transitions of 验收中 whose records live in ducha.signoff, which
guards them (`register_guard`) and takes their rich inputs
(`register_handler`). Only the office publishes, signs off after the
notice, and reopens a signed-off task, with a reason.

`who(user, task, facts)`: `facts` is a TaskFacts of the task's responsible
units; the actions build it once per batch.
"""

import contextlib
import contextvars
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

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


def is_reviewer(user, task, facts=None) -> bool:
    """The acceptance unit (验收单位) of the task, when it has one and it is not the unit that did the work,
    or else the office. The office may always review: it answers for the acceptance in its division."""
    if is_office(user, task, facts):
        return True
    return bool(user.role == Role.OFFICER and user.is_active and user.unit_id and task.acceptance_unit_id
                and user.unit_id == task.acceptance_unit_id and user.unit_id != task.lead_unit_id)


# Guards an upper app adds to a transition: guard(task) raises ValidationError naming what is missing
# (the sign-off app: "apply" needs a submitted application, "sign_off" a notice period that is over with
# every objection answered). A guard is part of the transition's rule: the buttons, the API and the
# actions all ask it.
GUARDS: dict[str, list] = {}


def register_guard(name, guard):
    GUARDS.setdefault(name, []).append(guard)


def guards_of(name):
    return GUARDS.get(name, ())


# Transitions whose inputs are richer than a reason or a note (an application with its self-check, an
# on-site check with its findings): the app that owns the records registers a handler
# handler(acting_user=, task=, data=, files=, version=), with the fields it requires and the page that
# takes the step (url(task)); the API's POST /api/tasks/{id}/transitions/{name}/ calls the handler instead
# of the plain transition, and the task page links to the page instead of showing a bare button.
@dataclass(frozen=True)
class Handler:
    handler: object
    fields: tuple = ()
    url: object = None
    # prepares(task) -> bool: the handler can write what the step's guards ask for from the same request
    # (an application's report and self-check) before taking it, so the step is offered while the guard
    # still fails on what is stored.
    prepares: object = None


HANDLERS: dict[str, Handler] = {}


def register_handler(name, handler, fields=(), url=None, prepares=None):
    HANDLERS[name] = Handler(handler, tuple(fields), url, prepares)


_handling = contextvars.ContextVar("ducha_handled_step", default=False)


@contextlib.contextmanager
def handling():
    """The owning app takes a handled transition (with its records): the only context that may."""
    token = _handling.set(True)
    try:
        yield
    finally:
        _handling.reset(token)


def check_handled(transition):
    """A handled transition taken without its handler would move the task and leave its records behind."""
    if transition.name in HANDLERS and not _handling.get():
        raise ValidationError({"transition": [_("“%(label)s”须在其办理页面填写后执行。") % {
            "label": transition.label}]})


def step_url(name, task):
    """The page that takes a handled transition, or "" for a plain one (a button on the task page)."""
    found = HANDLERS.get(name)
    return found.url(task) if found and found.url else ""


# 尚未启动 → 正在整改 → 完成整改（待验收, the unit's claim） → 验收中 (application, document review,
# on-site check, signature: steps within 验收中 are self-transitions) → 公示中 → 已销号 (→ 备案).
TASK_WORKFLOW = Workflow("state", [
    Transition("start", _("开始整改"), frozenset({S.NOT_STARTED}), S.IN_PROGRESS,
               _any(is_office, is_responsible_unit), help=_("任务进入“正在整改”。")),
    Transition("claim", _("申报完成整改"), frozenset({S.NOT_STARTED, S.IN_PROGRESS}), S.COMPLETED,
               _any(is_office, is_lead_unit),
               help=_("牵头单位申报已完成整改；这只是申报，须再提交验收申请。进度记为 100%。")),
    Transition("withdraw", _("撤回完成申报"), frozenset({S.COMPLETED}), S.IN_PROGRESS, is_lead_unit,
               help=_("牵头单位撤回自己的完成申报。")),
    Transition("return", _("退回完成申报"), frozenset({S.COMPLETED}), S.IN_PROGRESS, is_office,
               requires=("reason",), help=_("整改办认为尚未完成，须写明理由。")),
    Transition("apply", _("提交验收申请"), frozenset({S.COMPLETED}), S.ACCEPTING, is_lead_unit,
               help=_("牵头单位提交销号申请：完成情况报告、佐证材料和五项销号标准自查。")),
    Transition("resubmit", _("重新提交申请"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_lead_unit,
               help=_("按退回意见补充后重新提交验收申请。")),
    Transition("return_application", _("退回申请"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_reviewer,
               requires=("reason",), help=_("资料审核不通过，写明理由退回牵头单位补充。")),
    Transition("pass_review", _("资料审核通过"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_reviewer,
               help=_("资料审核通过，进入现场核查。")),
    Transition("onsite_check", _("现场核查"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_reviewer,
               help=_("记录现场核查的日期、人员、地点、逐项核查结论和照片。")),
    Transition("waive_onsite", _("免于现场核查"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_reviewer,
               requires=("reason",), help=_("写明无需现场核查的理由。")),
    Transition("sign", _("审核签字"), frozenset({S.ACCEPTING}), S.ACCEPTING, is_reviewer,
               help=_("验收人签署验收意见（谁验收、谁负责）。")),
    Transition("fail_acceptance", _("验收不通过"), frozenset({S.ACCEPTING}), S.IN_PROGRESS, is_reviewer,
               requires=("reason",), help=_("验收不通过，任务退回整改，须写明理由。")),
    Transition("publish", _("公示"), frozenset({S.ACCEPTING}), S.IN_NOTICE, is_office,
               help=_("在公开页面公示验收结果，公示期满且异议均已答复后方可销号。")),
    Transition("uphold_objection", _("异议成立，退回整改"), frozenset({S.IN_NOTICE}), S.IN_PROGRESS, is_office,
               requires=("reason",), help=_("公示期间的异议经核实成立，任务退回整改。")),
    Transition("sign_off", _("验收销号"), frozenset({S.IN_NOTICE}), S.SIGNED_OFF, is_office,
               help=_("公示期满、异议均已答复，确认销号。")),
    # An imported ledger's 已销号 row: the sign-off happened before the system and has no acceptance record
    # here. Office only, with a reason (the importer gives one); never a path for a live task's sign-off.
    Transition("record_signed_off", _("登记既往销号"), frozenset({S.COMPLETED}), S.SIGNED_OFF, is_office,
               requires=("reason",), help=_("导入的台账记为已销号：登记为系统启用前的销号，须写明依据。")),
    Transition("file", _("销号备案"), frozenset({S.SIGNED_OFF}), S.SIGNED_OFF, is_office,
               help=_("向上一级报送销号备案。")),
    Transition("reopen", _("重新打开"), frozenset({S.SIGNED_OFF}), S.IN_PROGRESS, is_office,
               requires=("reason",), help=_("已销号任务重新整改（如问题反弹），须写明理由。")),
])

# Inputs a transition accepts besides the required ones.
OPTIONAL_INPUTS = {"claim": ("completed_on", "note"), "sign_off": ("note",), "start": ("started_on", "note"),
                   "withdraw": ("note",), "apply": ("note",), "resubmit": ("note",), "pass_review": ("note",),
                   "onsite_check": ("note",), "sign": ("note",), "publish": ("note",), "file": ("note",)}

# The transitions that send a claimed (or signed-off) task back to rectification: the claim is refuted, so
# the task's figure falls back to what the units reported (ducha.ledger.actions.progress.figure_after_return)
# and its page says when and why it came back.
RETURNS = frozenset(t.name for t in TASK_WORKFLOW.transitions
                    if t.target == S.IN_PROGRESS and not t.sources & {S.NOT_STARTED, S.IN_PROGRESS})
