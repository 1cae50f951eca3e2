"""Every change to supervision records: named actions taking the acting user (see records.py)."""

from . import events  # noqa: F401 - registers the audit codes before any action records
from .letters import replace_letter_template
from .records import (
    DETAIL_FIELDS, available, close, create_supervision, draft_letter, escalate_overdue, flag_task, issue, lift,
    overdue_supervisions, reply, update_draft,
)

__all__ = ["DETAIL_FIELDS", "available", "close", "create_supervision", "draft_letter", "escalate_overdue",
           "flag_task", "issue", "lift", "overdue_supervisions", "replace_letter_template", "reply",
           "update_draft"]
