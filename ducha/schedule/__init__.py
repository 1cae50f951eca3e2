"""Scheduled progress (序时进度): the pure rule (no Django). See rule.py for what it decides and why."""

from .rule import (AHEAD, BEHIND, COMPLETED, DEFAULT_TOLERANCE, NOT_STARTED, ON_SCHEDULE, SIGNED_OFF, STATES, Facts,
                   Judgement, Stage, expected_fraction, expected_percent, half_up, judge)

__all__ = ["AHEAD", "BEHIND", "COMPLETED", "DEFAULT_TOLERANCE", "NOT_STARTED", "ON_SCHEDULE", "SIGNED_OFF", "STATES",
           "Facts", "Judgement", "Stage", "expected_fraction", "expected_percent", "half_up", "judge"]
