"""My work (我的待办) and the start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from ducha.core.roles import Role
from ducha.notifications import todo
from ducha.overview.views import overview


@login_required
def my_work(request):
    today = timezone.localdate()
    with todo.batch():  # the ledger's counts reuse its lists within this request
        groups = todo.grouped(request.user, today)
    return render(request, "mywork/my_work.html", {
        "groups": groups, "today": today, "total": sum(g.total for g in groups)})


@login_required
def start(request):
    """"/": an officer's day starts with what their unit owes; everyone else's with the overview
    (they reach 我的待办 from the menu)."""
    if request.user.role == Role.OFFICER and not request.user.is_admin:
        return my_work(request)
    return overview(request)
