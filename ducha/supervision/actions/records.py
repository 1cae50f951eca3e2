"""Supervision actions: create (a draft, or a flag that is open at once), issue, reply, close, lift,
and the daily escalation of overdue replies.

Each takes the acting user (None: the system, e.g. a warning rule's consequence), checks permission
through ducha.core.scoping and the record's workflow, validates (ValidationError naming the field),
writes in one transaction with an audit entry, and notifies after commit.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import check_version, dates_of, refuse_repeat, text_input
from ducha.core.roles import Role
from ducha.evidence.storing import store_upload
from ducha.jurisdictions.models import Unit, User
from ducha.ledger.models import Task
from ducha.notifications.sending import notify

from ..models import AWAITING, NUMBERED, Escalation, Kind, ReplyAttachment, Sequence, State, Supervision
from ..models import SupervisionReply
from ..workflow import workflow_for

TEXT_MAX = 10_000
TASKS_MAX = 200
FILES_MAX = 20

# Fields a kind carries besides the common ones.
DETAIL_FIELDS = {
    Kind.LISTED: ("listed_on",),
    Kind.INTERVIEW: ("meeting_on", "participants", "minutes", "commitments"),
    Kind.BULLETIN: ("bulletin_title", "bulletin_number", "bulletin_on"),
    Kind.ONSITE: ("team_members", "period_start", "period_end", "findings"),
}

DEFAULT_FORMATS = {Kind.LETTER: "{abbr}督改函〔{year}〕{seq}号", Kind.ORDER: "{abbr}督改单〔{year}〕{seq}号"}


def _text(value, field, *, required=False, limit=TEXT_MAX, label=""):
    return text_input(value, field, label=label, required=required, limit=limit)


def _officers(unit):
    return list(User.objects.filter(unit=unit, role=Role.OFFICER, is_active=True))


def _office(division):
    return list(User.objects.filter(scope=division, role=Role.COORDINATOR, is_active=True))


def _visible_tasks(acting_user, tasks, *, action=scoping.VIEW):
    tasks = list(tasks or [])
    if len(tasks) > TASKS_MAX:
        raise ValidationError({"tasks": [_("最多关联 %(n)s 项任务。") % {"n": TASKS_MAX}]})
    ids = [t.pk if isinstance(t, Task) else t for t in tasks]
    found = Task.objects.filter(pk__in=ids, voided_at__isnull=True)
    if acting_user is not None:
        found = scoping.restrict(found, acting_user, action)
    found = {t.pk: t for t in found.select_related("division")}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"tasks": [_("任务不存在或不在您的管辖范围内（ID %(ids)s）。") % {
            "ids": "、".join(missing[:10])}]})
    return [found[pk] for pk in dict.fromkeys(ids)]


def _unit(unit):
    if unit is None:
        raise ValidationError({"unit": [_("请选择督办对象。")]})
    if not isinstance(unit, Unit):
        unit = Unit.objects.filter(pk=unit).first()
    if unit is None or not unit.is_active:
        raise ValidationError({"unit": [_("督办对象不存在或已停用。")]})
    return unit


def _default_division(unit, tasks):
    """Where a record the system drafts belongs: the first task's division when the unit lies within it,
    else the unit's own (a city department addressed about a county's task: the city's office)."""
    if tasks and unit.division.path.startswith(tasks[0].division.path):
        return tasks[0].division
    return unit.division


def _record_url(record):
    return reverse("supervision:detail", args=[record.pk])


