"""The states of a sign-off application and the declared transitions between them.

草稿 (→ 待配合单位确认) → 待资料审核 ⇄ 已退回 → 待现场核查 → 待签字 → 待公示 → 公示中 → 已销号;
验收不通过 from any review step, or from 公示中 when an objection is upheld.

Each transition here has the same name as the task's transition in ducha.ledger.workflow that it goes
with, and the same rule of who may take it (asked of the application's task): taking one takes the
other, in one transaction (ducha.signoff.actions). The confirmations of co-units are the application's own
step (the task does not move). The guard registered on each task transition is this table: the task may
take "pass_review" only while its open application is in a source state of "pass_review" here.
"""

from django.utils.translation import gettext_lazy as _

from ducha.core.workflow import Transition, Workflow
from ducha.ledger import workflow as ledger

from .models import ApplicationState

A = ApplicationState


def _on_task(rule):
    return lambda user, application, facts=None: rule(user, application.task, facts)


def is_co_unit(user, application, facts=None) -> bool:
    """An officer of one of the task's responsible units other than the lead unit."""
    task = application.task
    return bool(ledger.is_responsible_unit(user, task, facts) and user.unit_id != task.lead_unit_id)


REVIEWING = frozenset({A.SUBMITTED, A.REVIEWED, A.CHECKED, A.SIGNED})

APPLICATION_WORKFLOW = Workflow("state", [
    Transition("ask_confirmation", _("请配合单位确认"), frozenset({A.DRAFT}), A.CONFIRMING,
               _on_task(ledger.is_lead_unit), help=_("方案要求配合单位先确认各自承担的部分。")),
    Transition("confirm", _("配合单位确认"), frozenset({A.CONFIRMING}), A.CONFIRMING, is_co_unit,
               help=_("配合单位确认本单位承担部分已完成。")),
    Transition("apply", _("提交验收申请"), frozenset({A.DRAFT, A.CONFIRMING}), A.SUBMITTED,
               _on_task(ledger.is_lead_unit)),
    Transition("resubmit", _("重新提交申请"), frozenset({A.RETURNED}), A.SUBMITTED, _on_task(ledger.is_lead_unit)),
    Transition("return_application", _("退回申请"), frozenset({A.SUBMITTED}), A.RETURNED,
               _on_task(ledger.is_reviewer), requires=("reason",)),
    Transition("pass_review", _("资料审核通过"), frozenset({A.SUBMITTED}), A.REVIEWED, _on_task(ledger.is_reviewer)),
    Transition("onsite_check", _("现场核查"), frozenset({A.REVIEWED}), A.CHECKED, _on_task(ledger.is_reviewer)),
    Transition("waive_onsite", _("免于现场核查"), frozenset({A.REVIEWED}), A.CHECKED, _on_task(ledger.is_reviewer),
               requires=("reason",)),
    Transition("sign", _("审核签字"), frozenset({A.CHECKED}), A.SIGNED, _on_task(ledger.is_reviewer)),
    Transition("fail_acceptance", _("验收不通过"), REVIEWING, A.FAILED, _on_task(ledger.is_reviewer),
               requires=("reason",)),
    Transition("publish", _("公示"), frozenset({A.SIGNED}), A.IN_NOTICE, _on_task(ledger.is_office)),
    Transition("uphold_objection", _("异议成立，退回整改"), frozenset({A.IN_NOTICE}), A.FAILED,
               _on_task(ledger.is_office), requires=("reason",)),
    Transition("sign_off", _("验收销号"), frozenset({A.IN_NOTICE}), A.SIGNED_OFF, _on_task(ledger.is_office)),
])
