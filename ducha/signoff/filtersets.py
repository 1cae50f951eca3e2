"""Filters of the sign-off applications API (bounded like every filterset of the project)."""

from django.utils.translation import gettext_lazy as _

from ducha.core.filters import BoundedFilterSet, IdFilter

from .models import Application


class ApplicationFilterSet(BoundedFilterSet):
    task = IdFilter(field_name="task_id", label=_("任务 id / task id"))

    class Meta:
        model = Application
        fields = []
