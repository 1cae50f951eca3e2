"""The daily history of scheduled progress: per plan and day, how many tasks were in each state.

Per-plan counts rather than per-task rows: at 100,000 tasks a per-task row on every change would be
written by the thousands each day (the expected figure moves daily, states flip at tolerance
boundaries), while trend charts and bulletins ask for counts ("37项达到序时进度，7项未达到"). A plan has
at most six rows a day: a few hundred plans give some 200,000 small rows a year. A task's own
history is its audit trail and its progress reports.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet

from .tasks import ScheduleState


class ScheduleCount(models.Model):
    plan = models.ForeignKey("ledger.Plan", on_delete=models.CASCADE, related_name="schedule_counts",
                             verbose_name=_("整改方案"))
    day = models.DateField(_("日期"))
    state = models.CharField(_("序时进度"), max_length=16, choices=ScheduleState.choices)
    count = models.PositiveIntegerField(_("任务数"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "day", "state"]
        constraints = [models.UniqueConstraint(fields=["plan", "day", "state"], name="schedulecount_unique")]
        indexes = [models.Index(fields=["day", "plan"])]
        verbose_name = _("序时进度日统计")
        verbose_name_plural = _("序时进度日统计")

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "plan__division")
