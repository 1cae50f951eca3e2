"""The admin site (系统管理) is in Chinese: every column its lists show is named in Chinese (ID as Chinese
interfaces write it)."""

import re

from django.contrib import admin
from django.contrib.admin.utils import label_for_field


def test_every_column_of_an_admin_list_has_a_chinese_name():
    english = []
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("ducha."):
            continue
        for name in model_admin.list_display:
            label = str(label_for_field(name, model, model_admin))
            if name != "__str__" and label != "ID" and re.fullmatch(r"[A-Za-z0-9 _]+", label):
                english.append(f"{model._meta.label}.{name}: {label}")
    assert english == []
