"""Dispatch rounds (调度): the office asks every responsible unit of a set of tasks for a progress report
by a due moment, then sees who filed, who filed late (迟报) and who is missing (漏报).

A round's tasks and the units that owe a report (one Obligation per round, task and unit) are frozen when
the round opens: a task added to the plan later does not change who owed what in a past round.

Whether an obligation is met is computed from the progress reports themselves (the first report of that
unit on that task created inside the round's window), so the round page is right even if nobody told the
round about a report. `actions.note_report` stores the match on the obligation when a report is filed
(`report`, `filed_at`); the computation uses the stored match when there is one and looks it up
otherwise.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import DateTimeField, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change

# The end of an open round's window.
FOREVER = dt.datetime(9999, 12, 31, tzinfo=dt.timezone.utc)


class Kind(models.TextChoices):
    WEEKLY = "weekly", _("周调度")
    HALF_MONTHLY = "half_monthly", _("半月调度")
    MONTHLY = "monthly", _("月调度")
    AD_HOC = "ad_hoc", _("临时调度")


class RoundState(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class Status(models.TextChoices):
    FILED = "filed", _("按时报送")
    LATE = "late", _("迟报")
    MISSING = "missing", _("漏报")
    PENDING = "pending", _("待报")


def status_of(filed_at, due_at, now):
    """An obligation's status from the moment its report was filed (None: not yet)."""
    if filed_at is not None:
        return Status.FILED if filed_at <= due_at else Status.LATE
    return Status.MISSING if now > due_at else Status.PENDING


def _office_rule(user, action, field):
    from ducha.core import scoping
    from ducha.core.roles import Role

    prefix = scoping.division_prefix(user)
    if not prefix:
        return scoping.NONE
    if action != scoping.VIEW and user.role != Role.COORDINATOR:
        return scoping.NONE
    return Q(**{f"{field}__path__startswith": prefix})


class RoundSchedule(models.Model):
    """A repeating round: the daily job opens a round of this plan on each matching day, once."""

    plan = models.ForeignKey("ledger.Plan", on_delete=models.PROTECT, related_name="round_schedules",
                             verbose_name=_("整改方案"))
    kind = models.CharField(_("调度类型"), max_length=16, choices=Kind.choices)
    # Weekly: 0 = Monday … 6 = Sunday.
    weekday = models.PositiveSmallIntegerField(_("星期"), null=True, blank=True)
    # Monthly: that day; half-monthly: that day and 15 days later (1–13).
    day_of_month = models.PositiveSmallIntegerField(_("日期"), null=True, blank=True)
    due_after_days = models.PositiveSmallIntegerField(_("几天后截止"), default=3)
    active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        verbose_name = _("定期调度")
        verbose_name_plural = _("定期调度")

    def __str__(self):
        return f"{self.plan} {self.get_kind_display()}"

    @classmethod
    def scope_q(cls, user, action):
        return _office_rule(user, action, "plan__division")


def schedule_opens_on(kind, weekday, day_of_month, day: dt.date) -> bool:
    """Does a schedule of this kind open a round on `day`?"""
    if kind == Kind.WEEKLY:
        return weekday is not None and day.weekday() == weekday
    if kind == Kind.MONTHLY:
        return day_of_month is not None and day.day == day_of_month
    if kind == Kind.HALF_MONTHLY:
        return day_of_month is not None and day.day in (day_of_month, day_of_month + 15)
    return False


class RoundQuerySet(RestrictedQuerySet):
    def open(self):
        return self.filter(state=RoundState.OPEN)


