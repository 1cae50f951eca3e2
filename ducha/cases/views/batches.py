"""The batch page (its cases, counts, routing in bulk) and importing a batch: upload → preview (dry run)
→ confirm. The upload waits in storage between preview and confirmation (ducha.ledger.importing.uploads);
an upload over the size cap is refused while it streams in (ducha.core.uploads)."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core import scoping
from ducha.core.uploads import refusal
from ducha.ledger.importing import uploads
from ducha.ledger.models import Inspection

from .. import actions
from ..forms import ImportForm
from ..importing import import_batch
from ..models import Batch, Case, CaseState, RepeatLink, RepeatStatus, Routing
from .common import messages_of, run

SESSION_KEY = "cases_import"
PREVIEW_ROWS = 300


@login_required
def batch_detail(request, pk):
    batch = get_object_or_404(Batch.objects.restrict(request.user).select_related("inspection"), pk=pk)
    cases = Case.objects.restrict(request.user).filter(batch=batch).select_related("division", "lead_unit")
    counts = cases.aggregate(total=Count("id"), done=Count("id", filter=Q(state=CaseState.DONE)),
                             staged=Count("id", filter=Q(state=CaseState.STAGED)),
                             handling=Count("id", filter=Q(state=CaseState.HANDLING)),
                             proposed=Count("id", filter=Q(routing=Routing.PROPOSED)),
                             pending=Count("id", filter=Q(routing=Routing.PENDING)))
    repeats = RepeatLink.objects.filter(case__in=cases.values("pk"), status=RepeatStatus.PROPOSED).count()
    return render(request, "cases/batch.html", {
        "batch": batch, "cases": cases.order_by("serial", "id")[:500], "counts": counts, "repeats": repeats,
        "is_office": scoping.can_in_division(request.user, scoping.ADD, batch.inspection.division)})


@login_required
@require_POST
def batch_confirm_routes(request, pk):
    batch = get_object_or_404(Batch.objects.restrict(request.user), pk=pk)
    proposed = list(Case.objects.restrict(request.user, scoping.CHANGE).filter(batch=batch, routing=Routing.PROPOSED))

    def said(done):
        if done:
            return _("已确认 %(n)s 件的分办。") % {"n": len(done)}
        if not proposed:
            return _("本批没有待确认的分办建议，未作改动。")
        return _("本批的分办建议都未找到牵头单位，未作改动；请逐件分办。")

    run(request, actions.confirm_routes, said, cases=proposed)
    return redirect(batch)


def _inspections(user):
    return [i for i in Inspection.objects.restrict(user, scoping.CHANGE).select_related("division")
            if scoping.can_in_division(user, scoping.ADD, i.division)]


def _run(request, pending, dry_run):
    inspection = get_object_or_404(Inspection, pk=pending["inspection"])
    try:
        fh = uploads.open_upload(pending["token"])
    except (FileNotFoundError, ValueError):
        raise ValidationError(_("导入预览已失效，请重新上传文件。")) from None
    transferred = dt.date.fromisoformat(pending["transferred_on"]) if pending.get("transferred_on") else None
    with fh:
        return import_batch(acting_user=request.user, inspection=inspection, batch_number=pending["batch"],
                            file=fh, transferred_on=transferred, dry_run=dry_run, source_name=pending["filename"])


def _discard(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        uploads.discard(pending.get("token", ""))


def _preview(context, report, pending):
    columns = list(report.rows[0]) if report.rows else []
    context.update(report=report, pending=pending, rows=report.rows[:PREVIEW_ROWS], columns=columns)


@login_required
def batch_import(request):
    inspections = _inspections(request.user)
    if not inspections:
        raise PermissionDenied
    context = {}
    action = request.POST.get("action")
    if request.method == "POST" and action in ("confirm", "cancel"):
        pending = request.session.get(SESSION_KEY)
        if action == "cancel" or not pending or pending.get("token") != request.POST.get("token"):
            if action != "cancel":
                messages.error(request, _("导入预览已失效，请重新上传文件。"))
            _discard(request)
            return redirect("cases:import")
        try:
            report = _run(request, pending, dry_run=False)
        except ValidationError as error:
            messages.error(request, "；".join(messages_of(error)))
            return redirect("cases:import")
        if report.ok:
            _discard(request)
            messages.success(request, _("导入完成：新增 %(c)s 件，未变 %(u)s 件，待分办 %(p)s 件。") % {
                "c": report.created, "u": report.unchanged, "p": report.pending})
            return redirect(report.batch) if report.batch else redirect("cases:list")
        _preview(context, report, pending)
        context["form"] = ImportForm(initial=pending, inspections=inspections)
        return render(request, "cases/import.html", context)
    form = ImportForm(request.POST or None, request.FILES or None, inspections=inspections)
    refused = refusal(request)
    if refused:
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error(None, refused)
    elif request.method == "POST" and form.is_valid():
        _discard(request)
        data = form.cleaned_data
        pending = {"token": uploads.save(data["file"]), "inspection": data["inspection"], "batch": data["batch"],
                   "transferred_on": data["transferred_on"].isoformat() if data["transferred_on"] else "",
                   "filename": data["file"].name[:255]}
        request.session[SESSION_KEY] = pending
        try:
            _preview(context, _run(request, pending, dry_run=True), pending)
        except (ValidationError, PermissionDenied) as error:
            _discard(request)
            for message in messages_of(error):
                form.add_error(None, message)
    context["form"] = form
    return render(request, "cases/import.html", context)
