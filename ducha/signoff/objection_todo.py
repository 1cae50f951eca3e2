"""To-do items (我的待办) of the office: objections to sign-off notices awaiting its answer. Sign-off waits
for every answer, so they are owed soon: due by the end of the notice period."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.core import scoping
from ducha.notifications import todo

from .models import Objection

SECTION = "objections_owed"


def _owed(user):
    if not user.is_active or not scoping.role_allows(user, scoping.ADD):  # only offices answer: no query
        return Objection.objects.none()
    return Objection.objects.restrict(user).filter(answer__isnull=True, notice__closed_at__isnull=True)


def objections_owed(user, today):
    rows = _owed(user).select_related("notice__task").order_by("notice__ends_on", "received_at", "id")
    return [todo.TodoItem(section=SECTION, title=_("任务 %(number)s 的公示异议 %(receipt)s") % {
                "number": o.notice.task.number, "receipt": o.receipt_number},
            url=reverse("signoff:objection_detail", args=[o.pk]), due=o.notice.ends_on,
            key=f"objection:{o.pk}", detail=o.text[:60]) for o in rows[:todo.PAGE_LIMIT]]


def register():
    todo.register_section(SECTION, gettext_lazy("待答复的公示异议"), order=36, roles=todo.OFFICE,
                          count=lambda user, today: _owed(user).count(),
                          more_url=lambda user, today: reverse("signoff:objection_list") + "?status=open")
    todo.register(SECTION, objections_owed)
