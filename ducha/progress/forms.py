"""The report form (填报进展). It shapes input for file_report and never saves; every rule is the action's."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actions import FILES_MAX
from .models import ScheduleClaim

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")
# Accepted on the phone's picker: photos (the camera), pdf, Word, Excel, zip, short video.
ACCEPT = ("image/*,video/mp4,video/quicktime,application/pdf,.pdf,.docx,.xlsx,.zip,"
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT, "class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("报告单位"), coerce=int)
    reported_on = forms.DateField(label=_("报告日期"), widget=DATE)
    period_start = forms.DateField(label=_("报告期起"), required=False, widget=DATE)
    period_end = forms.DateField(label=_("报告期止"), required=False, widget=DATE)
    percent = forms.IntegerField(label=_("本单位完成进度（%）"), min_value=0, max_value=100, widget=forms.NumberInput(
        attrs={"min": 0, "max": 100, "step": 1, "inputmode": "numeric", "class": "form-control"}))
    schedule_claim = forms.ChoiceField(label=_("序时进度自评"), required=False,
                                       choices=[("", _("不自评"))] + list(ScheduleClaim.choices))
    # Offered as a list, checked by the action: a stage another tab (or another officer) reported done
    # meanwhile is refused with who did and when, not as "不在可用的选项中".
    stage_done = forms.IntegerField(label=_("本期完成的阶段"), required=False, min_value=1, max_value=2**63 - 1,
                                    widget=forms.Select)
    done = forms.CharField(label=_("本期完成情况"), widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("存在问题"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    next_steps = forms.CharField(label=_("下一步计划"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photos = MultipleFileField(label=_("现场拍照"), required=False, help_text=_("用手机摄像头直接拍照上传。"))
    files = MultipleFileField(label=_("佐证材料"), required=False, help_text=_(
        "可一次选择多个文件（最多 %(n)s 个）：照片、PDF、Word、Excel、zip 压缩包或短视频。") % {"n": FILES_MAX})
    captions = forms.CharField(label=_("文件说明"), required=False, help_text=_("每行一条，依次对应上面的照片和文件（可不填）。"),
                               widget=forms.Textarea(attrs={"rows": 2}))
    # Offered as a list, checked by the action (file_report): a report corrected meanwhile in another tab is
    # refused with the action's reason, not as "不在可用的选项中".
    corrects = forms.IntegerField(label=_("更正的报告"), required=False, min_value=1, max_value=2**63 - 1,
                                  widget=forms.Select)
    correction_reason = forms.CharField(label=_("更正原因"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, stages, correctable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["stage_done"].widget.choices = [("", _("无"))] + [
            (s.pk, f"{s.name}（{s.due:%Y-%m-%d}）") for s in stages if s.done_on is None]
        self.fields["corrects"].widget.choices = [("", _("不是更正"))] + [
            (r.pk, f"{r.unit.name} {r.reported_on:%Y-%m-%d} {r.percent}%") for r in correctable]
        self.fields["reported_on"].initial = timezone.localdate()
        # The camera on a phone (capture); the other input picks any files from the phone or computer.
        self.fields["photos"].widget.attrs.update(accept="image/*", capture="environment")

    def action_kwargs(self):
        data = dict(self.cleaned_data)
        captions = data.pop("captions", "") or ""
        data["files"] = list(data.pop("photos", None) or ()) + list(data.get("files") or ())
        data["captions"] = captions.splitlines()[: len(data["files"])]
        return data
