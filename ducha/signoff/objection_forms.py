"""Forms of the objection pages (public and staff). They parse and bound the input; the actions decide
(the number, size and kind of attachments too)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.progress.forms import MultipleFileField, MultipleFileInput

from .actions.objections import CONTACT_MAX, FILES_MAX, NAME_MAX, REASON_MAX, TEXT_MAX
from .models import Answer, Channel


class PublicObjectionForm(forms.Form):
    text = forms.CharField(label=_("异议内容"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("请写明对整改情况或验收结论的具体意见及事实依据。"))
    name = forms.CharField(label=_("姓名（选填）"), max_length=NAME_MAX, required=False)
    contact = forms.CharField(label=_("联系方式（选填）"), max_length=CONTACT_MAX, required=False,
                              help_text=_("仅用于核实情况，不会公开。"))
    files = MultipleFileField(
        label=_("附件（选填）"), required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf", "class": "form-control"}),
        help_text=_("最多 %(n)s 个图片或 PDF 文件，每个不超过 10 MB。") % {"n": FILES_MAX})


class EnterObjectionForm(PublicObjectionForm):
    channel = forms.ChoiceField(label=_("来源渠道"),
                                choices=[c for c in Channel.choices if c[0] != Channel.PUBLIC])
    received_at = forms.DateTimeField(label=_("收到时间"), required=False,
                                      widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    name = forms.CharField(label=_("异议人姓名"), max_length=NAME_MAX, required=False)
    contact = forms.CharField(label=_("联系方式"), max_length=CONTACT_MAX, required=False)

    field_order = ["channel", "received_at", "text", "name", "contact", "files"]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("答复结论"), choices=Answer.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("答复理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 4}),
                             help_text=_("异议不成立的理由随公示结果一并公开；异议成立的，任务退回整改。"))
