"""What the case pages share: the visible case, running an action with its refusals as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from ducha.core.actions import StaleEdit

from ..models import Case


def messages_of(error):
    if isinstance(error, ValidationError):
        return [m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms]
    return [str(error)]


def form_errors(request, form):
    """A refused form's errors as messages, each naming its field (the case pages redirect back)."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)


def run(request, action, success, **inputs):
    """Take the action as the user; its refusals become messages (a PermissionDenied is a 403). `success`
    is the message, or a function of the action's result giving it (a count the page reports)."""
    try:
        result = action(acting_user=request.user, **inputs)
    except (ValidationError, StaleEdit) as error:
        for message in messages_of(error):
            messages.error(request, message)
        return False
    messages.success(request, success(result) if callable(success) else success)
    return True


def visible_case(request, pk):
    return get_object_or_404(Case.objects.restrict(request.user).select_related(
        "batch", "division", "lead_unit", "inspection__division", "task", "reviewed_by", "routed_by"), pk=pk)
