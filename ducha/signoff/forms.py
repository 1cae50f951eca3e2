"""The acceptance steps' forms. They shape input for the actions and never save; every rule is the
action's (and the transition's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core.fields import VersionField
from ducha.progress.forms import DATE, MultipleFileField
from ducha.supervision.forms import TemplateForm

from .models import Standard

TEXT = {"class": "form-control", "rows": 3}


class StepForm(forms.Form):
    """A step taken on what the reviewer saw: the task's version when the page was read (the
    application's, for the application itself). A step on a task changed since (returned, resubmitted,
    reported on) is refused by the action, never taken on content nobody read."""

    version = VersionField()


def _text(label, required=True, rows=3, max_length=5000):
    return forms.CharField(label=label, required=required, max_length=max_length,
                           widget=forms.Textarea(attrs=TEXT | {"rows": rows}))


class ApplicationForm(StepForm):
    """提交申请: the report, the self-check against each standard with its evidence, files from the reports."""

    # Not required here: a draft may be partial; submitting one that lacks a part is refused by the action
    # (guards.check_complete), the one place that rule lives.
    report = _text(_("完成情况报告"), required=False, rows=5)
    long_term = forms.BooleanField(label=_("已完成，长期坚持（长期任务）"), required=False)
    report_files = forms.MultipleChoiceField(label=_("选用进度报告中的佐证材料"), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    files = MultipleFileField(label=_("上传新的佐证材料"), required=False)

    def __init__(self, *args, report_files=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_files"].choices = [(str(f.pk), f"{f.original_name}（{f.sha256[:12]}…）")
                                               for f in report_files]
        if not report_files:  # nothing to pick: no heading over an empty list
            del self.fields["report_files"]
        for standard in Standard:
            self.fields[f"self_check_{standard.value}"] = _text(standard.label, required=False, rows=2)
            self.fields[f"file_{standard.value}"] = MultipleFileField(label=_("该项佐证"), required=False)

    def self_check_fields(self):
        return [(self[f"self_check_{s.value}"], self[f"file_{s.value}"]) for s in Standard]

    def action_kwargs(self):
        data = self.cleaned_data
        uploads = [("", f) for f in data["files"]]
        for standard in Standard:
            uploads += [(standard.value, f) for f in data[f"file_{standard.value}"]]
        return {"report": data["report"], "long_term": data["long_term"],
                "self_checks": {s.value: data[f"self_check_{s.value}"] for s in Standard},
                "report_files": data.get("report_files", []), "uploads": uploads, "version": data["version"]}


class ReasonForm(StepForm):
    reason = _text(_("理由"), max_length=2000)


class NoteForm(StepForm):
    note = _text(_("意见（可选）"), required=False, max_length=2000)


class ConfirmForm(StepForm):
    """A co-unit's confirmation, carrying the application's version (not the task's) it read."""

    text = _text(_("确认意见（可选）"), required=False, max_length=2000)


class OnsiteForm(StepForm):
    checked_on = forms.DateField(label=_("核查日期"), widget=DATE)
    people = forms.CharField(label=_("核查人员"), max_length=500, widget=forms.TextInput(attrs={"class": "form-control"}))
    place = forms.CharField(label=_("核查地点"), max_length=255, widget=forms.TextInput(attrs={"class": "form-control"}))
    conclusion = _text(_("核查结论"), required=False)
    photos = MultipleFileField(label=_("现场照片"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for standard in Standard:
            self.fields[f"finding_{standard.value}"] = _text(standard.label, rows=2)

    def action_kwargs(self):
        data = self.cleaned_data
        return {"checked_on": data["checked_on"], "people": data["people"], "place": data["place"],
                "version": data["version"],
                "conclusion": data["conclusion"], "photos": data["photos"],
                "findings": {s.value: data[f"finding_{s.value}"] for s in Standard}}


class SignForm(StepForm):
    opinion = _text(_("验收意见"), rows=4)
    signer_title = forms.CharField(label=_("签字人职务"), required=False, max_length=64,
                                   widget=forms.TextInput(attrs={"class": "form-control"}))


class PublishForm(StepForm):
    summary = _text(_("公示内容（默认为完成情况报告）"), required=False, rows=4)


class FilingForm(StepForm):
    filed_with = forms.CharField(label=_("备案机关"), max_length=128, widget=forms.TextInput(attrs={"class": "form-control"}))
    filed_on = forms.DateField(label=_("备案日期"), required=False, widget=DATE)
    reference = forms.CharField(label=_("备案文号"), required=False, max_length=64,
                                widget=forms.TextInput(attrs={"class": "form-control"}))
    note = _text(_("备注"), required=False, max_length=2000)


class DocumentTemplateForm(TemplateForm):
    """A replacement 验收意见表 / 销号申请表 template (the same upload as the 督办函's)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("替换模板（.docx）")
