"""To-do items (我的待办) of acceptance: the lead unit's applications to write or resubmit, the reviewer's
applications to review, check or sign, and the office's signed opinions to publish and notices to sign off."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.ledger.models import Task
from ducha.notifications.todo import PAGE_LIMIT, TodoItem

from .models import Application, ApplicationState, Objection

A = ApplicationState
SECTION = "acceptance"
WHAT = {A.DRAFT: _("填写并提交验收申请"), A.RETURNED: _("按退回意见补充后重新提交"), A.SUBMITTED: _("资料审核"),
        A.REVIEWED: _("现场核查"), A.CHECKED: _("审核签字"), A.SIGNED: _("发布公示"), A.IN_NOTICE: _("公示期满，验收销号")}


def _owed(user, today):
    """The applications waiting for this user's step, through the same rules as the transitions."""
    if not user.is_active:
        return Application.objects.none()
    visible = Application.objects.restrict(user).filter(stage__isnull=True)
    mine = Q(pk__in=[])
    if user.role == Role.OFFICER and user.unit_id:
        mine |= Q(state__in=(A.DRAFT, A.RETURNED), task__lead_unit_id=user.unit_id)
        mine |= Q(state__in=(A.SUBMITTED, A.REVIEWED, A.CHECKED), task__acceptance_unit_id=user.unit_id)
    if scoping.role_allows(user, scoping.ADD):
        in_reach = Q(task__in=scoping.restrict(Task.objects.all(), user, scoping.CHANGE).values("pk"))
        open_objection = Objection.objects.filter(notice__application=OuterRef("pk"), answer__isnull=True)
        due = Q(state=A.IN_NOTICE, notice__ends_on__lt=today) & ~Exists(open_objection)
        mine |= in_reach & (Q(state__in=(A.SUBMITTED, A.REVIEWED, A.CHECKED, A.SIGNED)) | due)
    return visible.filter(mine)


def acceptance_owed(user, today):
    rows = _owed(user, today).select_related("task").order_by("submitted_at", "id")[:PAGE_LIMIT]
    return [TodoItem(section=SECTION, title=_("任务 %(number)s：%(title)s") % {
        "number": a.task.number, "title": a.task.title}, detail=str(WHAT.get(a.state, a.get_state_display())),
        url=reverse("ledger:task_detail", args=[a.task_id]) + "#signoff", key=f"signoff:{a.pk}:{a.state}")
        for a in rows]


def count_owed(user, today):
    return _owed(user, today).count()


def owed_url(user, today):
    return reverse("signoff:worklist")