class Round(models.Model):
    division = models.ForeignKey("jurisdictions.Division", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("所属区划"))
    # 第N次调度 within the division.
    number = models.PositiveIntegerField(_("轮次"))
    title = models.CharField(_("标题"), max_length=200)
    kind = models.CharField(_("调度类型"), max_length=16, choices=Kind.choices, default=Kind.AD_HOC)
    plan = models.ForeignKey("ledger.Plan", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="dispatch_rounds", verbose_name=_("整改方案"))
    # Frozen at opening.
    tasks = models.ManyToManyField("ledger.Task", related_name="dispatch_rounds", verbose_name=_("整改任务"))
    period_start = models.DateField(_("调度期起"), null=True, blank=True)
    period_end = models.DateField(_("调度期止"), null=True, blank=True)
    opened_at = models.DateTimeField(_("开始时间"))
    due_at = models.DateTimeField(_("报送截止"))
    # Changes only through ducha.dispatch.workflow.
    state = StateField(_("状态"), max_length=8, choices=RoundState.choices, default=RoundState.OPEN)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # Raised by every close and reopen: a page that read the round before may not act on it (a close from
    # a page opened before someone reopened the round would silently undo the reopening).
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("发起人"))
    # A round opened by a schedule, and the day it was opened for: never twice.
    schedule = models.ForeignKey(RoundSchedule, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="rounds")
    scheduled_on = models.DateField(null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["division", "number"], name="round_unique_number"),
            models.UniqueConstraint(fields=["schedule", "scheduled_on"], name="round_unique_schedule_day"),
        ]
        indexes = [models.Index(fields=["state", "due_at"]), models.Index(fields=["plan", "-opened_at"])]
        verbose_name = _("调度轮次")
        verbose_name_plural = _("调度轮次")

    def __str__(self):
        return self.title

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    @property
    def is_open(self):
        return self.state == RoundState.OPEN

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping
        from ducha.core.roles import Role

        if user.role == Role.OFFICER:
            if action != scoping.VIEW or not user.unit_id:
                return scoping.NONE
            return Q(pk__in=Obligation.objects.filter(scoping.unit_reach_q(user)).values("round_id"))
        return _office_rule(user, action, "division")


class ObligationQuerySet(RestrictedQuerySet):
    def with_filing(self, report=False):
        """Annotate `filed` (when the unit first reported on the task inside the round's window, or None)
        and, with `report`, `filed_report` (that report's id). The stored match wins; otherwise one indexed look-up per
        obligation on progress_report (task, unit, created_at)."""
        from ducha.progress.models import ProgressReport

        # Inside the window: from the opening to the closing (an open round: no end yet).
        window = ProgressReport.objects.filter(
            task_id=OuterRef("task_id"), unit_id=OuterRef("unit_id"), created_at__gte=OuterRef("round__opened_at"),
            created_at__lte=Coalesce(OuterRef("round__closed_at"), Value(FOREVER, output_field=DateTimeField())),
        ).order_by("created_at", "id")
        queryset = self.annotate(filed=Coalesce(F("filed_at"), Subquery(window.values("created_at")[:1])))
        if report:
            queryset = queryset.annotate(filed_report=Coalesce(F("report_id"), Subquery(window.values("id")[:1])))
        return queryset


class ObligationManager(models.Manager.from_queryset(ObligationQuerySet)):
    """A task voided (作废) after its round opened owes nothing: out of every list, count and reminder (and back
    when the task is restored). The rows stay. The rule is scoping's (`voided_with`); the manager applies it to
    the unrestricted reads too (reminders, the board, exports), not only to restrict()."""

    def get_queryset(self):
        from ducha.core import scoping

        return super().get_queryset().filter(scoping.live_q(self.model))


class Obligation(models.Model):
    """One unit owes one report on one task in one round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="obligations")
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("责任单位"))
    # The unit's first report on the task inside the round's window (stored by actions.note_report).
    report = models.ForeignKey("progress.ProgressReport", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    filed_at = models.DateTimeField(null=True, blank=True)
    # The task's place in ledger order (natural number order) when the round opened: the round page lists
    # its tasks in this order without joining the task table.
    position = models.PositiveIntegerField(default=0)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = ObligationManager()

    class Meta:
        ordering = ["round", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "task", "unit"], name="obligation_unique")]
        indexes = [models.Index(fields=["round", "position"]), models.Index(fields=["unit", "round"]),
                   models.Index(fields=["task", "unit"])]
        verbose_name = _("报送义务")
        verbose_name_plural = _("报送义务")

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping
        from ducha.core.roles import Role

        if action != scoping.VIEW:
            return scoping.NONE
        if user.role == Role.OFFICER:
            return scoping.unit_reach_q(user) if user.unit_id else scoping.NONE
        return _office_rule(user, action, "round__division")


class RoundReminder(models.Model):
    """One click of 提醒未报单位: who was reminded of how many obligations."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    sent_at = models.DateTimeField()
    units = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    obligations = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("催报记录")
        verbose_name_plural = _("催报记录")
