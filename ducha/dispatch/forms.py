"""Forms of the dispatch pages: open a round, filter rounds, a repeating schedule."""

import datetime as dt

import django_filters as df
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.filters import BoundedFilterSet, QueryForm
from ducha.ledger.models import Plan, Task

from .actions.rounds import TITLE_MAX
from .models import Kind, Round, RoundSchedule, RoundState, Status

DATE = {"type": "date", "class": "form-control"}
# The most task numbers the form takes (the API takes ids up to actions.rounds.MAX_TASKS).
MAX_NUMBERS = 500


class RoundForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=TITLE_MAX, required=False,
                            help_text=_("留空则为“第N次调度”。"),
                            widget=forms.TextInput(attrs={"class": "form-control"}))
    kind = forms.ChoiceField(label=_("调度类型"), choices=Kind.choices, initial=Kind.MONTHLY,
                             widget=forms.Select(attrs={"class": "form-select"}))
    plan = forms.ModelChoiceField(label=_("整改方案"), queryset=Plan.objects.none(),
                                  widget=forms.Select(attrs={"class": "form-select"}))
    task_numbers = forms.CharField(
        label=_("仅调度这些任务（序号）"), required=False, max_length=4000,
        help_text=_("以逗号或空格分隔，如“1, 2, 9-1”；留空则调度该方案全部在办任务。"),
        widget=forms.TextInput(attrs={"class": "form-control"}))
    period_start = forms.DateField(label=_("调度期起"), required=False, widget=forms.DateInput(attrs=DATE))
    period_end = forms.DateField(label=_("调度期止"), required=False, widget=forms.DateInput(attrs=DATE))
    due_on = forms.DateField(label=_("报送截止日期"), widget=forms.DateInput(attrs=DATE))
    due_time = forms.TimeField(label=_("截止时间"), initial=dt.time(17, 30),
                               widget=forms.TimeInput(attrs={"type": "time", "class": "form-control"},
                                                      format="%H:%M"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = scoping.restrict(Plan.objects.all(), user, scoping.CHANGE).order_by(
            "division__path", "code")

    def clean(self):
        data = super().clean()
        if data.get("due_on") and data.get("due_time"):
            data["due_at"] = timezone.make_aware(dt.datetime.combine(data["due_on"], data["due_time"]))
        numbers = [n for n in data.get("task_numbers", "").replace("，", ",").replace(",", " ").split() if n]
        if len(numbers) > MAX_NUMBERS:
            self.add_error("task_numbers", _("最多 %(max)s 个序号。") % {"max": MAX_NUMBERS})
        elif numbers and data.get("plan"):
            found = dict(Task.objects.filter(plan=data["plan"], number__in=numbers, voided_at__isnull=True)
                         .values_list("number", "pk"))
            unknown = [n for n in numbers if n not in found]
            if unknown:
                self.add_error("task_numbers", _("该方案中没有这些序号：%(n)s") % {"n": "、".join(unknown[:10])})
            data["tasks"] = sorted(set(found.values()))
        return data


class ScheduleForm(forms.ModelForm):
    class Meta:
        model = RoundSchedule
        fields = ["plan", "kind", "weekday", "day_of_month", "due_after_days"]
        widgets = {
            "plan": forms.Select(attrs={"class": "form-select"}),
            "kind": forms.Select(attrs={"class": "form-select"}),
            "weekday": forms.Select(choices=[("", "—")] + [(i, d) for i, d in enumerate(
                [_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")])],
                attrs={"class": "form-select"}),
            "day_of_month": forms.NumberInput(attrs={"class": "form-control", "min": 1, "max": 28}),
            "due_after_days": forms.NumberInput(attrs={"class": "form-control", "min": 1, "max": 60}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = scoping.restrict(Plan.objects.all(), user, scoping.CHANGE)
        self.fields["kind"].choices = [c for c in Kind.choices if c[0] != Kind.AD_HOC]


class RoundFilterSet(BoundedFilterSet):
    state = df.ChoiceFilter(choices=RoundState.choices, label="状态 / state", empty_label=_("全部"))
    kind = df.ChoiceFilter(choices=Kind.choices, label="调度类型 / kind", empty_label=_("全部"))
    plan = df.NumberFilter(field_name="plan_id", label="整改方案 id / plan id", min_value=1)
    q = df.CharFilter(field_name="title", lookup_expr="contains", label="标题包含 / title contains")

    class Meta:
        model = Round
        fields = []


class ObligationQuery(QueryForm):
    """The round page's own filters: status, unit, page."""

    status = forms.ChoiceField(label=_("报送情况"), required=False, choices=[("", _("全部"))] + Status.choices)
    unit = forms.IntegerField(label=_("责任单位"), required=False, min_value=1, max_value=2**63 - 1)
    page = forms.IntegerField(label=_("页码"), required=False, min_value=1, max_value=100_000)
