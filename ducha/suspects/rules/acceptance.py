"""Rules on who accepted and how: acceptance by the unit that did the work; no on-site check."""

from django.utils.translation import gettext as _

from ducha.ledger.models import TaskState
from ducha.signoff.models import Application

from . import Finding
from .common import item

DECIDED = (TaskState.IN_NOTICE, TaskState.SIGNED_OFF)


def self_acceptance(tasks, options):
    rows = (Application.objects.filter(task__in=tasks.filter(state__in=DECIDED), signature__isnull=False)
            .select_related("task", "task__lead_unit", "signature", "signature__unit", "signature__signer"))
    for application in rows:
        task, signature = application.task, application.signature
        accepting_unit = signature.unit_id or signature.signer.unit_id
        if not accepting_unit or accepting_unit != task.lead_unit_id:
            continue
        yield Finding(rule="self_acceptance", key=f"self_acceptance:{application.pk}", task_id=task.pk,
                      reason=_("验收意见由牵头整改的单位（%(unit)s）自行签署。") % {"unit": task.lead_unit.name},
                      evidence=[item(task, _("验收意见"), text=f"{signature.signer_name}：{signature.opinion}",
                                     date=signature.signed_at.date())])


def no_onsite_check(tasks, options):
    rows = (Application.objects.filter(task__in=tasks.filter(state__in=DECIDED), signature__isnull=False)
            .select_related("task", "task__lead_unit", "onsite"))
    for application in rows:
        onsite = getattr(application, "onsite", None)
        if onsite is not None and onsite.needed and onsite.checked_on:
            continue
        why = onsite.not_needed_reason if onsite is not None and onsite.not_needed_reason else _("无现场核查记录")
        yield Finding(rule="no_onsite", key=f"no_onsite:{application.pk}", task_id=application.task_id,
                      reason=_("未经现场核查即验收：%(why)s") % {"why": why[:200]},
                      evidence=[item(application.task, _("完成情况报告"), text=application.report)])
