"""Ledger pages: list, export, detail, create, edit, supervisor flags."""

import io
from collections import Counter

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.audit.services import history
from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger import services
from ducha.ledger.filtersets import TaskFilterSet
from ducha.ledger.forms import (
    FlagForm, ProgressForm, StageFormSet, TaskForm, add_service_errors, may_edit_everything, stage_list,
)
from ducha.ledger.models import Task, TaskState

from .changes import describe_history
from .common import QuickSelect, for_table, responsible_unit_ids, table_rows

PAGE_SIZE = 50


def ledger_filterset(request, queryset=None):
    """The shared TaskFilterSet over what the user may see, with the choice
    lists cut down to the user's reach so the panel stays short."""
    visible = Task.objects.restrict(request.user)
    filterset = TaskFilterSet(request.GET, queryset=queryset if queryset is not None else visible,
                              request=request)
    fields = filterset.form.fields
    scope = request.user.scope_division
    if scope is not None:
        fields["division"].queryset = Division.objects.filter(path__startswith=scope.path, level__lte=3)
    else:
        fields["division"].queryset = Division.objects.filter(level__lte=2)
    for name in ("inspection", "plan", "division", "unit", "domain"):
        # Performance: same markup, no template per option (see QuickSelect).
        fields[name].widget = QuickSelect(choices=fields[name].choices)
        fields[name].empty_label = _("全部")
    # Performance: the units with visible tasks are found once, as ids, so that
    # validating the chosen unit and listing the options are both cheap.
    fields["unit"].queryset = Unit.objects.filter(pk__in=responsible_unit_ids(visible)).only(
        "id", "name").order_by("division__code", "name")
    fields["overdue"].widget = forms.Select(choices=[("", _("全部")), ("true", _("已逾期")), ("false", _("未逾期"))])
    for name in ("inspection", "plan", "division", "unit", "domain", "overdue"):
        fields[name].widget.attrs["class"] = "form-select form-select-sm"
    return filterset


@login_required
def task_list(request):
    filterset = ledger_filterset(request)
    if filterset.is_bound and not filterset.is_valid():
        tasks = Task.objects.none()
    else:
        tasks = filterset.qs
    # Performance: count and pick the page's ids on the task table alone, then
    # load those rows with their related names (a broad search otherwise joins
    # and sorts thousands of wide rows to show fifty).
    page = Paginator(tasks.values_list("pk", flat=True), PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = table_rows(list(page.object_list), request.user)
    active = [k for k, v in request.GET.lists() if k not in ("page", "ordering", "q") and any(v)]
    return render(request, "ledger/task_list.html", {
        "filterset": filterset, "form": filterset.form, "page": page, "tasks": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "active_filters": len(active), "can_add": scoping.role_allows(request.user, scoping.ADD),
        "today": timezone.localdate(),
    })


@login_required
def task_export(request):
    from ducha.ledger.exporting import export_ledger

    filterset = ledger_filterset(request)
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(_("筛选条件有误，无法导出。"))
    out = io.BytesIO()
    export_ledger(filterset.qs, out)
    out.seek(0)
    name = _("整改台账-%(date)s.xlsx") % {"date": timezone.localdate().strftime("%Y%m%d")}
    return FileResponse(out, as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _visible_task(request, pk):
    # 404, not 403: a task outside the user's reach must not reveal that it exists.
    return get_object_or_404(
        Task.objects.restrict(request.user).select_related(
            "plan", "parent", "parent__plan", "problem", "problem__inspection", "division", "lead_unit",
            "supervising_unit", "acceptance_unit",
        ),
        pk=pk,
    )


@login_required
def task_detail(request, pk):
    task = _visible_task(request, pk)
    user = request.user
    children = for_table(Task.objects.restrict(user).filter(parent=task), user).order_by("plan", "number", "id")
    children = list(children)
    rollup = None
    if children:
        # The roll-up covers the sub-tasks the user may see, already loaded.
        counts = Counter(child.state for child in children)
        rollup = {
            "states": [(s, label, counts.get(s, 0)) for s, label in TaskState.choices],
            "progress": sum(child.progress for child in children) / len(children),
        }
    can_flag = scoping.can(user, scoping.FLAG, task)
    return render(request, "ledger/task_detail.html", {
        "task": task,
        "units": task.ordered_units(),
        "stages": list(task.stages.order_by("position")),
        "domains": list(task.domains.all()),
        "parent_visible": task.parent_id and Task.objects.restrict(user).filter(pk=task.parent_id).exists(),
        "children": children,
        "rollup": rollup,
        "flags": list(task.flags.select_related("raised_by")),
        "history": describe_history(history(task).select_related("actor")),
        "can_change": scoping.can(user, scoping.CHANGE, task),
        "can_flag": can_flag,
        "flag_form": FlagForm() if can_flag else None,
    })


@login_required
@require_POST
def task_flag(request, pk):
    task = _visible_task(request, pk)
    form = FlagForm(request.POST)
    if form.is_valid():
        try:
            services.flag_task(acting_user=request.user, task=task, note=form.cleaned_data["note"],
                               request_id=request.request_id)
        except ValidationError as error:
            messages.error(request, " ".join(m for ms in error.message_dict.values() for m in ms))
        else:
            messages.success(request, _("督导标记已记录。"))
    else:
        messages.error(request, _("请填写督导意见。"))
    return redirect("ledger:task_detail", pk=task.pk)


def _save(request, form, stages, task=None, plan=None):
    """Call the service; on a validation error show it on the form. Returns the task or None."""
    kwargs = form.service_kwargs()
    if stages is not None:
        kwargs["stages"] = stage_list(stages)
    try:
        if task is None:
            return services.create_task(acting_user=request.user, plan=plan, request_id=request.request_id,
                                        **kwargs)
        return services.update_task(acting_user=request.user, task=task, request_id=request.request_id, **kwargs)
    except ValidationError as error:
        errors = dict(getattr(error, "error_dict", {}))
        if stages is not None and "stages" in errors:
            stages._non_form_errors = stages.error_class(error.message_dict["stages"])
            del errors["stages"]
            error = ValidationError(errors) if errors else None
        if error is not None:
            add_service_errors(form, error)
        return None


@login_required
def task_create(request):
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied
    form = TaskForm(request.POST or None, user=request.user, initial={"plan": request.GET.get("plan")})
    stages = StageFormSet(request.POST or None, prefix="stages")
    if request.method == "POST" and form.is_valid() & stages.is_valid():
        task = _save(request, form, stages, plan=form.cleaned_data["plan"])
        if task is not None:
            messages.success(request, _("已新建整改任务 %(number)s。") % {"number": task.number})
            return redirect("ledger:task_detail", pk=task.pk)
    return render(request, "ledger/task_form.html", {"form": form, "stages": stages, "full": True})


@login_required
def task_edit(request, pk):
    task = _visible_task(request, pk)
    if not scoping.can(request.user, scoping.CHANGE, task):
        raise PermissionDenied
    full = may_edit_everything(request.user, task=task)
    data = request.POST or None
    if full:
        form = TaskForm(data, instance=task, user=request.user)
        initial = [{"name": s.name, "due": s.due} for s in task.stages.order_by("position")]
        stages = StageFormSet(data, prefix="stages", initial=initial)
    else:
        form, stages = ProgressForm(data, instance=task, user=request.user), None
    if request.method == "POST" and form.is_valid() & (stages is None or stages.is_valid()):
        saved = _save(request, form, stages, task=task)
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("ledger:task_detail", pk=saved.pk)
    return render(request, "ledger/task_form.html", {"form": form, "stages": stages, "full": full, "task": task})
