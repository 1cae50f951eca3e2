from .dates import add_months, next_due, signed_off_on
from .revisits import (
    cancel_revisit, create_due_revisits, plan_revisit, record_revisit, refusal, set_interval,
)

__all__ = ["add_months", "cancel_revisit", "create_due_revisits", "next_due", "plan_revisit", "record_revisit",
           "refusal", "set_interval", "signed_off_on"]
