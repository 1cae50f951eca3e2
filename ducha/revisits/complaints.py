"""A complaint case that repeats one whose task was signed off names the same site again: once a
coordinator confirms the repeat, the task gets a revisit (回头看, kind 信访件引发) — unless one is already
planned, or the task is no longer signed off (then there is nothing to revisit)."""

import logging

from django.core.exceptions import ValidationError

from .actions import plan_revisit
from .models import RevisitKind

log = logging.getLogger(__name__)


def plan_for_rebound(sender, link, **kwargs):
    earlier, case = link.earlier, link.case
    if not earlier.task_id:
        return None
    reason = (f"信访件 {case.number or case.number_raw} 与已销号任务所涉信访件 {earlier.number or earlier.number_raw} "
              f"重复（{link.reason}），疑似问题反弹。")
    try:
        return plan_revisit(acting_user=None, task=earlier.task_id, kind=RevisitKind.COMPLAINT, reason=reason)
    except ValidationError as error:  # already planned, or reopened meanwhile
        log.info("no complaint revisit for task %s: %s", earlier.task_id, error.messages)
        return None
