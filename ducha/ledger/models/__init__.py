from .inspections import Inspection, Problem
from .plans import Plan
from .tasks import Category, PollutionDomain, Task, TaskFlag, TaskStage, TaskState, TaskUnit

__all__ = [
    "Category", "Inspection", "Plan", "PollutionDomain", "Problem", "Task", "TaskFlag", "TaskStage",
    "TaskState", "TaskUnit",
]
