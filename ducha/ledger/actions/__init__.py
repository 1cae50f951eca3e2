"""Every change to inspections, problems, plans and tasks: named actions taking the acting user.

Pages, the API, imports and commands call these and nothing else writes the
ledger. See ducha.core.actions for what every action does.
"""

from . import events  # noqa: F401 - registers the event codes the actions write
from .common import TaskDraft, TaskRelations, task_relations
from .records import (
    create_inspection, create_plan, create_problem, create_problems, update_inspection, update_plan,
    update_problem,
)
from .schedule import judge_task, judge_tasks, refresh_schedule
from .tasks import create_task, create_tasks, update_task, update_tasks
from .transitions import TransitionItem, available, transition_task, transition_tasks
from .void import restore_plan, restore_task, void_plan, void_task

__all__ = [
    "TaskDraft", "TaskRelations", "TransitionItem", "available", "create_inspection", "create_plan",
    "create_problem", "create_problems", "create_task", "create_tasks", "judge_task", "judge_tasks",
    "refresh_schedule", "restore_plan",
    "restore_task", "task_relations", "transition_task", "transition_tasks", "update_inspection",
    "update_plan", "update_problem", "update_task", "update_tasks", "void_plan", "void_task",
]
