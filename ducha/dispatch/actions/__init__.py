"""Every change to dispatch rounds goes through these actions."""

from .reminders import remind_missing
from .rounds import close_round, note_report, open_round, reopen_round
from .schedules import create_schedule, open_scheduled_rounds, set_schedule_active

__all__ = ["close_round", "create_schedule", "note_report", "open_round", "open_scheduled_rounds",
           "remind_missing", "reopen_round", "set_schedule_active"]
