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
