"""One filterset for the ledger: the HTML list, the REST API and exports all
filter through it, so a filter behaves the same everywhere."""

import datetime as dt

import django_filters as df
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter
from ducha.jurisdictions.models import Division, Unit

from .models import Category, Inspection, Plan, PollutionDomain, ScheduleState, Task, TaskState, WarningColour
from .models.tasks import ACCEPTANCE_LAG_DAYS, ACCEPTANCE_STATES, CLOSED_STATES, STATE_ORDER
from .search import search_tasks


def _visible(model):
    def queryset(request):
        if request is None:
            return model.objects.all()
        return model.objects.restrict(request.user)

    return queryset


# Sort orders of the coded columns: workflow order; scheduled progress from worst (未达到) to done;
# warnings from the gravest (red) to none.
RANKS = {
    "state": STATE_ORDER,
    "schedule_state": {state: rank for rank, state in enumerate(
        [ScheduleState.BEHIND, ScheduleState.NOT_STARTED, ScheduleState.ON_SCHEDULE, ScheduleState.AHEAD,
         ScheduleState.COMPLETED, ScheduleState.SIGNED_OFF, ""])},
    "warning": {WarningColour.RED: 0, WarningColour.YELLOW: 1, WarningColour.BLUE: 2, "": 3},
}


class TaskOrdering(df.OrderingFilter):
    """序号 in natural order (1, 1.2, 2, 10), states in workflow order, ties broken by id."""

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = param.lstrip("-")
        if name in RANKS:
            rank = Case(*[When(**{name: value}, then=Value(order)) for value, order in RANKS[name].items()],
                        output_field=IntegerField())
            return rank.desc() if descending else rank.asc()
        return super().get_ordering_value(param)

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        return qs.order_by(*qs.query.order_by, "id") if value else qs


class InFilter(df.MultipleChoiceFilter):
    """Several choices of one column as `column IN (…)`: django-filter ORs one `=` per choice, which
    PostgreSQL 15 cannot use as an index condition (it filters every entry of the index instead)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__in": sorted(set(value))})


# A supervisor's flag still awaiting its close (ducha.supervision: 待回复, 已回复).
OPEN_FLAG_STATES = ("open", "replied")
# A revisit's conclusion that the problem came back (ducha.revisits: 反弹).
REBOUND = "rebound"


class TaskFilterSet(BoundedFilterSet):
    q = df.CharFilter(label=_("搜索"), method="filter_q")
    inspection = df.ModelChoiceFilter(label=_("督察轮次"), field_name="plan__inspection",
                                      queryset=_visible(Inspection))
    plan = df.ModelChoiceFilter(label=_("整改方案"), queryset=_visible(Plan))
    plan_code = df.CharFilter(label=_("方案代码"), field_name="plan__code")
    division = df.ModelChoiceFilter(label=_("区划"), queryset=Division.objects.filter(level__lte=3),
                                    method="filter_division", to_field_name="code")
    unit = df.ModelChoiceFilter(label=_("责任单位"), queryset=Unit.objects.all(), method="filter_unit")
    lead_unit = df.ModelChoiceFilter(label=_("牵头单位"), queryset=Unit.objects.all())
    # distinct=False: plain columns need no DISTINCT (django-filter adds one by
    # default, which makes the database sort every matching row); IN, not ORs (InFilter).
    category = InFilter(label=_("整改类别"), choices=Category.choices, distinct=False)
    state = InFilter(label=_("整改状态"), choices=TaskState.choices, distinct=False)
    schedule_state = InFilter(label=_("序时进度"), choices=ScheduleState.choices, distinct=False)
    warning = InFilter(label=_("预警"), choices=WarningColour.choices, distinct=False)
    domain = df.ModelChoiceFilter(label=_("污染领域"), field_name="domains", queryset=PollutionDomain.objects.all(),
                                  to_field_name="code")
    deadline_after = df.DateFilter(label=_("时限起"), field_name="deadline", lookup_expr="gte")
    deadline_before = df.DateFilter(label=_("时限止"), field_name="deadline", lookup_expr="lte")
    overdue = df.BooleanFilter(label=_("已逾期"), method="filter_overdue")
    flagged = df.BooleanFilter(label=_("有未办结督导标记"), method="filter_flagged")
    # 完成整改 is the unit's claim; until it applies for acceptance it is "完成但未申请验收".
    not_applied = df.BooleanFilter(label=_("完成但未申请验收"), method="filter_not_applied")
    acceptance_lagging = df.BooleanFilter(label=_("验收滞后（完成超过30天未销号）"), method="filter_lagging")
    rebound = df.BooleanFilter(label=_("回头看发现反弹"), method="filter_rebound")
    top_level = df.BooleanFilter(label=_("仅一级任务"), field_name="parent", lookup_expr="isnull")
    parent = IdFilter(label=_("上级任务"), field_name="parent_id")
    ordering = TaskOrdering(
        label=_("排序"),
        fields=(("deadline", "deadline"), ("sort_key", "number"), ("updated_at", "updated_at"), ("state", "state"),
                ("progress", "progress"), ("schedule_state", "schedule_state"), ("warning", "warning"), ("id", "id")),
        field_labels={"deadline": _("整改时限"), "sort_key": _("序号"), "updated_at": _("更新时间"),
                      "state": _("整改状态"), "progress": _("进度"), "schedule_state": _("序时进度"),
                      "warning": _("预警"), "id": _("创建顺序")},
    )

    class Meta:
        model = Task
        fields = []

    def filter_q(self, queryset, name, value):
        return search_tasks(queryset, value, getattr(self.request, "user", None))

    def filter_division(self, queryset, name, value):
        return queryset.filter(division__path__startswith=value.path)

    def filter_unit(self, queryset, name, value):
        from .models import TaskUnit

        return queryset.filter(pk__in=TaskUnit.objects.filter(unit=value).values("task_id"))

    def filter_overdue(self, queryset, name, value):
        late = Q(deadline__lt=timezone.localdate()) & ~Q(state__in=CLOSED_STATES)
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_not_applied(self, queryset, name, value):
        condition = Q(state=TaskState.COMPLETED)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_lagging(self, queryset, name, value):
        cutoff = timezone.localdate() - dt.timedelta(days=ACCEPTANCE_LAG_DAYS)
        condition = Q(state__in=ACCEPTANCE_STATES, completed_on__lt=cutoff)
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_flagged(self, queryset, name, value):
        # Through the reverse relation the supervision app (above the ledger) declares on Task: no import.
        flagged = Task.objects.filter(supervisions__kind="flag", supervisions__state__in=OPEN_FLAG_STATES)
        condition = Q(pk__in=flagged.values("pk"))
        return queryset.filter(condition) if value else queryset.exclude(condition)

    def filter_rebound(self, queryset, name, value):
        # Through the reverse relation the revisits app (above the ledger) declares on Task: no import.
        condition = Q(pk__in=Task.objects.filter(revisits__conclusion=REBOUND).values("pk"))
        return queryset.filter(condition) if value else queryset.exclude(condition)

    @property
    def qs(self):
        qs = super().qs
        # Stable order: deadline first by default, id breaks ties (pagination).
        if not self.form.cleaned_data.get("ordering"):
            qs = qs.order_by("deadline", "id")
        return qs
