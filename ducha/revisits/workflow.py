"""A revisit's states: 待开展 → 已完成 (the visit recorded, with its conclusion) or → 已取消 (with a reason).
Only the office over the task's division plans, records and cancels revisits."""

from django.utils.translation import gettext_lazy as _

from ducha.core.workflow import Transition, Workflow
from ducha.ledger.workflow import is_office

from .models import RevisitState

S = RevisitState


def office_of_task(user, revisit, facts=None) -> bool:
    return is_office(user, revisit.task)


REVISIT_WORKFLOW = Workflow("state", [
    Transition("record", _("记录回头看"), frozenset({S.PLANNED}), S.DONE, office_of_task,
               requires=("visited_on", "people", "findings", "conclusion"),
               help=_("记录日期、人员、发现情况和照片，结论为巩固或反弹；反弹将重新打开任务并移送问责。")),
    Transition("cancel", _("取消回头看"), frozenset({S.PLANNED}), S.CANCELLED, office_of_task,
               requires=("reason",), help=_("写明取消理由。")),
])
