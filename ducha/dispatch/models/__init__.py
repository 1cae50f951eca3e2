from .rounds import (
    Kind, Obligation, Round, RoundReminder, RoundSchedule, RoundState, Status, schedule_opens_on, status_of,
)

__all__ = ["Kind", "Obligation", "Round", "RoundReminder", "RoundSchedule", "RoundState", "Status",
           "schedule_opens_on", "status_of"]