@transaction.atomic
def create_supervision(*, acting_user, kind, unit, tasks=(), required, reply_by=None, reason="", division=None,
                       **details) -> Supervision:
    """A new record in draft (a flag: open at once, through flag_task). `division` is the issuing office's
    division: by default the acting coordinator's, else the first task's."""
    if kind not in Kind.values or kind == Kind.FLAG:
        raise ValidationError({"kind": [_("请选择督办方式。")]})
    unknown = set(details) - set(DETAIL_FIELDS.get(kind, ()))
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("该督办方式没有此项。")]})
    dated = dates_of(Supervision, {"reply_by": reply_by, **details})
    reply_by, details = dated.pop("reply_by"), dated
    unit = _unit(unit)
    tasks = _visible_tasks(acting_user, tasks)
    if division is None:
        division = getattr(acting_user, "scope_division", None) or _default_division(unit, tasks)
    if acting_user is not None and not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied(_("无权在%(division)s下发督办。") % {"division": division.name})
    if not unit.division.path.startswith(division.path):
        raise ValidationError({"unit": [_("督办对象须为%(division)s及下辖地区的单位。") % {"division": division.name}]})
    record = Supervision(kind=kind, division=division, unit=unit, reply_by=reply_by, created_by=acting_user,
                         required=_text(required, "required", required=True, label=_("督办要求")),
                         reason=_text(reason, "reason", label=_("督办缘由")))
    for name, value in details.items():
        setattr(record, name, value)
    record.full_clean()
    if acting_user is not None:
        # The same draft asked for twice (a double click on 保存) is one record, not two letters to issue.
        task_ids = {t.pk for t in tasks}
        refuse_repeat(Supervision.objects.filter(
            state=State.DRAFT, created_by=acting_user, kind=kind, division=division, unit=unit, required=record.required,
            reason=record.reason, reply_by=reply_by, **details), lock=acting_user,
            same=lambda earlier: set(earlier.tasks.values_list("pk", flat=True)) == task_ids)
    record.save()
    record.tasks.set(tasks)
    audit.record(actor=acting_user, action="supervision.create", obj=record, after=snapshot(record))
    return record


EDITABLE = ("unit", "tasks", "required", "reason", "reply_by")


@transaction.atomic
def update_draft(*, acting_user, record, version=None, **fields) -> Supervision:
    """The office corrects a draft before issuing it (a letter the warning rules drafted, say)."""
    record = Supervision.objects.select_for_update().select_related("division", "unit").get(pk=record.pk)
    if not scoping.can(acting_user, scoping.CHANGE, record):
        if scoping.can(acting_user, scoping.VIEW, record):
            raise PermissionDenied(_("仅整改办可修改督办草稿。"))
        raise scoping.refusal(acting_user, scoping.VIEW, record)
    check_version(record, version)
    if record.state != State.DRAFT:
        raise ValidationError({"state": [_("已下发的督办不能修改。")]})
    allowed = set(EDITABLE) | set(DETAIL_FIELDS.get(record.kind, ()))
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValidationError({unknown[0]: [_("该督办方式没有此项。")]})
    fields = dates_of(Supervision, fields)
    before = snapshot(record)
    if "unit" in fields:
        record.unit = _unit(fields.pop("unit"))
        if not record.unit.division.path.startswith(record.division.path):
            raise ValidationError({"unit": [_("督办对象须为%(division)s及下辖地区的单位。") % {
                "division": record.division.name}]})
    if "tasks" in fields:
        record.tasks.set(_visible_tasks(acting_user, fields.pop("tasks")))
    if "required" in fields:
        fields["required"] = _text(fields["required"], "required", required=True, label=_("督办要求"))
    if "reason" in fields:
        fields["reason"] = _text(fields["reason"], "reason", label=_("督办缘由"))
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    after = snapshot(record)
    if after == before:
        return record
    record.version += 1
    record.save()
    audit.record(actor=acting_user, action="supervision.update", obj=record, before=before, after=snapshot(record))
    return record


def draft_letter(*, acting_user, unit, tasks, required, reply_by=None, reason="", division=None) -> Supervision:
    """A 专函督办 in draft, for the office to check and issue (the warning rules' "two yellows" consequence
    calls this, acting_user None meaning the system)."""
    return create_supervision(acting_user=acting_user, kind=Kind.LETTER, unit=unit, tasks=tasks, required=required,
                              reply_by=reply_by, reason=reason, division=division)


