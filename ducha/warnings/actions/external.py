"""External events the office records: a 通报批评 or a media exposure about a task. A provincial (or
higher) one turns the task's next proposal red (WarningRules.red_on_external_event)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import date_input, refuse_repeat
from ducha.ledger.workflow import is_office

from ..models import EventKind, EventLevel, ExternalEvent

SOURCE_MAX, NOTE_MAX = 200, 2000


@transaction.atomic
def record_external_event(*, acting_user, task, kind, level, occurred_on, source, note="") -> ExternalEvent:
    scoping.require(acting_user, scoping.VIEW, task)
    if not is_office(acting_user, task):
        raise PermissionDenied(_("只有该任务所属地区的整改办可以登记外部事件。"))
    errors = {}
    if kind not in EventKind.values:
        errors["kind"] = [_("请选择通报批评或媒体曝光。")]
    if level not in EventLevel.values:
        errors["level"] = [_("请选择级别。")]
    try:
        occurred_on = date_input(occurred_on, "occurred_on", label=_("发生日期"), required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if occurred_on > timezone.localdate():
            errors["occurred_on"] = [_("发生日期不能晚于今天。")]
    source, note = (source or "").strip(), (note or "").strip()
    if not source:
        errors["source"] = [_("请填写通报文号或媒体名称。")]
    elif len(source) > SOURCE_MAX:
        errors["source"] = [_("来源过长（最多 %(n)s 字）。") % {"n": SOURCE_MAX}]
    if len(note) > NOTE_MAX:
        errors["note"] = [_("说明过长（最多 %(n)s 字）。") % {"n": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    refuse_repeat(ExternalEvent.objects.filter(task=task, kind=kind, level=level, occurred_on=occurred_on,
                                               source=source, note=note, recorded_by=acting_user), lock=task)
    event = ExternalEvent.objects.create(task=task, kind=kind, level=level, occurred_on=occurred_on, source=source,
                                         note=note, recorded_by=acting_user)
    audit.record(actor=acting_user, action="warning.external_event", obj=event, scope_path=task.division.path,
                 after=snapshot(event))
    return event
