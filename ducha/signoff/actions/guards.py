"""The rules the sign-off records add to the task's transitions (registered with ducha.ledger.workflow):
a task moves only as far as its application has gone. Asked by the buttons, the API and the actions."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.ledger import workflow as ledger

from ..models import OPEN_STATES, Application, ApplicationState, Notice, Objection, Standard
from ..workflow import APPLICATION_WORKFLOW
from .policy import policy_for


def current_application(task, stage=None):
    """The running application for the whole task (stage None) or for one stage of a staged task, or None.
    Only whole-task applications move the task's state."""
    return (Application.objects.filter(task=task, stage=stage, state__in=OPEN_STATES)
            .order_by("-id").first())


def missing_fields(application) -> dict[str, str]:
    """What an application still lacks before it can be submitted: {input name: the words of its field}."""
    missing = {}
    if not application.report.strip():
        missing["report"] = _("完成情况报告")
    answered = {c.standard for c in application.self_checks.all() if c.text.strip()}
    missing |= {f"self_check_{s.value}": str(s.label) for s in Standard if s.value not in answered}
    return missing



def unconfirmed_units(application) -> list:
    """Co-units that have not confirmed, when the plan asks them to confirm first."""
    if not policy_for(application.task.plan).co_units_confirm_first:
        return []
    confirmed = set(application.confirmations.values_list("unit_id", flat=True))
    return [tu.unit for tu in application.task.task_units.select_related("unit").order_by("position")
            if tu.unit_id != application.task.lead_unit_id and tu.unit_id not in confirmed]


def _step_guard(name):
    def guard(task):
        check_application(current_application(task), name)
    return guard


def check_application(application, name):
    """May the application take step `name` now (besides who takes it)? ValidationError naming what not."""
    step = APPLICATION_WORKFLOW.get(name)
    if application is None:
        raise ValidationError({"application": [_("尚未填写验收申请。")]})
    task = application.task
    if application.state not in step.sources:
        raise ValidationError({"application": [_("验收申请处于“%(state)s”，不能执行“%(step)s”。") % {
            "state": ApplicationState(application.state).label, "step": step.label}]})
    if name in ("apply", "resubmit"):
        check_complete(application)
    if name == "sign_off":
        check_notice_over(application)
    if name == "waive_onsite" and policy_for(task.plan).onsite_required:
        raise ValidationError({"reason": [_("本方案要求现场核查，不能免于核查。")]})
    if name == "uphold_objection" and not Objection.objects.filter(
            notice__application=application, answer="upheld").exists():
        raise ValidationError({"objection": [_("没有经核实成立的异议。")]})


def check_complete(application):
    missing = missing_fields(application)
    if missing:
        # The whole list above the form, and each missing input marked where it is (a draft may be partial).
        raise ValidationError({"application": [_("验收申请缺少：%(parts)s。") % {"parts": "、".join(missing.values())}]}
                              | {name: [_("提交申请前须填写此项。")] for name in missing})
    units = unconfirmed_units(application)
    if units:
        raise ValidationError({"confirmations": [_("配合单位尚未确认：%(units)s。") % {
            "units": "、".join(u.name for u in units)}]})


def check_notice_over(application, today=None):
    """Sign-off waits for the end of the notice period and for an answer to every objection."""
    today = today or timezone.localdate()
    notice = Notice.objects.filter(application=application).first()
    if notice is None:
        raise ValidationError({"notice": [_("尚未公示。")]})
    if today <= notice.ends_on:
        raise ValidationError({"notice": [_("公示期至 %(end)s 结束，期满后方可销号。") % {"end": notice.ends_on}]})
    open_ = notice.objections.filter(answer__isnull=True).count()
    if open_:
        raise ValidationError({"objection": [_("还有 %(n)s 件异议未答复。") % {"n": open_}]})


def _filing_guard(task):
    if not Application.objects.filter(task=task, stage__isnull=True, state=ApplicationState.SIGNED_OFF).exists():
        raise ValidationError({"application": [_("没有已销号的验收申请可备案。")]})


def register():
    for name in ("apply", "resubmit", "return_application", "pass_review", "onsite_check", "waive_onsite", "sign",
                 "fail_acceptance", "publish", "uphold_objection", "sign_off"):
        ledger.register_guard(name, _step_guard(name))
    ledger.register_guard("file", _filing_guard)
