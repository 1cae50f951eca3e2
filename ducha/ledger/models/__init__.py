from .inspections import Inspection, Problem
from .plans import Plan
from .tasks import (
    Category, PollutionDomain, ScheduleState, Task, TaskFlag, TaskStage, TaskState, TaskUnit, WarningColour,
)

__all__ = [
    "Category", "Inspection", "Plan", "PollutionDomain", "Problem", "Task", "TaskFlag", "TaskStage",
    "TaskState", "TaskUnit", "ScheduleState", "WarningColour",
]
