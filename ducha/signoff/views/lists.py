"""The reviewers' worklist (待审核/待现场核查/待签字/待公示/公示中/待销号), the lagging report (acceptance more
than 30 days behind completion), and the downloads (documents, case file)."""

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.ledger.models import Task
from ducha.ledger.models.tasks import ACCEPTANCE_LAG_DAYS as LAG_DAYS
from ducha.ledger.models.tasks import ACCEPTANCE_STATES

from .. import casefile, documents, publication
from ..models import Application, ApplicationState, DocumentKind, Objection

A = ApplicationState
TABS = [
    ("review", gettext_lazy("待审核"), (A.SUBMITTED,)),
    ("onsite", gettext_lazy("待现场核查"), (A.REVIEWED,)),
    ("sign", gettext_lazy("待签字"), (A.CHECKED,)),
    ("publish", gettext_lazy("待公示"), (A.SIGNED,)),
    ("notice", gettext_lazy("公示中"), (A.IN_NOTICE,)),
    ("signoff", gettext_lazy("待销号"), (A.IN_NOTICE,)),
]


def _tab_queryset(user, code, today):
    states = dict((c, s) for c, _l, s in TABS)[code]
    found = Application.objects.restrict(user).filter(state__in=states)
    open_objection = Objection.objects.filter(notice__application=OuterRef("pk"), answer__isnull=True)
    if code == "signoff":
        found = found.filter(notice__ends_on__lt=today).exclude(Exists(open_objection))
    elif code == "notice":
        found = found.filter(notice__ends_on__gte=today)
    return found


@login_required
def worklist(request):
    today = timezone.localdate()
    tabs = [(c, label, _tab_queryset(request.user, c, today).count()) for c, label, _s in TABS]
    code = request.GET.get("tab")
    if code not in {c for c, _l, _s in TABS}:
        # Opened from the menu: the first tab with something to do, not an empty 待审核 beside full tabs.
        code = next((c for c, _l, count in tabs if count), "review")
    rows = (_tab_queryset(request.user, code, today).select_related("task", "unit", "notice")
            .order_by("submitted_at", "id"))
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "signoff/worklist.html", {"tabs": tabs, "tab": code, "page": page, "today": today})


@login_required
def lagging(request):
    """Tasks claimed done more than 30 days ago and still not signed off."""
    today = timezone.localdate()
    cutoff = today - dt.timedelta(days=LAG_DAYS)
    tasks = (Task.objects.restrict(request.user).filter(state__in=ACCEPTANCE_STATES, completed_on__lt=cutoff)
             .select_related("lead_unit", "plan").order_by("completed_on", "id"))
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    for task in page:
        task.lag_days = (today - task.completed_on).days
    return render(request, "signoff/lagging.html", {"page": page, "lag_days": LAG_DAYS})


@login_required
def document(request, pk, kind):
    if kind not in DocumentKind.values:
        raise Http404
    application = get_object_or_404(Application.objects.restrict(request.user).select_related("task", "unit"), pk=pk)
    return document_response(application, kind)


def document_response(application, kind):
    data = documents.render(application, kind)
    name = f"{DocumentKind(kind).label}-{application.task.number}.docx"
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name):
    from urllib.parse import quote

    return quote(name)


@login_required
def case_file(request, pk):
    task = get_object_or_404(Task.objects.restrict(request.user), pk=pk)
    try:
        out = casefile.build(task, objections=publication.reads_objector(request.user, task))
    except casefile.TooLarge:
        return HttpResponse(_("一案一档过大，请分申请下载。"), status=413)
    return FileResponse(out, as_attachment=True, filename=f"一案一档-{task.number}.zip", content_type="application/zip")


