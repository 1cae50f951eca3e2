from django import forms
from django.utils.translation import gettext_lazy as _


class EntryForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    title = forms.CharField(label=_("事项"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"}))
    text = forms.CharField(label=_("内容"), max_length=10_000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}))


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
