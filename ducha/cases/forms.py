"""Forms of the case pages: they collect input; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core.fields import VersionField

from .models import CallBack, Verdict

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})
TEXT = forms.Textarea(attrs={"rows": 3, "class": "form-control"})
NUMBER = forms.NumberInput(attrs={"class": "form-control", "inputmode": "numeric", "min": 0})


class ImportForm(forms.Form):
    inspection = forms.TypedChoiceField(label=_("督察"), coerce=int, widget=forms.Select(attrs={"class": "form-select"}))
    batch = forms.IntegerField(label=_("批次"), min_value=1, max_value=999, widget=NUMBER)
    transferred_on = forms.DateField(label=_("交办日期"), required=False, widget=DATE)
    file = forms.FileField(label=_("交办清单（xlsx、csv 或 docx）"),
                           widget=forms.ClearableFileInput(attrs={"class": "form-control"}))

    def __init__(self, *args, inspections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspection"].choices = [(i.pk, i.name) for i in inspections]


class HandlingForm(forms.Form):
    version = VersionField()
    investigation = forms.CharField(label=_("调查核实情况"), required=False, max_length=10000, widget=TEXT)
    verdict = forms.ChoiceField(label=_("是否属实"), required=False, choices=[("", "—"), *Verdict.choices],
                                widget=forms.Select(attrs={"class": "form-select"}))
    handling = forms.CharField(label=_("处理和整改情况"), required=False, max_length=10000, widget=TEXT)
    needs_rectification = forms.NullBooleanField(label=_("需要整改"), required=False, widget=forms.Select(
        choices=[("unknown", "—"), ("true", _("是")), ("false", _("否"))], attrs={"class": "form-select"}))
    rectification_goal = forms.CharField(label=_("办结目标"), required=False, max_length=10000, widget=TEXT)
    accountability = forms.CharField(label=_("责任人被处理情况"), required=False, max_length=10000, widget=TEXT)
    ordered_to_rectify = forms.IntegerField(label=_("责令整改（家）"), min_value=0, initial=0, widget=NUMBER)
    penalty_cases = forms.IntegerField(label=_("立案处罚（家）"), min_value=0, initial=0, widget=NUMBER)
    fine_yuan = forms.DecimalField(label=_("罚款（元）"), min_value=0, max_digits=16, decimal_places=2, initial=0,
                                   widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}))
    criminal_cases = forms.IntegerField(label=_("立案侦查（件）"), min_value=0, initial=0, widget=NUMBER)
    administrative_detentions = forms.IntegerField(label=_("行政拘留（人）"), min_value=0, initial=0, widget=NUMBER)
    criminal_detentions = forms.IntegerField(label=_("刑事拘留（人）"), min_value=0, initial=0, widget=NUMBER)
    interviews = forms.IntegerField(label=_("约谈（人）"), min_value=0, initial=0, widget=NUMBER)
    accountable_persons = forms.IntegerField(label=_("问责（人）"), min_value=0, initial=0, widget=NUMBER)


class RouteForm(forms.Form):
    version = VersionField()
    division = forms.ChoiceField(label=_("所属区划"), required=False, widget=forms.Select(attrs={"class": "form-select"}))
    lead_unit = forms.TypedChoiceField(label=_("牵头单位"), coerce=int,
                                       widget=forms.Select(attrs={"class": "form-select"}))
    co_units = forms.TypedMultipleChoiceField(label=_("配合单位"), coerce=int, required=False,
                                              widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 4}))

    def __init__(self, *args, divisions=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", "—")] + [(d.code, d.name) for d in divisions]
        choices = [(u.pk, u.name) for u in units]
        self.fields["lead_unit"].choices = choices
        self.fields["co_units"].choices = choices


class ReviewForm(forms.Form):
    version = VersionField()
    decision = forms.ChoiceField(choices=[("approve", _("审核通过")), ("return", _("退回"))], widget=forms.HiddenInput)
    note = forms.CharField(label=_("审核意见"), required=False, max_length=2000, widget=TEXT)


class CallBackForm(forms.Form):
    version = VersionField()
    result = forms.ChoiceField(label=_("回访结果"), choices=CallBack.choices,
                               widget=forms.Select(attrs={"class": "form-select"}))
    on = forms.DateField(label=_("回访日期"), required=False, widget=DATE)
    note = forms.CharField(label=_("回访情况"), required=False, max_length=2000, widget=TEXT)


class TransitionForm(forms.Form):
    version = VersionField()
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=DATE)
    measures = forms.CharField(label=_("整改措施"), required=False, max_length=10000, widget=TEXT)
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000, widget=TEXT)


class RepeatConfirmForm(forms.Form):
    merge_number = forms.CharField(label=_("合并编号"), required=False, max_length=64,
                                   widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}))
    note = forms.CharField(label=_("说明"), required=False, max_length=2000, widget=TEXT)


class RepeatDismissForm(forms.Form):
    note = forms.CharField(label=_("排除理由"), max_length=2000, widget=TEXT,
                           error_messages={"required": _("请填写排除理由。")})
