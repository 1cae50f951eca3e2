"""Every change to sign-off records: named actions taking the acting user."""

from . import events  # noqa: F401 - registers the audit codes before any action records
from . import guards, objections  # noqa: F401 - objections registers its audit codes
from .applications import ask_confirmation, confirm_part, save_application, submit
from .availability import step_unavailable
from .guards import current_application
from .levels import complete_level
from .notices import file_with_level_above, notice_period, publish, sign_off, uphold_objection
from .policy import policy_for
from .review import fail_acceptance, pass_review, record_onsite, return_application, sign, waive_onsite
from .templates import replace_document_template, restore_document_template

guards.register()

__all__ = ["ask_confirmation", "complete_level", "confirm_part", "current_application", "fail_acceptance", "file_with_level_above",
           "notice_period", "pass_review", "policy_for", "publish", "record_onsite", "replace_document_template",
           "restore_document_template", "return_application",
           "save_application", "sign", "sign_off", "step_unavailable", "submit", "uphold_objection", "waive_onsite"]
