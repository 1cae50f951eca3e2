"""The task page's "各单位进展" panel: each unit's latest report side by side, the rule the overall
figure follows, the full history, the sub-tasks' units (a county sub-task rolls up to its city task),
evidence thumbnails, and for the office the other tasks the same file appears on."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from ducha.core import scoping
from ducha.evidence.serving import links
from ducha.ledger.models import Task

from .actions import units_user_may_file_for
from .latest import latest_by_unit
from .models import ProgressReport, ReportEvidence


def _reports(tasks):
    evidence = Prefetch("evidence", queryset=ReportEvidence.objects.select_related("file"))
    return list(ProgressReport.objects.filter(task__in=tasks).select_related(
        "unit", "author", "stage_done", "corrects", "task", "task__plan").prefetch_related(evidence))


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
        found.setdefault(sha, {})[task_id] = {"url": reverse("ledger:task_detail", args=[task_id]),
                                              "label": f"{plan_code} · {number}"}
    return {sha: list(tasks.values()) for sha, tasks in found.items()}


def _attach_photos(reports, same_file):
    """Each report's evidence as evidence/photos.html shows it, with its caption and, for the office, the
    other tasks the same file appears on."""
    for report in reports:
        attached = list(report.evidence.all())
        report.photos = links("progress:evidence", report.pk, [link.file for link in attached])
        for item, link in zip(report.photos, attached):
            item["caption"], item["elsewhere"] = link.caption, same_file.get(link.file.sha256, ())


def _unit_rows(task, units, reports):
    latest = latest_by_unit(reports)
    return [{"unit": unit, "lead": unit.pk == task.lead_unit_id, "report": latest.get((task.pk, unit.pk))}
            for unit in units]


def render_task_panel(request, task):
    user = request.user
    reports = _reports([task])
    # Sub-tasks (a county's part of a city task) the user may see: their units' latest reports, one query.
    child_reports = _reports(Task.objects.restrict(user).filter(parent=task).values("pk"))
    child_rows = sorted(
        ({"task": r.task, "report": r, "lead": r.unit_id == r.task.lead_unit_id}
         for r in latest_by_unit(child_reports).values()),
        key=lambda row: (row["task"].plan_id, row["task"].sort_key, row["task"].pk, not row["lead"]))
    is_office = scoping.can_in_division(user, scoping.ADD, task.division)
    _attach_photos(reports + child_reports, same_file_elsewhere(user, task, reports) if is_office else {})
    units = task.ordered_units()
    context = {
        "task": task,
        "report_rows": _unit_rows(task, units, reports),
        "report_history": reports,
        "report_child_rows": child_rows,
        "can_file_report": bool(units_user_may_file_for(user, task, units)),
    }
    return render_to_string("progress/panel.html", context, request=request)
