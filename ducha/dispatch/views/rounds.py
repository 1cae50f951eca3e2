"""Pages of dispatch rounds: the list, opening one, the round page, its buttons, its export and the
officer's own obligations (我的调度任务)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.core.actions import RepeatedSubmission, StaleEdit
from ducha.core.filters import refuse_query
from ducha.jurisdictions.models import Unit
from ducha.ledger.models import Task

from .. import actions
from ..board import board
from ..exporting import XLSX, export_round, export_name
from ..forms import ObligationQuery, RoundFilterSet, RoundForm, ScheduleForm
from ..models import Obligation, Round, RoundSchedule, RoundState, Status, status_of
from ..workflow import ROUND_WORKFLOW, is_office, may_export, may_open

TASKS_PER_PAGE = 30
STATUS_CLASS = {Status.FILED: "success", Status.LATE: "warning", Status.MISSING: "danger",
                Status.PENDING: "secondary"}
LABELS = dict(Status.choices)


def _refused(request, error):
    messages.error(request, "；".join(getattr(error, "messages", None) or [str(error)]))


# The form's field for an action's input the form gives in other terms (the due moment: its date and time).
FORM_FIELD = {"due_at": "due_on"}


def _on_form(form, act, **kwargs):
    """Run an action for a form: its refusals shown on the form (each on its field), None returned."""
    try:
        return act(**kwargs)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            field = FORM_FIELD.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    except PermissionDenied as error:
        form.add_error(None, str(error))
    return None


@login_required
def round_list(request):
    rounds = Round.objects.restrict(request.user).select_related("plan", "division")
    filterset = RoundFilterSet(request.GET or None, queryset=rounds, request=request)
    if request.GET and not filterset.is_valid():
        return refuse_query(request, filterset.form)
    page = Paginator(filterset.qs.order_by("-opened_at", "-id"), 30).get_page(request.GET.get("page"))
    rows = list(page)
    counts = {}
    if rows:
        owed = Obligation.objects.restrict(request.user).filter(round__in=rows)
        for round_ in rows:
            counts[round_.pk] = board(round_, obligations=owed.filter(round=round_))
    for round_ in rows:
        round_.board = counts[round_.pk]
    return render(request, "dispatch/round_list.html", {
        "page": page, "rounds": rows, "filter": filterset.form, "may_open": may_open(request.user)})


@login_required
def round_create(request):
    if not may_open(request.user):
        raise PermissionDenied(_("只有整改办可以发起调度。"))
    form = RoundForm(request.POST or None, user=request.user,
                     initial={"plan": request.GET.get("plan")} if request.GET.get("plan", "").isdigit() else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = _on_form(form, actions.open_round, acting_user=request.user, title=data["title"],
                              kind=data["kind"], plan=data["plan"], tasks=data.get("tasks") or (),
                              due_at=data["due_at"], period_start=data["period_start"], period_end=data["period_end"])
        except RepeatedSubmission as repeat:
            messages.info(request, str(repeat))
            return redirect("dispatch:round_detail", pk=repeat.obj.pk)
        if round_ is not None:
            messages.success(request, _("已发起调度，%(n)s 个单位需要报送。") % {
                "n": Obligation.objects.filter(round=round_).values("unit_id").distinct().count()})
            return redirect("dispatch:round_detail", pk=round_.pk)
    return render(request, "dispatch/round_form.html", {"form": form})


def _visible_round(request, pk):
    return get_object_or_404(Round.objects.restrict(request.user).select_related("plan", "division"), pk=pk)


@login_required
def round_detail(request, pk):
    round_ = _visible_round(request, pk)
    query = ObligationQuery(request.GET or None)
    if request.GET and not query.is_valid():
        return refuse_query(request, query)
    params = query.cleaned_data if query.is_bound else {}
    now = timezone.now()
    owed = Obligation.objects.restrict(request.user).filter(round=round_)
    result = board(round_, now=now, obligations=owed)
    units = {u.pk: u for u in Unit.objects.filter(pk__in=list(result.by_unit)).only("pk", "name")}
    unit_rows = sorted(
        ({"unit": units[pk], "counts": c, "owing": c[Status.MISSING] + c[Status.PENDING], "total": sum(c.values())}
         for pk, c in result.by_unit.items()), key=lambda r: (-r["owing"], r["unit"].name))
    # The task table: tasks with an obligation matching the filters (in ledger order), a page at a time.
    status, unit = params.get("status"), params.get("unit")
    task_ids = [tid for tid, cells in result.by_task.items()
                if any((not status or s == status) and (not unit or u == unit) for u, s, _f in cells)]
    page = Paginator(task_ids, TASKS_PER_PAGE).get_page(params.get("page"))
    tasks = {}
    if len(page):
        tasks = {t.pk: t for t in Task.objects.filter(pk__in=list(page)).select_related("problem", "parent").only(
            "pk", "number", "plan_id", "problem__description", "target", "measures", "parent_id", "parent__number",
            "parent__plan_id")}
    task_url = reverse("ledger:task_detail", args=[0]).removesuffix("0/")  # one reverse, not one per row
    task_rows = [{"task": tasks[tid], "url": f"{task_url}{tid}/", "cells": [
        {"unit": units[u], "status": s, "label": LABELS[s], "css": STATUS_CLASS[s],
         "filed": timezone.localtime(f).strftime("%Y-%m-%d %H:%M") if f else ""}
        for u, s, f in result.by_task[tid]]} for tid in page if tid in tasks]
    office = is_office(request.user, round_)
    return render(request, "dispatch/round_detail.html", {
        "round": round_, "board": result, "unit_rows": unit_rows, "task_rows": task_rows, "page": page,
        "query": query, "statuses": [(s, Status(s).label, STATUS_CLASS[s], result.counts[s]) for s in
                                     (Status.FILED, Status.LATE, Status.MISSING, Status.PENDING)],
        "office": office, "transitions": ROUND_WORKFLOW.available(request.user, round_) if office else [],
        "last_reminder": round_.reminders.select_related("sent_by").first(),
        "may_export": may_export(request.user, round_),
        "overdue": now > round_.due_at,
    })


@login_required
@require_POST
def round_remind(request, pk):
    round_ = _visible_round(request, pk)
    try:
        reminder = actions.remind_missing(acting_user=request.user, round_=round_)
    except ValidationError as error:
        _refused(request, error)
    else:
        if reminder.people:
            messages.success(request, _("已提醒 %(units)s 个单位的 %(people)s 人（%(n)s 项未报）。") % {
                "units": reminder.units, "people": reminder.people, "n": reminder.obligations})
        else:
            messages.info(request, _("没有需要提醒的人员。"))
    return redirect("dispatch:round_detail", pk=round_.pk)


@login_required
@require_POST
def round_transition(request, pk, name):
    round_ = _visible_round(request, pk)
    version = request.POST.get("version", "")
    try:
        if name == "close":
            actions.close_round(acting_user=request.user, round_=round_, version=version)
        elif name == "reopen":
            actions.reopen_round(acting_user=request.user, round_=round_, reason=request.POST.get("reason", ""),
                                 version=version)
        else:
            raise Http404
    except (ValidationError, StaleEdit) as error:
        _refused(request, error)
    else:
        messages.success(request, _("已结束该调度。") if name == "close" else _("已重新开启该调度。"))
    return redirect("dispatch:round_detail", pk=round_.pk)


@login_required
def round_export(request, pk):
    round_ = _visible_round(request, pk)
    if not may_export(request.user, round_):
        raise PermissionDenied(_("无权导出该调度表。"))
    import tempfile

    out = tempfile.TemporaryFile()
    export_round(round_, out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=export_name(round_), content_type=XLSX)


@login_required
def my_obligations(request):
    """我的调度任务: the obligations of the officer's unit in open rounds, with their status and a link to the
    report form."""
    user = request.user
    now = timezone.now()
    rows = []
    if user.unit_id:
        owed = (Obligation.objects.restrict(user).filter(round__state=RoundState.OPEN, unit_id=user.unit_id)
                .with_filing().select_related("round", "task", "task__problem", "task__parent", "task__plan")
                .order_by("round__due_at", "round_id", "task__sort_key")[:500])
        for o in owed:
            status = status_of(o.filed, o.round.due_at, now)
            rows.append({"o": o, "status": status, "label": Status(status).label, "css": STATUS_CLASS[status]})
    return render(request, "dispatch/my_obligations.html", {"rows": rows, "now": now})


@login_required
def schedule_list(request):
    schedules = RoundSchedule.objects.restrict(request.user).select_related("plan")
    form = ScheduleForm(request.POST or None, user=request.user) if may_open(request.user) else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("只有整改办可以设置定期调度。"))
        if form.is_valid():
            data = form.cleaned_data
            if _on_form(form, actions.create_schedule, acting_user=request.user, plan=data["plan"], kind=data["kind"],
                        weekday=data["weekday"], day_of_month=data["day_of_month"],
                        due_after_days=data["due_after_days"]) is not None:
                messages.success(request, _("已新建定期调度，系统将按时自动发起。"))
                return redirect("dispatch:schedule_list")
    return render(request, "dispatch/schedule_list.html", {"schedules": schedules, "form": form})


@login_required
@require_POST
def schedule_toggle(request, pk):
    schedule = get_object_or_404(RoundSchedule.objects.restrict(request.user), pk=pk)
    # The state the button asks for, never the opposite of the current one: from a stale page that would
    # undo what someone else just did.
    wanted = request.POST.get("active")
    if wanted not in ("0", "1"):
        messages.error(request, _("请选择启用或停用。"))
        return redirect("dispatch:schedule_list")
    try:
        actions.set_schedule_active(acting_user=request.user, schedule=schedule, active=wanted == "1")
    except (PermissionDenied, ValidationError) as error:
        _refused(request, error)
    else:
        messages.success(request, _("已启用定期调度。") if wanted == "1" else _("已停用定期调度。"))
    return redirect("dispatch:schedule_list")
