"""Forms of the ledger pages. They shape input for the actions and never
save; every rule (who may change what, the five clarities, unique numbers)
is the actions'. Which choices a user gets comes from scoping."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.fields import IdsField, VersionField
from ducha.jurisdictions.forms import pick_units
from ducha.jurisdictions.models import Division, Unit

from .models import Plan, Problem, Task

# The task's overall progress, set by the office (a responsible unit files progress reports instead).
PROGRESS_FIELDS = ("progress", "progress_note")
# The whole task, as the office edits it.
FULL_FIELDS = (
    "plan", "parent", "number", "problem", "target", "measures", "division", "lead_unit", "co_units",
    "responsible_people", "supervising_leader", "supervising_unit", "acceptance_unit", "category", "deadline",
    "deadline_text", "domains",
) + PROGRESS_FIELDS
# Action error keys that are not form fields, and where to show them.
ERROR_FIELD = {"units": "lead_unit", "lead_unit": "lead_unit"}

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError on the fields it names."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        field = ERROR_FIELD.get(key, key)
        form.add_error(field if field in form.fields else None, messages)


class VersionMixin(forms.Form):
    """The version the editor read: an edit on an older one is refused, never silently applied."""

    version = VersionField()

    def set_version(self, instance):
        if instance is not None and instance.pk:
            self.fields["version"].initial = instance.version


class TaskForm(VersionMixin, forms.ModelForm):
    """The whole task, for coordinators and admins."""

    co_units = IdsField(
        label=_("配合单位"), queryset=Unit.objects.none(), required=False,
        help_text=_("按方案所列顺序；可按住 Ctrl（手机上直接点选）多选。"),
        widget=forms.SelectMultiple(attrs={"class": "form-select select-tall"}),
    )

    class Meta:
        model = Task
        fields = [f for f in FULL_FIELDS if f != "co_units"]
        field_classes = {"domains": IdsField}
        widgets = {
            "deadline": DATE, "completed_on": DATE,
            "target": forms.Textarea(attrs={"rows": 3}), "measures": forms.Textarea(attrs={"rows": 5}),
            "progress_note": forms.Textarea(attrs={"rows": 4}),
            "domains": forms.CheckboxSelectMultiple,
            "progress": forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        editing = self.instance.pk is not None
        units = Unit.objects.filter(is_active=True).select_related("division").order_by("division__code", "name")
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units
        self.fields["supervising_unit"].queryset = units
        self.fields["acceptance_unit"].queryset = units
        pick_units(self, "lead_unit", "co_units", "supervising_unit", "acceptance_unit")
        self.fields["division"].queryset = Division.objects.restrict(user, scoping.ADD).filter(level__lte=3)
        self.fields["division"].required = False
        self.fields["division"].help_text = _("留空则为方案所属区划。")
        self.fields["division"].empty_label = _("（方案所属区划）")
        self.fields["problem"].queryset = Problem.objects.restrict(user).select_related("inspection")
        self.fields["parent"].queryset = (
            Task.objects.restrict(user).filter(parent__isnull=True).select_related("plan", "problem")
            .exclude(pk=self.instance.pk)
        )
        self.fields["parent"].label_from_instance = lambda t: f"{t.plan.code} · {t.number} {t.title}"
        if editing:
            del self.fields["plan"]
            self.initial["co_units"] = [u.pk for u in self.instance.ordered_units()[1:]]
        else:
            self.fields["plan"].queryset = Plan.objects.restrict(user, scoping.ADD)
        self.set_version(self.instance)

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def _get_validation_exclusions(self):
        # The plan's numbers are unique: the actions' rule, reported on 序号 by them (not the model's
        # constraint message, and not checked twice).
        return super()._get_validation_exclusions() | {"number"}

    def ordered_units(self):
        """The lead unit first, then co-units: kept ones in their old order, new ones as chosen."""
        lead = self.cleaned_data["lead_unit"]
        chosen = [u for u in self.cleaned_data.get("co_units") or [] if u.pk != lead.pk]
        if self.instance.pk:
            old = [u.pk for u in self.instance.ordered_units()]
            rank = {pk: i for i, pk in enumerate(old)}
            chosen.sort(key=lambda u: rank.get(u.pk, len(old)))
        return [lead, *chosen]

    def service_kwargs(self):
        data = self.cleaned_data
        skip = {"plan", "lead_unit", "co_units", "domains", "version"}
        fields = {name: data[name] for name in self.fields if name not in skip}
        if not fields.get("division"):
            fields.pop("division", None)
        return {"units": self.ordered_units(), "domains": list(data["domains"]), "version": data.get("version"),
                **fields}


class TransitionForm(forms.Form):
    """The inputs of one transition: a reason where it needs one, a completion date for a claim."""

    version = VersionField()
    reason = forms.CharField(label=_("理由"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    completed_on = forms.DateField(label=_("完成日期"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                                                          format="%Y-%m-%d"))
    started_on = forms.DateField(label=_("开始日期"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date", "class": "form-control"},
                                                        format="%Y-%m-%d"))
    note = forms.CharField(label=_("说明"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))

    def inputs(self):
        return {k: v for k, v in self.cleaned_data.items() if k != "version" and v not in (None, "")}


class VoidForm(forms.Form):
    version = VersionField()
    reason = forms.CharField(label=_("理由"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))


class StageForm(forms.Form):
    name = forms.CharField(label=_("阶段"), max_length=128, required=False,
                           widget=forms.TextInput(attrs={"class": "form-control", "placeholder": _("如：2022年底前")}))
    due = forms.DateField(label=_("阶段时限"), required=False,
                          widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"))

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("due"):
            self.add_error("due", _("请填写阶段时限。"))
        if data.get("due") and not data.get("name"):
            self.add_error("name", _("请填写阶段名称。"))
        return data


StageFormSet = forms.formset_factory(StageForm, extra=2, max_num=20)


def stage_list(formset):
    return [(f.cleaned_data["name"].strip(), f.cleaned_data["due"])
            for f in formset.forms if f.cleaned_data.get("name") and f.cleaned_data.get("due")]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.xlsx）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx", "class": "form-control"}))
    plan_code = forms.CharField(label=_("方案代码"), max_length=64,
                                widget=forms.TextInput(attrs={"class": "form-control", "list": "plan-codes"}),
                                help_text=_("选择已有方案，或输入新方案的代码。"))
    create_units = forms.BooleanField(label=_("自动创建未知单位"), required=False,
                                      widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        return upload
