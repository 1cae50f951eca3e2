"""Why a sign-off step cannot be taken now, asked without taking it: the step pages say so instead of
showing a form the action would refuse. The answers are the actions' own checks (the task's declared
transition with the guards of actions/guards.py; the application's editing and confirming rules), never
a second statement of the rules."""

from django.core.exceptions import PermissionDenied, ValidationError

from ducha.ledger.actions.transitions import check_may_take

from .applications import confirming_application, editable_application


def step_unavailable(user, task, name) -> str:
    """Why `user` cannot take step `name` on the task now, in words; "" when they can."""
    try:
        if name in ("apply", "resubmit"):
            # The application page is where its report and self-check are written: what it lacks is not a
            # reason to withhold the page (submitting then names it).
            editable_application(user, task)
        elif name == "confirm":
            confirming_application(user, task)
        else:
            check_may_take(user, task, name)
    except ValidationError as error:
        return " ".join(error.messages)
    except PermissionDenied as error:
        return str(error)
    return ""
