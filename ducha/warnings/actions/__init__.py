"""Every change the warnings app makes: named actions taking the acting user (see ducha.core.actions)."""

from . import events  # noqa: F401 - registers the event codes the actions write
from .deciding import Decision, blue_seen, confirm_blue, confirm_warning, decide_warnings, override_warning
from .external import record_external_event
from .months import parse_month, this_month
from .proposing import colour_for, propose_month, propose_this_month
from .rules import update_rules

__all__ = ["Decision", "blue_seen", "colour_for", "confirm_blue", "confirm_warning", "decide_warnings", "override_warning",
           "parse_month", "propose_month", "propose_this_month", "record_external_event", "this_month",
           "update_rules"]
