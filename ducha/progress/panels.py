"""The task page's "各单位进展" panel: each unit's latest report side by side, the rule the overall
figure follows, the full history, the sub-tasks' units (a county sub-task rolls up to its city task),
evidence thumbnails, and for the office the other tasks the same file appears on."""

from django.template.loader import render_to_string

from ducha.core import scoping
from ducha.ledger.models import Task

from .actions import may_file
from .latest import latest_by_unit
from .models import ProgressReport, ReportEvidence


def _reports(tasks):
    return list(ProgressReport.objects.filter(task__in=tasks).select_related(
        "unit", "author", "stage_done", "corrects", "task").prefetch_related("evidence__file"))


def same_file_elsewhere(user, task, reports):
    """{sha256: [tasks]}: other tasks, within the user's scope, whose reports carry the same file."""
    shas = {link.file.sha256 for report in reports for link in report.evidence.all()}
    if not shas:
        return {}
    visible = Task.objects.restrict(user)
    found = {}
    for sha, task_id, number, plan_code in (
            ReportEvidence.objects.filter(file__sha256__in=list(shas)[:500], report__task__in=visible)
            .exclude(report__task=task)
            .values_list("file__sha256", "report__task_id", "report__task__number", "report__task__plan__code")
            .distinct()[:1000]):
        found.setdefault(sha, {})[task_id] = {"pk": task_id, "number": number, "plan": plan_code}
    return {sha: list(tasks.values()) for sha, tasks in found.items()}


def _unit_rows(task, units, reports):
    latest = latest_by_unit(reports)
    return [{"unit": unit, "lead": unit.pk == task.lead_unit_id, "report": latest.get((task.pk, unit.pk))}
            for unit in units]


def render_task_panel(request, task):
    user = request.user
    reports = _reports([task])
    children = list(Task.objects.restrict(user).filter(parent=task).select_related("plan", "lead_unit")
                    .order_by("plan", "sort_key", "id")[:200])
    child_rows = []
    if children:
        child_reports = _reports(children)
        latest = latest_by_unit(child_reports)
        for child in children:
            for (task_id, _unit_id), report in latest.items():
                if task_id == child.pk:
                    child_rows.append({"task": child, "report": report, "lead": report.unit_id == child.lead_unit_id})
    is_office = scoping.can_in_division(user, scoping.ADD, task.division)
    context = {
        "task": task,
        "rows": _unit_rows(task, task.ordered_units(), reports),
        "history": reports,
        "child_rows": child_rows,
        "can_file": may_file(user, task),
        "same_file": same_file_elsewhere(user, task, reports) if is_office else {},
    }
    return render_to_string("progress/panel.html", context, request=request)
