"""Ledger pages: list, export, detail, create, edit."""

import io
from collections import Counter

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ducha.audit.services import history
from ducha.core import scoping
from ducha.core.actions import StaleEdit
from ducha.core.filters import refuse_query
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger import actions, panels, periodic, workflow
from ducha.ledger.actions.rules import OFFICE_FIELDS, editable_fields
from ducha.ledger.filtersets import OPEN_FLAG_STATES, TaskFilterSet
from ducha.ledger.forms import (
    StageFormSet, TaskForm, TransitionForm, VoidForm, add_service_errors, stage_list,
)
from ducha.ledger.models import Task, TaskState

from .changes import describe_history, last_return
from .common import QuickSelect, for_table, responsible_units, table_rows, void_or_restore

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
    # Performance: validating the chosen unit and listing the options are both cheap (see responsible_units).
    fields["unit"].queryset = responsible_units(visible).only("id", "name").order_by("division__code", "name")
    # Yes/no selects: QuickSelect too (Django's Select renders a template per option).
    fields["overdue"].widget = QuickSelect(choices=[("", _("全部")), ("true", _("已逾期")), ("false", _("未逾期"))])
    fields["flagged"].widget = QuickSelect(choices=[("", _("全部")), ("true", _("有")), ("false", _("无"))])
    for name in ("not_applied", "acceptance_lagging"):
        fields[name].widget = QuickSelect(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))])
    fields["rebound"].widget = QuickSelect(choices=[("", _("全部")), ("true", _("有")), ("false", _("无"))])
    for name in ("inspection", "plan", "division", "unit", "domain", "overdue", "flagged", "not_applied",
                 "acceptance_lagging", "rebound"):
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
    return render(request, "ledger/task_list.html", {
        "filterset": filterset, "form": filterset.form, "page": page, "tasks": page.object_list,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "can_add": scoping.role_allows(request.user, scoping.ADD),
        "today": timezone.localdate(),
    })


