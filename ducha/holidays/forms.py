from django import forms
from django.utils.translation import gettext_lazy as _


class DayForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    working = forms.TypedChoiceField(label=_("类型"), choices=[("0", _("放假")), ("1", _("调休上班"))],
                                     coerce=lambda v: v == "1")
    name = forms.CharField(label=_("节日"), max_length=60, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class YearForm(forms.Form):
    source = forms.CharField(label=_("依据（通知名称和文号）"), max_length=200)
    file = forms.FileField(label=_("CSV 文件（日期,类型,节日）"))


for _form in (DayForm, YearForm):
    for _field in _form.base_fields.values():
        _field.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(_field.widget, forms.Select)
                                       else "form-control form-control-sm")
