"""Forms of the case pages: they collect input; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core.fields import VersionField
from ducha.core.forms import picker
from ducha.jurisdictions.forms import offer_units, unit_picker

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
    lead_unit = forms.TypedChoiceField(label=_("牵头单位"), coerce=int, widget=unit_picker())
    co_units = forms.TypedMultipleChoiceField(label=_("配合单位"), coerce=int, required=False,
                                              widget=unit_picker(multiple=True))

    def __init__(self, *args, divisions=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", "—")] + [(d.code, d.name) for d in divisions]
        offer_units(self, units, "lead_unit", "co_units")


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


# --- 案件设置: the forms collect input; ducha.cases.actions.case_settings decides -------------------------

class SettingsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def add_action_errors(self, error):
        from ducha.ledger.forms import add_service_errors

        add_service_errors(self, error)


class RoutingRuleForm(SettingsForm):
    division = forms.TypedChoiceField(label=_("区划"), coerce=int, empty_value=None, required=False,
                                      widget=picker(_("输入区划名称或代码筛选")),
                                      help_text=_("本区划及下级区划的信访件按此规则分办。"))
    case_type = forms.TypedChoiceField(label=_("类型"), coerce=int, empty_value=None, required=False,
                                       widget=forms.Select(attrs={"class": "form-select"}))
    inspection = forms.TypedChoiceField(label=_("督察"), coerce=int, empty_value=None, required=False,
                                        widget=forms.Select(attrs={"class": "form-select"}))
    lead_unit = forms.TypedChoiceField(label=_("牵头单位"), coerce=int, empty_value=None,
                                       widget=unit_picker(follow="id_division"))
    co_units = forms.TypedMultipleChoiceField(
        label=_("配合单位"), coerce=int, required=False, widget=unit_picker(multiple=True, follow="id_division"),
        help_text=_("可多选（电脑上按住 Ctrl 点选）。只列出所选区划及下级区划的单位。"))
    priority = forms.IntegerField(label=_("优先级"), initial=0, widget=forms.NumberInput(attrs={"class": "form-control"}),
                                  help_text=_("同样具体的规则中优先级高者生效。"))

    def __init__(self, *args, divisions=(), units=(), types=(), inspections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [("", _("（督察所在区划，不限）"))] + [
            (d.pk, f"{d.name}（{d.code}）") for d in divisions]
        self.fields["division"].widget.paths = {str(d.pk): d.path for d in divisions}
        offer_units(self, units, "lead_unit", "co_units", empty_for=("lead_unit",))
        self.fields["case_type"].choices = [("", _("（不限类型）"))] + [(t.pk, t.name) for t in types]
        self.fields["inspection"].choices = [("", _("（全部督察）"))] + [(i.pk, i.name) for i in inspections]


class CaseTypeForm(SettingsForm):
    code = forms.CharField(label=_("代码"), widget=forms.TextInput(attrs={"class": "form-control"}),
                           help_text=_("字母、数字、连字符或下划线；创建后不能修改。"))
    name = forms.CharField(label=_("名称"), widget=forms.TextInput(attrs={"class": "form-control"}))
    aliases = forms.CharField(label=_("别名"), required=False, widget=TEXT,
                              help_text=_("各地的其他叫法（如 扬尘、油烟），每行一个；导入时归入此类型。"))
    order = forms.IntegerField(label=_("排序"), initial=0, widget=NUMBER)
    is_fallback = forms.BooleanField(label=_("兜底类型（无法识别的类型归入此类）"), required=False,
                                     widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    is_active = forms.BooleanField(label=_("启用（停用后新导入的信访件不再归入此类型）"), required=False, initial=True,
                                   widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))


class CaseSetupForm(SettingsForm):
    inspection = forms.TypedChoiceField(label=_("督察"), coerce=int, empty_value=None,
                                        widget=forms.Select(attrs={"class": "form-select"}))
    code = forms.CharField(label=_("代码"), widget=forms.TextInput(attrs={"class": "form-control"}),
                           help_text=_("命令行和公开页面使用的简称，如 ZJ-S3。"))
    deadline_days = forms.IntegerField(label=_("办理时限（工作日）"), required=False, widget=NUMBER, help_text=_("留空则按督察层级：中央 10 个、省级和市级 7 个工作日。"))
    plan = forms.TypedChoiceField(label=_("整改方案"), coerce=int, empty_value=None, required=False,
                                  widget=forms.Select(attrs={"class": "form-select"}),
                                  help_text=_("阶段性办结的信访件转为此方案的整改任务；留空则为督察在该区划的方案。"))

    def __init__(self, *args, inspections=None, plans=(), **kwargs):
        super().__init__(*args, **kwargs)
        if inspections is None:  # a setting stays with its inspection
            del self.fields["inspection"]
        else:
            self.fields["inspection"].choices = [("", "—")] + [(i.pk, i.name) for i in inspections]
        self.fields["plan"].choices = [("", _("（督察在该区划的方案）"))] + [(p.pk, f"{p.code} {p.title}") for p in plans]
