from django import forms
from django.utils.translation import gettext_lazy as _

from ducha.core.fields import VersionField
from ducha.ledger.models import WarningColour

from .actions.deciding import REASON_MAX
from .actions.external import NOTE_MAX, SOURCE_MAX
from .models import EventKind, EventLevel, WarningState


class MonthFilterForm(forms.Form):
    month = forms.CharField(label=_("月份"), required=False, max_length=7,
                            widget=forms.TextInput(attrs={"type": "month", "class": "form-control form-control-sm"}))
    colour = forms.ChoiceField(label=_("颜色"), required=False, choices=[("", _("全部"))] + WarningColour.choices,
                               widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    state = forms.ChoiceField(label=_("状态"), required=False, choices=[("", _("全部"))] + WarningState.choices,
                              widget=forms.Select(attrs={"class": "form-select form-select-sm"}))


class OverrideForm(forms.Form):
    colour = forms.ChoiceField(label=_("改定为"), choices=WarningColour.choices)
    reason = forms.CharField(label=_("理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()


class ExternalEventForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=EventKind.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    level = forms.ChoiceField(label=_("级别"), choices=EventLevel.choices,
                              widget=forms.Select(attrs={"class": "form-select"}))
    occurred_on = forms.DateField(label=_("发生日期"), widget=forms.DateInput(attrs={"type": "date",
                                                                                     "class": "form-control"}))
    source = forms.CharField(label=_("来源（通报文号或媒体名称）"), max_length=SOURCE_MAX,
                             widget=forms.TextInput(attrs={"class": "form-control"}))
    note = forms.CharField(label=_("说明"), required=False, max_length=NOTE_MAX,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))