@transaction.atomic
def flag_task(*, acting_user, task, note, reply_by=None) -> Supervision:
    """A supervisor's flag (督导标记) on a task: open at once, addressed to the task's lead unit."""
    scoping.require(acting_user, scoping.FLAG, task)
    note = _text(note, "note", required=True, limit=2000, label=_("督导意见"))
    reply_by = dates_of(Supervision, {"reply_by": reply_by})["reply_by"]
    # The same flag twice (a double click) is one flag: the unit is not told twice.
    refuse_repeat(Supervision.objects.filter(kind=Kind.FLAG, tasks=task, created_by=acting_user, required=note,
                                             reply_by=reply_by), lock=task)
    # A new record takes its first state at construction; later it changes only through the workflow.
    record = Supervision(kind=Kind.FLAG, state=State.OPEN, division=task.division, unit_id=task.lead_unit_id,
                         required=note, reply_by=reply_by, issued_by=acting_user, created_by=acting_user,
                         issued_on=timezone.localdate())
    record.full_clean()
    record.save()
    record.tasks.set([task])
    audit.record(actor=acting_user, action="supervision.flag", obj=record, after=snapshot(record))
    notify(_officers(record.unit), kind="supervision.flag", title=_("督导标记：%(task)s") % {"task": task.number},
           body=note, url=_record_url(record), obj=record)
    return record


def available(user, record):
    """The transitions this user may take now (the buttons, the API)."""
    if not scoping.can(user, scoping.VIEW, record):
        return []
    return workflow_for(record).available(user, record)


def _take(acting_user, record, name, version=None):
    """Lock the record, check the transition is open to the user, apply it; returns (record, before)."""
    if not scoping.can(acting_user, scoping.VIEW, record):
        raise scoping.refusal(acting_user, scoping.VIEW, record)
    record = Supervision.objects.select_for_update().select_related("division", "unit").get(pk=record.pk)
    check_version(record, version)
    workflow = workflow_for(record)
    transition = workflow.get(name)
    if transition is None or not transition.who(acting_user, record):
        raise PermissionDenied(_("当前用户无权对该督办执行“%(action)s”。") % {
            "action": transition.label if transition else name})
    if record.state not in transition.sources:
        raise ValidationError({"state": [_("该督办当前为“%(state)s”，不能%(action)s。") % {
            "state": record.get_state_display(), "action": transition.label}]})
    before = snapshot(record)
    workflow.apply(transition, record)
    record.version += 1
    return record, before


