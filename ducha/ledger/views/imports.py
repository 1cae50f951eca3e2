"""Importing a ledger spreadsheet: upload → preview (dry run) → confirm.

The upload waits between preview and confirmation in storage
(ducha.ledger.importing.uploads); an upload over the size cap is refused
while it streams in (ducha.core.uploads) and never stored.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.core.uploads import refusal
from ducha.ledger.forms import ImportForm
from ducha.ledger.importing import uploads
from ducha.ledger.models import Plan

SESSION_KEY = "ledger_import"
PREVIEW_ROWS = 300


def _run(request, pending, dry_run):
    from ducha.ledger.importing import import_ledger

    try:
        fh = uploads.open_upload(pending["token"])
    except (FileNotFoundError, ValueError):
        raise ValidationError(_("导入预览已失效，请重新上传文件。")) from None
    with fh:
        return import_ledger(acting_user=request.user, plan_code=pending["plan_code"], file=fh,
                             dry_run=dry_run, create_units=pending["create_units"])


def _discard(request):
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        uploads.discard(pending.get("token", ""))


def _columns(rows):
    columns = []
    for row in rows[:50]:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns


@login_required
def task_import(request):
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied
    plan_codes = Plan.objects.restrict(request.user, scoping.ADD).values_list("code", "title")
    context = {"plan_codes": plan_codes}
    action = request.POST.get("action")
    if request.method == "POST" and action == "confirm":
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(request, _("导入预览已失效，请重新上传文件。"))
            return redirect("ledger:task_import")
        try:
            report = _run(request, pending, dry_run=False)
        except ValidationError as error:
            messages.error(request, "；".join(error.messages))
            return redirect("ledger:task_import")
        if report.ok:
            _discard(request)
            messages.success(request, _("导入完成：新增 %(created)s 条，更新 %(updated)s 条，未变 %(unchanged)s 条。") % {
                "created": report.created, "updated": report.updated, "unchanged": report.unchanged})
            return redirect(reverse("ledger:task_list") + "?" + urlencode({"plan_code": pending["plan_code"]}))
        context.update(report=report, pending=pending, rows=report.rows[:PREVIEW_ROWS],
                       columns=_columns(report.rows), form=ImportForm(initial=pending))
        return render(request, "ledger/task_import.html", context)
    if request.method == "POST" and action == "cancel":
        _discard(request)
        return redirect("ledger:task_import")

    form = ImportForm(request.POST or None, request.FILES or None)
    refused = refusal(request)
    if refused:  # the file was cut off while streaming in: say why, not "this field is required"
        form = ImportForm(request.POST, request.FILES)
        form.is_valid()
        form.errors.pop("file", None)
        form.add_error(None, refused)
        context["form"] = form
        return render(request, "ledger/task_import.html", context)
    if request.method == "POST" and form.is_valid():
        _discard(request)
        token = uploads.save(form.cleaned_data["file"])
        pending = {"token": token, "plan_code": form.cleaned_data["plan_code"].strip(),
                   "create_units": form.cleaned_data["create_units"], "filename": form.cleaned_data["file"].name}
        request.session[SESSION_KEY] = pending
        try:
            report = _run(request, pending, dry_run=True)
        except ValidationError as error:
            _discard(request)
            for message in error.messages:
                form.add_error(None, message)
        else:
            context.update(report=report, pending=pending, rows=report.rows[:PREVIEW_ROWS],
                           columns=_columns(report.rows))
    context["form"] = form
    return render(request, "ledger/task_import.html", context)
