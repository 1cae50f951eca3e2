"""The tasks' search text kept in step with what it is made of (ducha.ledger.actions.common.search_parts):
the task's own texts, its problem's description and its units' names. A task's own edit rewrites it; a
problem's new description or a unit's new name rewrites it on every task that shows them; `ducha tasks
reindex` rewrites it everywhere after the tokeniser (ducha.text.search) changes.

The search text is derived, like the sort key: rewriting it is no change of the task's (no version, no
audit entry), and only rows whose text differs are written."""

from django.db.models import Q

from ducha.db.bulk import update_rows
from ducha.jurisdictions.models import Unit

from ..models import Task, TaskUnit
from .common import SearchTexts, chunks, relations_of
from .tasks import _problem_text


def refresh_search_texts(tasks=None) -> int:
    """Rewrite the search text of `tasks` (a Task queryset; None: every task) where it differs from what
    the task is now. Returns how many were rewritten."""
    queryset = Task.objects.all() if tasks is None else tasks
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    texts, rewritten = SearchTexts(), 0
    for chunk in chunks(ids):
        batch = list(Task.objects.filter(pk__in=chunk).select_related("problem", "parent__problem"))
        related = relations_of([t.pk for t in batch])
        names = Unit.objects.in_bulk({u for pks in related.units.values() for u in pks})
        rows = []
        for task in batch:
            units = [names[pk] for pk in related.units.get(task.pk, []) if pk in names]
            text = texts(task, units, _problem_text(task))
            if text != task.search_text:
                rows.append((task.pk, text))
        update_rows(Task, ["search_text"], rows)
        rewritten += len(rows)
    return rewritten


def refresh_for_problem(problem) -> int:
    """After a problem's description changed: its tasks and their sub-tasks that share it."""
    return refresh_search_texts(Task.objects.filter(Q(problem=problem) | Q(parent__problem=problem,
                                                                         problem__isnull=True)))


def refresh_for_unit(unit) -> int:
    """After a unit's name changed: the tasks it is responsible for."""
    return refresh_search_texts(Task.objects.filter(pk__in=TaskUnit.objects.filter(unit=unit).values("task_id")))


def _remember_name(sender, instance, raw=False, **kwargs):
    if instance.pk is not None and not raw:
        instance._name_before_save = Unit.objects.filter(pk=instance.pk).values_list("name", flat=True).first()


def _after_rename(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_name_before_save", None)
    if not created and not raw and before is not None and before != instance.name:
        refresh_for_unit(instance)


def connect():
    """A unit renamed anywhere (the admin, a command) is found by its new name in the ledger's search."""
    from django.db.models.signals import post_save, pre_save

    pre_save.connect(_remember_name, sender=Unit, dispatch_uid="ducha.ledger.unit_name_before")
    post_save.connect(_after_rename, sender=Unit, dispatch_uid="ducha.ledger.unit_renamed")
