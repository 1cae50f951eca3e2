from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    refer = forms.BooleanField(label=_("同时移送问责"), required=False)
