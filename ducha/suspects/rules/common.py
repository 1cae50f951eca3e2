"""What several rules need: sign-off dates, the evidence files attached to tasks, an evidence item."""

from ducha.progress.models import ReportEvidence
from ducha.revisits.actions import signed_off_on
from ducha.revisits.models import RevisitPhoto
from ducha.signoff.models import ApplicationEvidence, OnsitePhoto

# Tasks examined at most per run (a plan has a few hundred; a province a few thousand).
TASKS_MAX = 50_000

__all__ = ["attached_files", "item", "signed_off_on", "task_ids"]


def task_ids(tasks):
    return list(tasks.values_list("pk", flat=True)[:TASKS_MAX])


def attached_files(ids):
    """(task_id, where, StoredFile) of every evidence file attached to these tasks, wherever it was attached."""
    sources = [
        (ReportEvidence.objects.filter(report__task_id__in=ids), "report__task_id", "进展报告佐证"),
        (ApplicationEvidence.objects.filter(application__task_id__in=ids), "application__task_id", "销号申请佐证"),
        (OnsitePhoto.objects.filter(onsite__application__task_id__in=ids), "onsite__application__task_id",
         "现场核查照片"),
        (RevisitPhoto.objects.filter(revisit__task_id__in=ids), "revisit__task_id", "回头看照片"),
    ]
    for rows, task_field, where in sources:
        for task_id, stored in ((r[0], r[1]) for r in _with_files(rows, task_field)):
            yield task_id, where, stored


def _with_files(rows, task_field):
    from ducha.evidence.models import StoredFile

    links = list(rows.values_list(task_field, "file_id"))
    files = StoredFile.objects.in_bulk([f for _t, f in links])
    return [(t, files[f]) for t, f in links if f in files]


def item(task, label, *, text="", stored=None, date=None):
    """One side of the evidence shown side by side."""
    entry = {"label": str(label), "task": task.pk, "number": task.number, "unit": task.lead_unit.name
             if task.lead_unit_id else ""}
    if text:
        entry["text"] = text[:4000]
    if stored is not None:
        entry.update(sha256=stored.sha256, name=stored.original_name, file_id=stored.pk)
    if date is not None:
        entry["date"] = str(date)
    return entry
