"""The notifications page (站内通知): the user's own, newest first, paginated; mark one or all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import actions

PAGE_SIZE = 20


@login_required
def notification_list(request):
    rows = actions.own(request.user)
    if request.GET.get("unread") == "1":
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows.order_by("-created_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "page": page, "unread_only": request.GET.get("unread") == "1", "unread": actions.unread_count(request.user),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
    })


@login_required
@require_POST
def mark_read(request, pk):
    """Mark read, then follow the notification's link when asked to ("open")."""
    notification = actions.mark_read(acting_user=request.user, notification_id=pk)
    target = notification.url if request.POST.get("open") == "1" else request.POST.get("next", "")
    # Only a path on this site: redirect() would read any other text as a view name to reverse (a 500).
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                  require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    n = actions.mark_all_read(acting_user=request.user)
    messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": n})
    return redirect("notifications:list")
