"""A select's empty choice says what it means: 请选择… where a value is required, （无） where none is,
never Django's "---------"."""

import re

from django.urls import reverse


def _empty_choices(html):
    """{select name: label of its empty choice}."""
    found = {}
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        empty = re.search(r'<option value=""[^>]*>([^<]*)</option>', body)
        if empty:
            found[name] = empty.group(1)
    return found


def test_new_task_form_names_its_empty_choices(client, world):
    client.force_login(world.users["admin"])
    html = client.get(reverse("ledger:task_create")).content.decode()
    assert "---------" not in html
    choices = _empty_choices(html)
    assert choices["plan"] == "请选择…" and choices["lead_unit"] == "请选择…"  # required
    assert choices["parent"] == "（无）" and choices["supervising_unit"] == "（无）"  # optional
    assert choices["division"] == "（方案所属区划）"  # a label the form gives itself is kept


def test_labels_a_form_sets_itself_are_kept(client, world):
    client.force_login(world.users["coord"])
    choices = _empty_choices(client.get(reverse("ledger:task_list")).content.decode())
    assert set(choices.values()) == {"全部"}, choices


def test_every_widget_gets_bootstraps_class_unless_its_form_sets_one():
    """Fields fit a phone whatever form they are in: the renderer gives each widget that names no class
    Bootstrap's (a text box form-control, a select form-select, a check box and each radio form-check-input),
    and keeps the class a form chose (a small filter select)."""
    from django import forms

    class Sample(forms.Form):
        name = forms.CharField()
        kind = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙")])
        agreed = forms.BooleanField(required=False)
        answer = forms.ChoiceField(choices=[("y", "是"), ("n", "否")], widget=forms.RadioSelect)
        small = forms.ChoiceField(choices=[("a", "甲")], widget=forms.Select(attrs={"class": "form-select-sm x"}))
        token = forms.CharField(widget=forms.HiddenInput)

    html = str(Sample().as_div())
    tags = {name: re.search(rf'<(?:input|select)[^>]*name="{name}"[^>]*>', html).group(0)
            for name in ("name", "kind", "agreed", "small", "token")}
    assert 'class="form-control"' in tags["name"]
    assert 'class="form-select"' in tags["kind"]
    assert 'class="form-check-input"' in tags["agreed"]
    assert 'class="form-select-sm x"' in tags["small"]
    assert "class=" not in tags["token"]
    radios = re.findall(r'<input[^>]*name="answer"[^>]*>', html)
    assert len(radios) == 2 and all('class="form-check-input"' in r for r in radios)
    # A choice a template draws on its own ({{ choice.tag }}) is a check box too, not a text box.
    assert all('class="form-check-input"' in str(choice.tag()) for choice in Sample()["answer"])
