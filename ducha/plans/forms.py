"""Forms of the plan review pages. They validate input and shape it for the
services; they never save. Choices come from scoping and the division's units."""

from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core import scoping, uploads
from ducha.core.actions import FIRST_YEAR, LAST_YEAR
from ducha.core.fields import IdsField
from ducha.jurisdictions.forms import pick_units
from ducha.jurisdictions.models import Division
from ducha.ledger.forms import DATE
from ducha.ledger.models import Category, Plan
from ducha.quality.models import Comparator, Indicator

from . import services
from .models import ItemKind


class UploadForm(forms.Form):
    file = forms.FileField(label=_("方案文件"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.html,.htm,.txt"}))
    task_list = forms.FileField(label=_("任务清单（可选）"), required=False,
                                widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
                                help_text=_("方案另附的整改任务清单 .xlsx：按台账导入的列名读取，每行一项任务。"))
    division = forms.ModelChoiceField(label=_("所属区划"), queryset=Division.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("支持 .docx、.pdf、.html、.txt，不超过 %(max)s MB。") % {
            "max": uploads.max_upload_mb()}
        divisions = Division.objects.restrict(user, scoping.ADD).filter(level__lte=3)
        self.fields["division"].queryset = divisions
        if user.scope_division is not None:
            self.fields["division"].initial = user.scope_division.pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in services.FORMATS:
            raise forms.ValidationError(_("不支持的文件类型“%(suffix)s”，请上传 .docx、.pdf、.html 或 .txt 文件。"),
                                        params={"suffix": suffix or upload.name})
        if upload.size > uploads.max_upload_bytes():
            raise forms.ValidationError(uploads.too_large_message(upload.size))
        if upload.size == 0:
            raise forms.ValidationError(_("文件是空的。"))
        return upload

    def clean_task_list(self):
        upload = self.cleaned_data.get("task_list")
        if upload is None:
            return None
        if Path(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(_("任务清单请上传 .xlsx 文件。"))
        if upload.size > uploads.max_upload_bytes():
            raise forms.ValidationError(uploads.too_large_message(upload.size))
        return upload


class TaskItemForm(forms.Form):
    number = forms.CharField(label=_("序号"), max_length=32, required=False, help_text=_("留空则按顺序编号。"))
    problem = forms.CharField(label=_("问题"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(label=_("整改目标"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    measures = forms.CharField(label=_("整改措施"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    category = forms.ChoiceField(label=_("整改类别"), choices=Category.choices)
    deadline = forms.DateField(label=_("整改时限"), required=False, widget=DATE)
    deadline_text = forms.CharField(label=_("时限原文"), max_length=64, required=False)
    people = forms.CharField(label=_("责任人"), max_length=255, required=False)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=None)
    co_units = IdsField(
        label=_("配合单位"), queryset=None, required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select select-tall"}))

    def __init__(self, *args, item, **kwargs):
        values = item.values
        units = [u for u in values.get("units") or [] if u is not None]
        initial = {k: values.get(k) for k in ("number", "problem", "target", "measures", "category", "deadline",
                                              "deadline_text", "people")}
        initial.update(lead_unit=units[0] if units else None, co_units=units[1:])
        super().__init__(*args, initial=initial, **kwargs)
        queryset = services.division_units(item.document.division).order_by("division__code", "name")
        self.fields["lead_unit"].queryset = queryset
        self.fields["co_units"].queryset = queryset
        pick_units(self, "lead_unit", "co_units")

    def clean(self):
        data = super().clean()
        if data.get("category") == Category.BY_DEADLINE and not data.get("deadline"):
            self.add_error("deadline", _("限期整改任务必须有整改时限。"))
        return data

    def values(self):
        d = self.cleaned_data
        lead = d["lead_unit"]
        units = [lead.pk] + [u.pk for u in d["co_units"] if u.pk != lead.pk]
        return {"number": d["number"], "problem": d["problem"], "target": d["target"], "measures": d["measures"],
                "people": d["people"], "category": d["category"],
                "deadline": d["deadline"].isoformat() if d["deadline"] else None,
                "deadline_text": d["deadline_text"], "units": units}


class TargetItemForm(forms.Form):
    indicator = forms.ChoiceField(label=_("指标"), choices=Indicator.choices)
    name = forms.CharField(label=_("指标名称"), max_length=128, required=False)
    region = forms.CharField(label=_("范围"), max_length=64, required=False)
    comparator = forms.ChoiceField(label=_("比较"), choices=Comparator.choices)
    value = forms.DecimalField(label=_("目标值"), max_digits=14, decimal_places=4)
    unit = forms.CharField(label=_("单位"), max_length=32, required=False)
    year = forms.IntegerField(label=_("目标年份"), min_value=FIRST_YEAR, max_value=LAST_YEAR)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, initial={k: item.values.get(k) for k in self.base_fields}, **kwargs)

    def values(self):
        return {**self.cleaned_data, "value": str(self.cleaned_data["value"])}


class DeadlineItemForm(forms.Form):
    date = forms.DateField(label=_("日期"), required=False, widget=DATE)
    phrase = forms.CharField(label=_("时限原文"), max_length=64, required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, initial={k: item.values.get(k) for k in self.base_fields}, **kwargs)

    def values(self):
        d = self.cleaned_data
        return {"date": d["date"].isoformat() if d["date"] else None, "phrase": d["phrase"]}


class CountItemForm(forms.Form):
    what = forms.CharField(label=_("事项"), max_length=64)
    value = forms.CharField(label=_("数量"), max_length=32)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, initial={k: item.values.get(k) for k in self.base_fields}, **kwargs)

    def values(self):
        return dict(self.cleaned_data)


class UnitItemForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("对应单位"), queryset=None, required=False,
                                  help_text=_("原文单位名称对应的系统单位；留空表示不对应。"))

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, initial={"unit": item.values.get("unit")}, **kwargs)
        self.fields["unit"].queryset = services.division_units(item.document.division)
        pick_units(self, "unit")

    def values(self):
        unit = self.cleaned_data["unit"]
        return {"unit": unit.pk if unit else None}


ITEM_FORMS = {ItemKind.TASK: TaskItemForm, ItemKind.TARGET: TargetItemForm, ItemKind.DEADLINE: DeadlineItemForm,
              ItemKind.COUNT: CountItemForm, ItemKind.UNIT: UnitItemForm}


class DocumentFactsForm(forms.Form):
    doc_number = forms.CharField(label=_("文号"), max_length=64, required=False,
                                 help_text=_("新建整改方案时作为方案代码。"))
    doc_title = forms.CharField(label=_("标题"), max_length=255, required=False)
    doc_issuer = forms.CharField(label=_("印发机关"), max_length=128, required=False)
    doc_date = forms.DateField(label=_("印发日期"), required=False, widget=DATE)

    def __init__(self, *args, document, **kwargs):
        initial = {f: getattr(document, f) for f in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)


class ConfirmForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("写入的整改方案"), queryset=None, required=False,
                                  empty_label=_("新建整改方案（按文件信息）"))

    def __init__(self, *args, user, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.restrict(user, scoping.CHANGE).filter(
            division__path__startswith=document.division.path)
