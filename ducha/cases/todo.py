"""What complaint cases ask of users on the my-work page and in the daily digest:

- officers: the cases their unit leads, routed and not yet reported (`cases_handle`), soonest deadline
  first; those due within two working days also in "due_soon", past the deadline in "overdue";
- coordinators: cases waiting to be routed (`cases_route`) and reported records waiting for review
  (`cases_review`) in their division.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.notifications.todo import OFFICE, OFFICERS, PAGE_LIMIT, TodoItem

from .deadlines import due_soon_limit
from .models import Case, CaseState, Review, Routing

# (code, label, order, in digest, the roles it is for)
SECTIONS = [
    ("cases_handle", gettext_lazy("待办信访件"), 52, True, OFFICERS),
    ("cases_route", gettext_lazy("待分办信访件"), 53, True, OFFICE),
    ("cases_review", gettext_lazy("待审核信访件"), 54, True, OFFICE),
]


def _to_handle(user):
    if not user.is_active or user.role != Role.OFFICER or not user.unit_id:
        return Case.objects.none()
    return Case.objects.filter(lead_unit_id=user.unit_id, routing=Routing.CONFIRMED, state=CaseState.HANDLING,
                               reported_at__isnull=True)


def _office(user, condition):
    if not user.is_active or not (user.is_admin or user.role == Role.COORDINATOR):
        return Case.objects.none()
    return scoping.restrict(Case.objects.filter(condition), user, scoping.CHANGE)


def _to_route(user):
    return _office(user, ~Q(routing=Routing.CONFIRMED))


def _to_review(user):
    return _office(user, Q(review=Review.PENDING))


def _title(case):
    return f"{case} · {case.summary[:40]}"


def _items(section, rows, detail):
    return [TodoItem(section=section, title=_title(c), url=c.get_absolute_url(), due=c.due_on,
                     key=f"case:{c.pk}:{section}", detail=detail(c)) for c in rows]


def cases_handle(user, today):
    rows = list(_to_handle(user).select_related("batch").order_by("due_on", "id")[:PAGE_LIMIT])
    soon = due_soon_limit(today) if rows else today
    items = _items("cases_handle", rows, lambda c: _("%(d)s 前报送办理结果") % {"d": c.due_on})
    items += _items("overdue", [c for c in rows if c.due_on and c.due_on < today],
                    lambda c: _("信访件办理已逾期（时限 %(d)s）") % {"d": c.due_on})
    items += _items("due_soon", [c for c in rows if c.due_on and today <= c.due_on <= soon],
                    lambda c: _("信访件 %(d)s 到期") % {"d": c.due_on})
    return items


def cases_route(user, today):
    rows = _to_route(user).select_related("batch").order_by("batch__number", "id")[:PAGE_LIMIT]
    return _items("cases_route", rows, lambda c: c.get_routing_display())


def cases_review(user, today):
    rows = _to_review(user).select_related("batch").order_by("reported_at", "id")[:PAGE_LIMIT]
    return _items("cases_review", rows, lambda c: _("已报送，待审核"))


COUNTS = {"cases_handle": _to_handle, "cases_route": _to_route, "cases_review": _to_review}
FILTERS = {"cases_handle": "mine=1", "cases_route": "routing=open", "cases_review": "review=pending"}


def count(code):
    return lambda user, today: COUNTS[code](user).count()


def more_url(code):
    return lambda user, today: f"{reverse('cases:list')}?{FILTERS[code]}"
