"""The case's state (办结状态) through its declared transitions (ducha.cases.workflow).

阶段性办结 creates a linked ledger task through the ledger's own create action (its permissions, rules
and audit): the case becomes a problem of kind 转办信访问题 of the inspection, and the task joins the
inspection's plan (CaseSetup.plan, else the plan of the inspection over the case's division) with the case's
lead and co-units and the given deadline. From then on the task follows progress, warnings and sign-off
like any other, and the case shows its state.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.actions import date_input
from ducha.ledger import actions as ledger
from ducha.ledger.models import Category, Plan, PollutionDomain, Problem

DOMAIN_OF = {"waste": "solid_waste"}

from ..models import Case, CaseSetup
from ..workflow import CASE_WORKFLOW
from .common import load, save, text

EVENTS = {"stage": "cases.stage", "close": "cases.close", "reopen": "cases.reopen"}


def available(user, case):
    if not scoping.can(user, scoping.VIEW, case):
        return []
    return CASE_WORKFLOW.available(user, case)


def _plan_for(case):
    setup = CaseSetup.objects.filter(inspection=case.inspection).select_related("plan").first()
    if setup is not None and setup.plan_id:
        return setup.plan
    division = case.division or case.inspection.division
    codes = [c for c in division.path.split("/") if c]
    plans = Plan.objects.filter(inspection=case.inspection, division__code__in=codes, voided_at__isnull=True)
    return plans.order_by("-division__level", "-issued_on", "-id").first()


def _task_number(case):
    base = case.number or f"{case.batch.number}-{case.serial or case.row or case.pk}"
    return f"XF-{base}"[:32]


def _create_task(acting_user, case, deadline, measures):
    plan = _plan_for(case)
    if plan is None:
        raise ValidationError({"deadline": [_("该督察没有可加入的整改方案，请先在信访件设置中指定整改方案。")]})
    if case.lead_unit_id is None:
        raise ValidationError({"lead_unit": [_("信访件尚未分办，不能转为整改任务。")]})
    problem = ledger.create_problem(acting_user=acting_user, inspection=case.inspection, kind=Problem.Kind.COMPLAINT,
                                    code=(case.number or "")[:32], description=case.summary,
                                    division=case.division or plan.division)
    units = [case.lead_unit] + [u for u in case.co_units.all() if u.pk != case.lead_unit_id]
    # The case's pollution types are the task's domains (固废 is "waste" here, "solid_waste" there).
    codes = {DOMAIN_OF.get(code, code) for code in case.types.values_list("code", flat=True)}
    return ledger.create_task(
        acting_user=acting_user, plan=plan, units=units, domains=PollutionDomain.objects.filter(code__in=codes),
        division=case.division, number=_task_number(case),
        problem=problem, target=case.rectification_goal or _("完成信访件反映问题的整改"),
        measures=measures or case.handling, deadline=deadline, category=Category.BY_DEADLINE)


def take(*, acting_user, case, name, version=None, reason="", deadline=None, measures="") -> Case:
    """Take the named transition (stage / close / reopen) on the case."""
    transition = CASE_WORKFLOW.get(name)
    if transition is None:
        raise ValidationError({"state": [_("未知的操作“%(n)s”。") % {"n": name}]})
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.VIEW, version)
        if acting_user is not None and not transition.who(acting_user, case):
            raise PermissionDenied(_("当前用户无权对该信访件执行“%(a)s”。") % {"a": transition.label})
        if case.state not in transition.sources:
            raise ValidationError({"state": [_("该信访件当前为“%(s)s”，不能%(a)s。") % {
                "s": case.get_state_display(), "a": transition.label}]})
        if name == "stage":
            deadline = date_input(deadline, "deadline", label=_("整改时限"))
            if deadline is None or deadline <= timezone.localdate():
                raise ValidationError({"deadline": [_("请填写晚于今天的整改时限。")]})
            case.task = _create_task(acting_user, case, deadline, text(measures, "measures", _("整改措施")))
            case.needs_rectification = True
        if name == "reopen":
            case.review_note = text(reason, "reason", _("重新办理理由"), required=True, limit=2000)
        if name == "close":
            case.closed_on = timezone.localdate()
        CASE_WORKFLOW.apply(transition, case)
        save(acting_user, case, before, EVENTS[name])
    return case
