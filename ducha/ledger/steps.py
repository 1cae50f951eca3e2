"""Taking a task's transition from an interface that is not a page: the API's
`POST /api/tasks/{id}/transitions/{name}/` and `ducha tasks transition`.

An acceptance step with records of its own (an application, an on-site check) goes to the handler its
app registered with ducha.ledger.workflow; every other transition to transition_task with its optional
inputs (reason, note, completed_on, started_on), checked by the API's input serializer. One place, so
the API and the command cannot drift apart; the rules themselves are in the actions.
"""

from django.db import transaction

from . import actions, workflow
from .models import Task


def take(*, acting_user, task, name, data, files, version=None) -> Task:
    """The task after the transition, re-read. Raises what the actions raise (PermissionDenied,
    ValidationError, StaleEdit) and DRF's ValidationError for malformed optional inputs. One transaction:
    a step that saves its draft and then submits it writes both or neither."""
    with transaction.atomic():
        return _take(acting_user, task, name, data, files, version)


def _take(acting_user, task, name, data, files, version):
    if name in workflow.HANDLERS:
        workflow.HANDLERS[name].handler(acting_user=acting_user, task=task, data=data, files=files,
                                        version=version)
        return Task.objects.get(pk=task.pk)
    from .api.serializers import TransitionInputSerializer

    body = TransitionInputSerializer(data=data)
    body.is_valid(raise_exception=True)
    return actions.transition_task(acting_user=acting_user, task=task, name=name, version=version,
                                   **body.validated_data)


def available(acting_user, task) -> list:
    """The transitions the user may take now: name, label, target state, the fields it needs, help. A step
    whose handler prepares its own records (an application written and submitted in one request) is
    offered while the stored draft is still incomplete: the request brings what its guard checks."""
    return [{"name": t.name, "label": str(t.label), "target": t.target,
             "requires": list(dict.fromkeys([*t.requires, *getattr(workflow.HANDLERS.get(t.name), "fields", ())])),
             "help": str(t.help)} for t in actions.available(acting_user, task, prepared=True)]
