from .revisits import (
    Conclusion, Revisit, RevisitKind, RevisitPhoto, RevisitSchedule, RevisitState, DEFAULT_INTERVAL_MONTHS,
)

__all__ = ["Conclusion", "DEFAULT_INTERVAL_MONTHS", "Revisit", "RevisitKind", "RevisitPhoto", "RevisitSchedule",
           "RevisitState"]
