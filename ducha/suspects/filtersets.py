"""Filters of the suspects page and API (bounded like every filterset of the project)."""

import django_filters as df
from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter, set_choices

from .models import Suspect, SuspectState


def _rule_choices():
    from . import rules

    return [(r.code, r.label) for r in rules.rules()]


class SuspectFilterSet(BoundedFilterSet):
    plan = IdFilter(field_name="task__plan_id", label=_("方案 id / plan id"))
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))
    rule = df.MultipleChoiceFilter(choices=_rule_choices(), distinct=False, label=_("规则 / rule"))
    state = df.MultipleChoiceFilter(choices=SuspectState.choices, distinct=False, label=_("状态 / state"))

    class Meta:
        model = Suspect
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules are registered when the apps are ready, after this class is defined.
        set_choices(self, "rule", _rule_choices())
