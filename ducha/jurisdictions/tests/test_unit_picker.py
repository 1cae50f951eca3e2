"""The unit picker the task, plan-review and supervision forms share: searched as typed, every unit with
its division, each option carrying the division path."""

from django import forms

from ducha.jurisdictions.forms import pick_units
from ducha.jurisdictions.models import Unit


class _Form(forms.Form):
    lead = forms.ModelChoiceField(queryset=Unit.objects.none())
    others = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.select_related("division").order_by("division__code", "name")
        self.fields["lead"].queryset = self.fields["others"].queryset = units
        pick_units(self, "lead", "others")


def test_units_read_apart_by_division_and_carry_its_path(world):
    form = _Form()
    lead, others = str(form["lead"]), str(form["others"])
    ld_gov = world.units["ld_gov"]
    assert 'data-search="输入单位名称筛选"' in lead and 'data-search="输入单位名称筛选"' in others
    assert f'<option value="{ld_gov.pk}" data-path="{ld_gov.division.path}">莲都区人民政府 · 莲都区</option>' in lead
    assert "multiple" in others and "select-tall" in others and "multiple" not in lead
    # Found by its short names too (typed 发改委, the 发展和改革委员会 stays in sight).
    ndrc = world.units["ndrc"]
    assert f'<option value="{ndrc.pk}" data-path="{ndrc.division.path}" data-also="市发改委 丽水市发改委">' in lead


def test_the_picked_unit_is_what_the_form_cleans(world):
    form = _Form({"lead": world.units["qt_gov"].pk, "others": [world.units["eco"].pk]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lead"] == world.units["qt_gov"]
    assert list(form.cleaned_data["others"]) == [world.units["eco"]]
