"""Forms of the supervision pages: they collect input; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core.fields import VersionField
from ducha.jurisdictions.forms import pick_units
from ducha.jurisdictions.models import Unit

from .models import Kind, Supervision

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})
TEXT = forms.Textarea(attrs={"rows": 3, "class": "form-control"})


class SupervisionForm(forms.ModelForm):
    """Create a record (not a flag: flags are raised on the task page)."""

    kind = forms.ChoiceField(label=_("督办方式"), choices=[c for c in Kind.choices if c[0] != Kind.FLAG],
                             widget=forms.Select(attrs={"class": "form-select"}))
    task_ids = forms.CharField(label=_("涉及任务 ID（逗号分隔）"), required=False, max_length=2000,
                               widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "numeric"}))

    class Meta:
        model = Supervision
        fields = ["kind", "unit", "required", "reason", "reply_by", "listed_on", "meeting_on", "participants",
                  "minutes", "commitments", "bulletin_title", "bulletin_number", "bulletin_on", "team_members",
                  "period_start", "period_end", "findings"]
        widgets = {name: DATE for name in ("reply_by", "listed_on", "meeting_on", "bulletin_on", "period_start",
                                           "period_end")}
        widgets.update({name: TEXT for name in ("required", "reason", "participants", "minutes", "commitments",
                                                "team_members", "findings")})

    version = VersionField()

    def __init__(self, *args, units=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:  # a draft keeps its kind
            self.fields["kind"].disabled = True
        self.fields["unit"].queryset = (units if units is not None else Unit.objects.filter(is_active=True)
                                        ).select_related("division")
        pick_units(self, "unit")
        for name in ("bulletin_title", "bulletin_number"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_task_ids(self):
        raw = self.cleaned_data.get("task_ids") or ""
        parts = [p for p in raw.replace("，", ",").replace(" ", ",").split(",") if p]
        if not all(p.isdigit() and len(p) < 19 for p in parts):
            raise forms.ValidationError(_("请输入任务 ID，用逗号分隔。"))
        return [int(p) for p in parts]

    def _post_clean(self):
        pass  # the action validates the record (construct-only form)


class FlagForm(forms.Form):
    note = forms.CharField(label=_("督导意见"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
    reply_by = forms.DateField(label=_("回复期限"), required=False, widget=DATE)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("回复内容"), max_length=10_000, widget=TEXT)
    version = VersionField()


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=2000, required=False, widget=TEXT)
    reason = forms.CharField(label=_("理由"), max_length=2000, required=False, widget=TEXT)
    version = VersionField()


class TemplateForm(forms.Form):
    file = forms.FileField(label=_("督办函模板（.docx）"))
