from .inspections import Inspection, Problem
from .plans import Plan
from .schedule import ScheduleCount
from .tasks import (
    Category, PollutionDomain, ScheduleState, Task, TaskStage, TaskState, TaskUnit, WarningColour,
)

__all__ = [
    "Category", "Inspection", "Plan", "PollutionDomain", "Problem", "ScheduleCount", "Task", "TaskStage",
    "TaskState", "TaskUnit", "ScheduleState", "WarningColour",
]
