"""Tasks (整改任务): one line of the ledger, with the five clarities."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change
from ducha.text.numbers import natural_key


class Category(models.TextChoices):
    IMMEDIATE = "immediate", _("立行立改")
    BY_DEADLINE = "by_deadline", _("限期整改")
    STAGED = "staged", _("分阶段")
    LONG_TERM = "long_term", _("长期坚持")


class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", _("尚未启动")
    IN_PROGRESS = "in_progress", _("正在整改")
    # The unit's claim that the work is done: not a sign-off ("完成但未申请验收" until it applies).
    COMPLETED = "completed", _("完成整改（待验收）")
    # The lead unit applied (提交申请): document review, on-site check and signature run in ducha.signoff.
    ACCEPTING = "accepting", _("验收中")
    # The signed acceptance opinion is on public notice (公示); objections are answered before sign-off.
    IN_NOTICE = "in_notice", _("公示中")
    SIGNED_OFF = "signed_off", _("已销号")


class ScheduleState(models.TextChoices):
    """Where a task stands against its scheduled progress (序时进度), as of `Task.schedule_as_of`.
    Computed by the pure rule in ducha.schedule; stored on the task so lists filter and sort by it."""

    NOT_STARTED = "not_started", _("尚未启动")
    BEHIND = "behind", _("未达到序时进度")
    ON_SCHEDULE = "on_schedule", _("达到序时进度")
    AHEAD = "ahead", _("超过序时进度")
    # Claimed, applied or in notice (the rule maps all three here): not the workflow state of the same key.
    COMPLETED = "completed", _("完成整改（验收销号中）")
    SIGNED_OFF = "signed_off", _("已销号")


class WarningColour(models.TextChoices):
    """A confirmed warning (预警): proposed by the system, confirmed or overridden by the office."""

    BLUE = "blue", _("蓝签")
    YELLOW = "yellow", _("黄牌")
    RED = "red", _("红灯")


# States in which a unit owes no more work: the task is not overdue. A claim
# (完成整改) is not a sign-off: "closed" counts and rates use SIGNED_OFF alone.
CLOSED_STATES = (TaskState.COMPLETED, TaskState.ACCEPTING, TaskState.IN_NOTICE, TaskState.SIGNED_OFF)
# The work is claimed done and under acceptance, not yet signed off.
ACCEPTANCE_STATES = (TaskState.COMPLETED, TaskState.ACCEPTING, TaskState.IN_NOTICE)
# Acceptance lags completion when a task claimed done this many days ago is still not signed off.
ACCEPTANCE_LAG_DAYS = 30
# Workflow order, for sorting by state.
STATE_ORDER = {state: rank for rank, state in enumerate(TaskState.values)}


class PollutionDomain(models.Model):
    code = models.SlugField(_("代码"), max_length=16, unique=True)
    name = models.CharField(_("名称"), max_length=16, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("污染领域")
        verbose_name_plural = _("污染领域")

    def __str__(self):
        return self.name

    @classmethod
    def by_name(cls):
        """Every domain under its name and its code, for reading ledgers."""
        domains = list(cls.objects.all())
        return {d.name: d for d in domains} | {d.code: d for d in domains}


class TaskQuerySet(RestrictedQuerySet):
    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(deadline__lt=today).exclude(state__in=CLOSED_STATES)


def task_title(problem_description, target, measures):
    """A task's short title: its problem's description, else its target, else its measures, cut at 40
    characters. Model rows (Task.title) and rows read as plain values (the list pages) both use it."""
    text = problem_description or target or measures
    return text if len(text) <= 40 else text[:40] + "…"


def display_number(number, plan_id, parent_number, parent_plan_id):
    """The 序号 a row shows: a county row under a city's task keeps the city's number, "8（上级序号9）"."""
    if parent_number is not None and parent_plan_id != plan_id:
        return _("%(number)s（上级序号%(parent)s）") % {"number": number, "parent": parent_number}
    return number


def is_overdue(deadline, state, today):
    """Past its deadline and not closed (完成整改 and 已销号 are not overdue)."""
    return bool(deadline and deadline < today and state not in CLOSED_STATES)


class Task(models.Model):
    plan = models.ForeignKey("ledger.Plan", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("整改方案"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级任务")
    )
    number = models.CharField(_("序号"), max_length=32)
    problem = models.ForeignKey(
        "ledger.Problem", null=True, blank=True, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("问题")
    )
    target = models.TextField(_("整改目标"), blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="tasks", verbose_name=_("所属区划")
    )
    lead_unit = models.ForeignKey(
        "jurisdictions.Unit", on_delete=models.PROTECT, related_name="led_tasks", verbose_name=_("牵头单位")
    )
    responsible_people = models.CharField(_("责任人"), max_length=255, blank=True)
    supervising_leader = models.CharField(_("督办领导"), max_length=128, blank=True)
    supervising_unit = models.ForeignKey(
        "jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("督导单位"),
    )
    acceptance_unit = models.ForeignKey(
        "jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("验收单位"),
    )
    deadline = models.DateField(_("整改时限"), null=True, blank=True)
    deadline_text = models.CharField(_("时限原文"), max_length=64, blank=True)
    category = models.CharField(_("整改类别"), max_length=16, choices=Category.choices, default=Category.BY_DEADLINE)
    domains = models.ManyToManyField(PollutionDomain, blank=True, related_name="tasks", verbose_name=_("污染领域"))
    # Changes only through the declared transitions of ducha.ledger.workflow.
    state = StateField(_("整改状态"), max_length=16, choices=TaskState.choices, default=TaskState.NOT_STARTED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    progress_note = models.TextField(_("完成情况"), blank=True)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    # When work began (the start transition, or a first progress report); scheduled progress counts from it.
    started_on = models.DateField(_("开始整改日期"), null=True, blank=True)
    # Scheduled progress (序时进度), written by the progress app's rule for a date (schedule_as_of).
    schedule_state = models.CharField(_("序时进度"), max_length=16, choices=ScheduleState.choices, blank=True,
                                      default="")
    expected_progress = models.PositiveSmallIntegerField(_("序时应完成（%）"), null=True, blank=True)
    schedule_as_of = models.DateField(_("序时进度计算日期"), null=True, blank=True)
    # What the ledger itself said (an imported 完成情况/状态 of 未达到/达到/超过序时进度), shown beside the
    # computed figure and written back on export; "" when the ledger said nothing about it.
    reported_schedule = models.CharField(_("台账填报序时进度"), max_length=16, choices=ScheduleState.choices,
                                         blank=True, default="")
    # The task's current confirmed warning colour (the warnings app keeps the history).
    warning = models.CharField(_("预警"), max_length=8, choices=WarningColour.choices, blank=True, default="")
    # Character bigrams of the searchable text (see ducha.text.search).
    search_text = models.TextField(blank=True, editable=False)
    # The number with its digit runs padded, so 2 sorts before 10 and 1.2 before 2 (ducha.text.numbers).
    sort_key = models.CharField(max_length=160, blank=True, editable=False)
    # Optimistic locking: every change bumps it; an edit made on an older version is refused.
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    voided_at = models.DateTimeField(_("作废时间"), null=True, blank=True, editable=False)
    void_reason = models.TextField(_("作废原因"), blank=True, editable=False)
    # Voided together with its plan (restored with it too).
    voided_with_plan = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="task_unique_number_in_plan")]
        indexes = [
            models.Index(fields=["deadline", "id"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["lead_unit", "state", "deadline"]),
            models.Index(fields=["division", "deadline"]),
            models.Index(fields=["category", "deadline"]),
            models.Index(fields=["sort_key", "id"]),
            # Live tasks by scheduled progress / warning colour, covering the list's count and page ids (voided_at
            # last so SQLite reads neither the wide row nor its overflow pages; BENCHMARKS.md, issue 8).
            models.Index(fields=["schedule_state", "deadline", "id", "voided_at"], name="task_live_schedule_idx",
                         condition=models.Q(voided_at__isnull=True)),
            models.Index(fields=["warning", "deadline", "id", "voided_at"], name="task_live_warning_idx",
                         condition=models.Q(voided_at__isnull=True)),
            # PostgreSQL's GIN index on the bigram tsvector is on its own table (migration 0008; SQLite uses an
            # FTS5 table instead).
        ]
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")

    def __str__(self):
        return f"{self.display_number} {self.title}"

    @property
    def title(self):
        return task_title(self.problem.description if self.problem_id else "", self.target, self.measures)

    @property
    def display_number(self):
        """County rows keep the city's number: "8（上级序号9）"."""
        if self.parent_id:
            return display_number(self.number, self.plan_id, self.parent.number, self.parent.plan_id)
        return self.number

    @property
    def is_overdue(self):
        return is_overdue(self.deadline, self.state, timezone.localdate())

    def save(self, *args, **kwargs):
        self.sort_key = natural_key(self.number)
        super().save(*args, **kwargs)

    def refresh_from_db(self, *args, **kwargs):
        # Reloading is not a state change by this process: let the stored state in.
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    @property
    def is_void(self):
        return self.voided_at is not None

    def ordered_units(self):
        return [tu.unit for tu in self.task_units.select_related("unit").order_by("position")]

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping
        from ducha.jurisdictions.models import Role

        if user.role == Role.OFFICER:
            if not user.unit_id:
                return scoping.NONE
            # A unit sees the tasks of its sub-units (a 分局 of its 局) and reports on its own.
            units = scoping.unit_reach_q(user) if action == scoping.VIEW else models.Q(unit_id=user.unit_id)
            responsible = TaskUnit.objects.filter(units).order_by().values("task_id")
            if action == scoping.VIEW:
                # The acceptance unit (验收单位) reads the tasks it accepts; what it may do is the workflow's rule.
                # One `pk IN (… UNION …)`: ORed with a column of the task table, neither database could use an
                # index and every officer list read all tasks (BENCHMARKS.md, 2026-12-01).
                accepted = cls.objects.filter(acceptance_unit_id=user.unit_id).order_by().values("pk")
                return models.Q(pk__in=responsible.union(accepted))
            return models.Q(pk__in=responsible)
        prefix = scoping.division_prefix(user)
        return models.Q(division__path__startswith=prefix) if prefix else scoping.NONE


class TaskUnit(models.Model):
    """Responsible units in the order the plan lists them: position 0 is the lead unit."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="task_units")
    position = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = _("任务责任单位")
        ordering = ["task", "position"]
        constraints = [
            models.UniqueConstraint(fields=["task", "unit"], name="taskunit_unique_unit"),
            models.UniqueConstraint(fields=["task", "position"], name="taskunit_unique_position"),
        ]
        indexes = [models.Index(fields=["unit", "task"])]


class TaskStage(models.Model):
    """Stage dates of a staged or long-term task."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("阶段"), max_length=128)
    due = models.DateField(_("阶段时限"))
    # The date a progress report said this stage was done (None: not reported done).
    done_on = models.DateField(_("阶段完成日期"), null=True, blank=True)

    class Meta:
        ordering = ["task", "position"]
        verbose_name = _("阶段")
        verbose_name_plural = _("阶段")
