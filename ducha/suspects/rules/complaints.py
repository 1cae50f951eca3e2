"""A sign-off followed within months by a complaint case at the same place: a new case that repeats
(cited number or near-identical text at the same place, ducha.cases.repeats) an earlier case whose task
was signed off, transferred within `rebound_months` after that sign-off. A repeat the office dismissed
does not count."""

from django.utils.translation import gettext as _

from ducha.cases.models import RepeatLink, RepeatStatus
from ducha.revisits.actions import add_months

from . import Finding
from .common import item, signed_off_on, task_ids


def complaint_soon(tasks, options):
    ids = task_ids(tasks)
    signed = signed_off_on(ids)
    links = (RepeatLink.objects.filter(earlier__task_id__in=list(signed))
             .exclude(status=RepeatStatus.DISMISSED)
             .select_related("case", "earlier", "earlier__task", "earlier__task__lead_unit"))
    for link in links:
        task, case = link.earlier.task, link.case
        day = signed[task.pk]
        if not day <= case.transferred_on <= add_months(day, options.rebound_months):
            continue
        yield Finding(
            rule="complaint_soon", key=f"complaint_soon:{task.pk}:{case.pk}", task_id=task.pk,
            reason=_("销号（%(signed)s）后 %(months)s 个月内又收到同一地点的信访件 %(number)s（%(day)s 转办）。") % {
                "signed": day, "months": options.rebound_months, "number": case.number or case.number_raw,
                "day": case.transferred_on},
            evidence=[item(task, _("销号"), date=day),
                      item(task, _("信访件 %(n)s") % {"n": case.number or case.number_raw},
                           text=case.summary, date=case.transferred_on)])