def _number(record, year):
    sequence, _created = Sequence.objects.select_for_update().get_or_create(
        division=record.division, kind=record.kind, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    formats = {**DEFAULT_FORMATS, **getattr(settings, "DUCHA_SUPERVISION_NUMBER_FORMATS", {})}
    abbrs = getattr(settings, "DUCHA_SUPERVISION_ABBREVIATIONS", {})
    abbr = abbrs.get(record.division.code) or record.division.name[:1]
    return formats[record.kind].format(abbr=abbr, year=year, seq=sequence.last)


@transaction.atomic
def issue(*, acting_user, record, version=None, issued_on=None) -> Supervision:
    issued_on = dates_of(Supervision, {"issued_on": issued_on})["issued_on"]
    record, before = _take(acting_user, record, "issue", version)
    record.issued_on = issued_on or timezone.localdate()
    record.issued_by = acting_user
    if record.kind in NUMBERED:
        record.number = _number(record, record.issued_on.year)
    if record.kind == Kind.LISTED and not record.listed_on:
        record.listed_on = record.issued_on
    record.save()
    audit.record(actor=acting_user, action="supervision.issue", obj=record, before=before, after=snapshot(record))
    title = _("%(kind)s：%(number)s") % {"kind": record.get_kind_display(), "number": record.number or record.pk}
    notify(_officers(record.unit), kind="supervision.issue", title=title, body=record.required,
           url=_record_url(record), obj=record)
    return record


@transaction.atomic
def reply(*, acting_user, record, text, files=(), version=None) -> SupervisionReply:
    """The addressee unit's reply, with attachments stored through ducha.evidence."""
    text = _text(text, "text", required=True, label=_("回复内容"))
    files = list(files or [])
    if len(files) > FILES_MAX:
        raise ValidationError({"files": [_("最多上传 %(n)s 个附件。") % {"n": FILES_MAX}]})
    # Before the version check: the second click of a double click carries the version the first one moved
    # on, and would otherwise be told someone else changed the record.
    refuse_repeat(SupervisionReply.objects.filter(supervision=record, author=acting_user, text=text), lock=record)
    record, before = _take(acting_user, record, "reply", version)
    record.save()
    answer = SupervisionReply.objects.create(supervision=record, unit=record.unit, text=text, author=acting_user)
    for upload in files:
        try:
            stored = store_upload(upload, acting_user=acting_user)
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from None
        ReplyAttachment.objects.create(reply=answer, file=stored)
    audit.record(actor=acting_user, action="supervision.reply", obj=record, before=before,
                 after={**snapshot(record), "reply": answer.pk, "text": text})
    recipients = _office(record.division) + ([record.issued_by] if record.issued_by else [])
    notify(recipients, kind="supervision.reply", title=_("督办已回复：%(unit)s") % {"unit": record.unit.name},
           body=text[:500], url=_record_url(record), obj=record)
    return answer


@transaction.atomic
def close(*, acting_user, record, note="", version=None) -> Supervision:
    note = _text(note, "note", limit=2000, label=_("办结说明"))
    record, before = _take(acting_user, record, "close", version)
    record.closed_on = timezone.localdate()
    record.close_note = note
    record.save()
    audit.record(actor=acting_user, action="supervision.close", obj=record, before=before, after=snapshot(record))
    return record


@transaction.atomic
def lift(*, acting_user, record, reason, lifted_on=None, version=None) -> Supervision:
    reason = _text(reason, "reason", required=True, limit=2000, label=_("摘牌理由"))
    lifted_on = dates_of(Supervision, {"lifted_on": lifted_on})["lifted_on"]
    record, before = _take(acting_user, record, "lift", version)
    record.lifted_on = lifted_on or timezone.localdate()
    record.lift_reason = reason
    record.save()
    audit.record(actor=acting_user, action="supervision.lift", obj=record, before=before, after=snapshot(record))
    notify(_officers(record.unit), kind="supervision.lift", title=_("已摘牌：%(unit)s") % {"unit": record.unit.name},
           body=reason, url=_record_url(record), obj=record)
    return record


def overdue_supervisions(as_of: dt.date):
    """Records whose addressee owes a reply and sent none by the deadline (reply_by before `as_of`).
    The warning rules read this; unscoped (callers restrict it for a user)."""
    replied = SupervisionReply.objects.filter(supervision=OuterRef("pk"))
    return (Supervision.objects.filter(state__in=AWAITING, reply_by__lt=as_of)
            .exclude(Exists(replied)))


def escalate_overdue(as_of=None):
    """Daily job, idempotent: each overdue record is escalated once (an Escalation row, an audit entry and
    a notification to the issuing office)."""
    as_of = as_of or timezone.localdate()
    done = 0
    for record in overdue_supervisions(as_of).filter(escalation__isnull=True).select_related("division", "unit"):
        with transaction.atomic():
            _created = Escalation.objects.get_or_create(supervision=record, defaults={"as_of": as_of})[1]
            if not _created:
                continue
            audit.record(actor=None, action="supervision.escalate", obj=record,
                         after={"as_of": as_of.isoformat(), "reply_by": record.reply_by.isoformat()})
            notify(_office(record.division), kind="supervision.overdue",
                   title=_("督办回复逾期：%(unit)s") % {"unit": record.unit.name},
                   body=_("回复期限 %(date)s，尚未回复。") % {"date": record.reply_by.isoformat()},
                   url=_record_url(record), obj=record)
            done += 1
    return done
