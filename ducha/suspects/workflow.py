"""A suspect's states: 待核实 → 已排除 (dismissed, with a reason) or → 已转复核 (sent to review, optionally
referred for accountability). Only the office over the task's division decides."""

from django.utils.translation import gettext_lazy as _

from ducha.core.workflow import Transition, Workflow
from ducha.ledger.workflow import is_office

from .models import SuspectState

S = SuspectState


def office_of_task(user, suspect, facts=None) -> bool:
    return is_office(user, suspect.task)


SUSPECT_WORKFLOW = Workflow("state", [
    Transition("dismiss", _("排除疑点"), frozenset({S.OPEN}), S.DISMISSED, office_of_task, requires=("reason",),
               help=_("核实后不属于纸面销号，写明理由。")),
    Transition("review", _("转复核"), frozenset({S.OPEN}), S.REVIEW, office_of_task, requires=("reason",),
               help=_("转入复核；可同时移送问责。")),
])
