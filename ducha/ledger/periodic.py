"""Signed-off long-term tasks (已完成，长期坚持) stay under periodic checks: their lead unit still reports
every few months, dispatch rounds still ask it, warnings still judge it.

Which tasks these are, and how their checks stand, is known to ducha.signoff (it keeps the applications
and the plan's interval); the rule itself is ducha.schedule.periodic. The sign-off app registers its
query helper here from its AppConfig.ready(), so the apps below it ask here. Without it no task is
under periodic checks.

A provider has `under_check(tasks) -> tasks` (the subset of a task queryset under periodic checks) and
`checks(task_ids, as_of) -> {task id: ducha.schedule.periodic.Checks}`.
"""

_PROVIDER = []


def register(provider):
    _PROVIDER[:] = [provider]


def under_check(tasks):
    """The tasks of this queryset that are signed off as long-term and under periodic checks."""
    return _PROVIDER[0].under_check(tasks) if _PROVIDER else tasks.none()


def checks(task_ids, as_of) -> dict:
    """{task id: Checks as of `as_of`} for the tasks named that are under periodic checks."""
    return _PROVIDER[0].checks(task_ids, as_of) if _PROVIDER else {}


def is_under_check(task) -> bool:
    return bool(_PROVIDER) and under_check(type(task).objects.filter(pk=task.pk)).exists()
