"""The scope rule of records about a task (warnings, revisits, referrals, suspects…), in one place."""

from django.db.models import Q


def task_scope_q(user, action, field="task"):
    """Rows about tasks: seen by whoever sees the task; changed by the office over its division."""
    from ducha.core import scoping
    from ducha.core.roles import Role

    from .models import Task

    if action == scoping.VIEW:
        return Q(**{f"{field}__in": scoping.restrict(Task.objects.all(), user, scoping.VIEW).values("pk")})
    prefix = scoping.division_prefix(user)
    if user.role != Role.COORDINATOR or not prefix:
        return scoping.NONE
    return Q(**{f"{field}__division__path__startswith": prefix})
