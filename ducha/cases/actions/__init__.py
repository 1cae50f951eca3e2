"""The case actions: every change to a batch or case goes through these (permission through
ducha.core.scoping, validation naming the field, one transaction, an audit entry)."""

from . import events  # noqa: F401 - registers the audit event codes
from .handling import can_call_back, record_callback, record_handling, report_handling, review_case
from .privacy import may_see_complainant, reveal_complainant, reveal_many, set_complainant
from .routing import confirm_routes, route_case
from .case_settings import (delete_case_type, delete_routing_rule, may_keep_case_types, require_case_type_keeper,
                            save_case_setup, save_case_type, save_routing_rule)
from .states import available, take

__all__ = ["available", "can_call_back", "confirm_routes", "delete_case_type", "delete_routing_rule", "may_keep_case_types", "may_see_complainant", "record_callback", "record_handling",
           "report_handling", "require_case_type_keeper", "reveal_complainant", "reveal_many", "review_case", "route_case", "save_case_setup", "save_case_type",
           "save_routing_rule", "set_complainant", "take"]

from . import disclosure, repeats  # noqa: F401,E402 - cases-out: disclosure and repeat actions, their event codes