@login_required
def task_export(request):
    from ducha.ledger.exporting import export_ledger

    filterset = ledger_filterset(request)
    if filterset.is_bound and not filterset.is_valid():
        # Which filter is wrong, by name, and a way back to the list (not to an unfiltered download).
        return refuse_query(request, filterset.form, back=reverse("ledger:task_list"))
    out = io.BytesIO()
    export_ledger(filterset.qs, out)
    out.seek(0)
    name = _("整改台账-%(date)s.xlsx") % {"date": timezone.localdate().strftime("%Y%m%d")}
    return FileResponse(out, as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _visible_task(request, pk, include_voided=False):
    # 404, not 403: a task outside the user's reach must not reveal that it exists.
    return get_object_or_404(
        Task.objects.restrict(request.user, include_voided=include_voided).select_related(
            "plan", "parent", "parent__plan", "problem", "problem__inspection", "division", "lead_unit",
            "supervising_unit", "acceptance_unit",
        ),
        pk=pk,
    )


@login_required
def task_detail(request, pk):
    # A voided task still opens (with its reason and, for the office, a restore button); lists leave it out.
    task = _visible_task(request, pk, include_voided=True)
    user = request.user
    children = for_table(Task.objects.restrict(user).filter(parent=task).order_by("plan", "sort_key", "id"), user)
    rollup = None
    if children:
        # The roll-up covers the sub-tasks the user may see, already loaded.
        counts = Counter(child.state for child in children)
        rollup = {
            "states": [(s, label, counts.get(s, 0)) for s, label in TaskState.choices],
            "progress": sum(child.progress for child in children) / len(children),
        }
    is_office = scoping.can_in_division(user, scoping.ADD, task.division)
    state_label = task.get_state_display()
    if task.state == TaskState.SIGNED_OFF and periodic.is_under_check(task):
        state_label = _("%(state)s（已完成，长期坚持）") % {"state": state_label}
    described = describe_history(history(task).select_related("actor"))
    return render(request, "ledger/task_detail.html", {
        "task": task,
        "state_label": state_label,
        "panels": panels.render_panels(request, panels.TASK, task),
        "units": task.ordered_units(),
        "stages": list(task.stages.order_by("position")),
        "domains": list(task.domains.all()),
        "parent_visible": task.parent_id and Task.objects.restrict(user).filter(pk=task.parent_id).exists(),
        "children": children,
        "rollup": rollup,
        # Open flags (督导标记 not yet closed), through the reverse relation the supervision app declares.
        "open_flags": task.supervisions.filter(kind="flag", state__in=OPEN_FLAG_STATES).count(),
        "history": described,
        "returned": last_return(task, described),
        "can_change": bool(editable_fields(user, task)),
        # A step with records of its own (an acceptance step) links to its page instead of a bare button.
        "transitions": [{"name": t.name, "label": t.label, "requires": t.requires, "help": t.help,
                         "url": workflow.step_url(t.name, task)} for t in actions.available(user, task)],
        "transition_form": TransitionForm(initial={"version": task.version}),
        "can_void": is_office and task.voided_at is None,
        "can_restore": is_office and task.voided_at is not None,
        "void_form": VoidForm(initial={"version": task.version}),
    })


def _messages_of(error):
    if isinstance(error, ValidationError):
        return [m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms]
    return [str(error)]


@login_required
@require_POST
def task_transition(request, pk, name):
    task = _visible_task(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for message in _messages_of(ValidationError(form.errors)):
            messages.error(request, message)
        return redirect("ledger:task_detail", pk=task.pk)
    try:
        done = actions.transition_task(acting_user=request.user, task=task, name=name,
                                       version=form.cleaned_data.get("version"), **form.inputs())
    except (ValidationError, PermissionDenied, StaleEdit) as error:
        for message in _messages_of(error):
            messages.error(request, message)
    else:
        messages.success(request, _("已执行：%(state)s。") % {"state": done.get_state_display()})
    return redirect("ledger:task_detail", pk=task.pk)


@login_required
@require_POST
def task_void(request, pk, restore=False):
    task = _visible_task(request, pk, include_voided=True)
    return void_or_restore(request, task, void=actions.void_task, restore=actions.restore_task if restore else None,
                           detail="ledger:task_detail",
                           done=(_("已作废该任务，它不再出现在台账和统计中。"), _("已恢复该任务。")))


def _save(request, form, stages, task=None, plan=None):
    """Call the action; on a refusal show it on the form. Returns (task or None, StaleEdit or None)."""
    kwargs = form.service_kwargs()
    if stages is not None:
        kwargs["stages"] = stage_list(stages)
    try:
        if task is None:
            kwargs.pop("version", None)
            return actions.create_task(acting_user=request.user, plan=plan, **kwargs), None
        return actions.update_task(acting_user=request.user, task=task, **kwargs), None
    except StaleEdit as stale:
        return None, stale
    except PermissionDenied as error:
        form.add_error(None, str(error))
        return None, None
    except ValidationError as error:
        errors = dict(getattr(error, "error_dict", {}))
        if stages is not None and "stages" in errors:
            stages._non_form_errors = stages.error_class(error.message_dict["stages"])
            del errors["stages"]
            error = ValidationError(errors) if errors else None
        if error is not None:
            add_service_errors(form, error)
        return None, None


@login_required
def task_create(request):
    if not scoping.role_allows(request.user, scoping.ADD):
        raise PermissionDenied
    form = TaskForm(request.POST or None, user=request.user, initial={"plan": request.GET.get("plan")})
    stages = StageFormSet(request.POST or None, prefix="stages")
    if request.method == "POST" and form.is_valid() & stages.is_valid():
        task, _stale = _save(request, form, stages, plan=form.cleaned_data["plan"])
        if task is not None:
            messages.success(request, _("已新建整改任务 %(number)s。") % {"number": task.number})
            return redirect("ledger:task_detail", pk=task.pk)
    return render(request, "ledger/task_form.html", {"form": form, "stages": stages, "full": True})


def _stale_context(stale, form, task):
    """What changed since the editor opened the form, and their input beside the task as it is now."""
    current = Task.objects.get(pk=task.pk)
    differences = []
    for name, field in form.fields.items():
        if name == "version" or name not in form.cleaned_data:
            continue
        mine = form.cleaned_data[name]
        now = getattr(current, name, None) if name not in ("co_units", "domains") else None
        if name in ("co_units", "domains") or hasattr(mine, "all"):
            continue
        if (getattr(mine, "pk", mine) or "") != (getattr(now, "pk", now) or ""):
            differences.append({"label": field.label, "mine": mine, "now": now})
    return {"stale": stale, "stale_changes": describe_history(stale.changes()), "differences": differences,
            "current_version": current.version}


@login_required
def task_edit(request, pk):
    task = _visible_task(request, pk)
    allowed = editable_fields(request.user, task)
    if not allowed:
        raise PermissionDenied
    # Only the office edits a task; a responsible unit files progress reports (ducha.progress) instead.
    full = allowed == OFFICE_FIELDS
    data = request.POST or None
    form = TaskForm(data, instance=task, user=request.user)
    initial = [{"name": s.name, "due": s.due} for s in task.stages.order_by("position")]
    stages = StageFormSet(data, prefix="stages", initial=initial)
    context = {"form": form, "stages": stages, "full": full, "task": task}
    if request.method == "POST" and form.is_valid() & (stages is None or stages.is_valid()):
        saved, stale = _save(request, form, stages, task=task)
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("ledger:task_detail", pk=saved.pk)
        if stale is not None:
            context.update(_stale_context(stale, form, task))
            # Submitting again, having seen the changes, applies the edit on top of the current version.
            form.data = form.data.copy()
            form.data["version"] = context["current_version"]
    return render(request, "ledger/task_form.html", context)
