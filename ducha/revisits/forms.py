"""Revisit forms: only shapes and bounds; the rules live in the actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Conclusion, RevisitKind

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})
TEXT = forms.Textarea(attrs={"rows": 3, "class": "form-control"})


class PlanForm(forms.Form):
    task = forms.IntegerField(label=_("任务 ID"), min_value=1, max_value=2**63 - 1,
                              help_text=_("从任务页点击“安排回头看”会自动填入。"),
                              widget=forms.NumberInput(attrs={"class": "form-control"}))
    due_on = forms.DateField(label=_("应开展日期"), widget=DATE)
    kind = forms.ChoiceField(label=_("类型"), choices=[(k, v) for k, v in RevisitKind.choices
                                                     if k != RevisitKind.SCHEDULED],
                             widget=forms.Select(attrs={"class": "form-select"}))
    reason = forms.CharField(label=_("缘由"), max_length=2000, widget=TEXT)


class RecordForm(forms.Form):
    visited_on = forms.DateField(label=_("回头看日期"), widget=DATE)
    people = forms.CharField(label=_("参加人员"), max_length=1000,
                             widget=forms.TextInput(attrs={"class": "form-control"}))
    findings = forms.CharField(label=_("发现情况"), max_length=10_000, widget=TEXT)
    conclusion = forms.ChoiceField(label=_("结论"), choices=Conclusion.choices,
                                   widget=forms.RadioSelect(attrs={"class": "form-check-input"}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("取消理由"), max_length=2000, widget=TEXT)
