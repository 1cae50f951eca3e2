from .rules import WarningRules
from .warnings import (
    DECIDED, RED_LEVELS, Consequence, ConsequenceKind, EventKind, EventLevel, ExternalEvent, TaskWarning,
    WarningState,
)

__all__ = ["DECIDED", "RED_LEVELS", "Consequence", "ConsequenceKind", "EventKind", "EventLevel", "ExternalEvent",
           "TaskWarning", "WarningRules", "WarningState"]
