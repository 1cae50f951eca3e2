"""Objections (异议) to a sign-off notice: filed by anyone on the public page, entered by the office when
they come by letter, phone or email, and answered by the office. An upheld objection sends the task back
to rectification through the declared "uphold_objection" transition; a dismissed one is answered with a
reason that is published with the notice. The objector's name and contact stay in ObjectionContact and
are never published."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ducha.audit import events
from ducha.audit import services as audit
from ducha.core.actions import refuse_repeat, text_input
from ducha.core.roles import Role
from ducha.evidence.models import FileKind
from ducha.evidence.storing import sniff, store_upload
from ducha.jurisdictions.models import User
from ducha.ledger import workflow as ledger
from ducha.notifications.sending import notify
from ducha.public import receipts

from ..models import Answer, ApplicationState, Channel, Notice, Objection, ObjectionAttachment, ObjectionContact
from .notices import uphold_objection

PREFIX = "YY"  # 异议
TEXT_MAX = 2000
REASON_MAX = 2000
NAME_MAX = 64
CONTACT_MAX = 128
FILES_MAX = 3
# Public attachments: photos and PDFs only, smaller than staff evidence.
FILE_KINDS = (FileKind.IMAGE, FileKind.PDF)

for code, label in [("signoff.objection_file", _lazy("提出异议（公开页面）")),
                    ("signoff.objection_enter", _lazy("录入异议")),
                    ("signoff.objection_answer", _lazy("答复异议"))]:
    events.register(code, label)


def file_max_bytes() -> int:
    return getattr(settings, "DUCHA_OBJECTION_FILE_MAX_BYTES", 10 * 1024 * 1024)


def _check_files(files):
    files = list(files or [])
    if len(files) > FILES_MAX:
        raise ValidationError({"files": [_("最多上传 %(n)s 个附件。") % {"n": FILES_MAX}]})
    for upload in files:
        if upload.size is not None and upload.size > file_max_bytes():
            raise ValidationError({"files": [_("“%(name)s”超过 %(mb)s MB。") % {
                "name": upload.name, "mb": file_max_bytes() // (1024 * 1024)}]})
        try:
            kind = sniff(upload, accepts=_("附件只能是图片或 PDF 文件。"))[0]
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from None
        if kind not in FILE_KINDS:
            raise ValidationError({"files": [_("“%(name)s”：附件只能是图片或 PDF 文件。") % {"name": upload.name}]})
    return files


def is_open(notice, today=None) -> bool:
    """Objections are taken on the public page while the notice runs and its application is in notice."""
    today = today or timezone.localdate()
    return (notice.closed_at is None and notice.starts_on <= today <= notice.ends_on
            and notice.application.state == ApplicationState.IN_NOTICE)


def _new_receipt(year) -> str:
    for _attempt in range(20):
        number = receipts.new_number(PREFIX, year)
        if not Objection.objects.filter(receipt_number=number).exists():
            return number
    raise RuntimeError("no free receipt number after 20 tries")


def _office_and_units(task):
    """Who hears of an objection: the officers of the task's responsible units and the nearest office
    (coordinators) over the task's division."""
    unit_ids = list(task.task_units.values_list("unit_id", flat=True)) or [task.lead_unit_id]
    officers = list(User.objects.filter(is_active=True, unit_id__in=unit_ids, role=Role.OFFICER))
    codes = [code for code in task.division.path.split("/") if code]
    office = User.objects.filter(is_active=True, role=Role.COORDINATOR, scope__code__in=codes)
    by_depth = {}
    for user in office.select_related("scope"):
        by_depth.setdefault(len(user.scope.path), []).append(user)
    return officers + (by_depth[max(by_depth)] if by_depth else [])


def _staff_url(objection):
    from django.urls import reverse

    return reverse("signoff:objection_detail", args=[objection.pk])


def _create(*, notice, channel, text, name, contact, files, received_at, entered_by, action, repeat=None):
    # The public's own words (typed on the page or taken down by the office): they must say something.
    text = text_input(text, "text", label=_("异议内容"), limit=TEXT_MAX, required=True, meaningful=True)
    name = text_input(name, "name", label=_("姓名"), limit=NAME_MAX, meaningful=True)
    contact = text_input(contact, "contact", label=_("联系方式"), limit=CONTACT_MAX, meaningful=True)
    files = _check_files(files)
    with transaction.atomic():
        notice = Notice.objects.select_for_update().select_related("task", "application").get(pk=notice.pk)
        if repeat is not None:
            refuse_repeat(lock=notice, **repeat)
        objection = Objection.objects.create(
            notice=notice, channel=channel, text=text, received_at=received_at, entered_by=entered_by,
            receipt_number=_new_receipt(timezone.localdate().year))
        if name or contact:
            ObjectionContact.objects.create(objection=objection, name=name, contact=contact)
        for upload in files:
            try:
                stored = store_upload(upload, acting_user=entered_by)
            except ValidationError as error:
                raise ValidationError({"files": error.messages}) from None
            ObjectionAttachment.objects.get_or_create(objection=objection, file=stored)
        # The audit entry names the channel and the text, never the objector's contact.
        audit.record(actor=entered_by, action=action, obj=objection, object_repr=objection.receipt_number,
                     after={"notice": notice.pk, "task": notice.task.number, "channel": channel, "text": text,
                            "attachments": len(files), "contact_given": bool(name or contact)},
                     scope_path=notice.task.division.path)
        notify(_office_and_units(notice.task), kind="signoff.objection",
               title=_("销号公示收到异议：%(task)s") % {"task": notice.task.number},
               body=text[:200], url=_staff_url(objection), obj=objection)
    return objection


def file_objection(*, notice, text, name="", contact="", files=(), today=None) -> Objection:
    """An objection from the public page (no signed-in user)."""
    if not is_open(notice, today):
        raise ValidationError({"notice": [_("该公示不在公示期内，不能在线提出异议。")]})
    return _create(notice=notice, channel=Channel.PUBLIC, text=text, name=name, contact=contact, files=files,
                   received_at=timezone.now(), entered_by=None, action="signoff.objection_file")


def enter_objection(*, acting_user, notice, channel, text, received_at=None, name="", contact="",
                    files=()) -> Objection:
    """An objection the office received by letter, phone or email, entered by one of its staff."""
    if not ledger.is_office(acting_user, notice.task):
        raise PermissionDenied(_("只有该任务所在地区的整改办可以录入异议。"))
    if channel not in Channel.values or channel == Channel.PUBLIC:
        raise ValidationError({"channel": [_("请选择来信、电话、电子邮件或其他。")]})
    repeated = Objection.objects.filter(notice=notice, channel=channel, text=text_input(text, "text", limit=TEXT_MAX),
                                        entered_by=acting_user)
    if received_at is not None:  # the same letter or call entered twice, whenever
        repeat = dict(candidates=repeated.filter(received_at=received_at), created_field=None)
    else:  # received now: the same entry again in a moment (a double click)
        repeat = dict(candidates=repeated, created_field="received_at")
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise ValidationError({"received_at": [_("收到时间不能晚于现在。")]})
    if timezone.localtime(received_at).date() < notice.starts_on:
        raise ValidationError({"received_at": [_("收到时间早于公示开始日期 %(day)s。") % {"day": notice.starts_on}]})
    if notice.application.state != ApplicationState.IN_NOTICE:
        raise ValidationError({"notice": [_("该公示已结束，不能再录入异议。")]})
    return _create(notice=notice, channel=channel, text=text, name=name, contact=contact, files=files,
                   received_at=received_at, entered_by=acting_user, action="signoff.objection_enter",
                   repeat=repeat)


def answer_objection(*, acting_user, objection, answer, reason) -> Objection:
    """The office's answer. Upheld: the task returns to rectification (the declared transition, with its
    rules) and the notice closes. Dismissed: the reason is published with the notice."""
    if answer not in Answer.values:
        raise ValidationError({"answer": [_("请选择“异议成立”或“异议不成立”。")]})
    reason = text_input(reason, "reason", limit=REASON_MAX, required=True)
    with transaction.atomic():
        objection = (Objection.objects.select_for_update().select_related("notice__task", "notice__application")
                     .get(pk=objection.pk))
        notice, task = objection.notice, objection.notice.task
        if not ledger.is_office(acting_user, task):
            raise PermissionDenied(_("只有该任务所在地区的整改办可以答复异议。"))
        if objection.answer:
            raise ValidationError({"answer": [_("该异议已于 %(when)s 答复。") % {
                "when": timezone.localtime(objection.answered_at).strftime("%Y-%m-%d %H:%M")}]})
        if notice.application.state != ApplicationState.IN_NOTICE:
            raise ValidationError({"answer": [_("该公示已结束（验收申请处于“%(state)s”）。") % {
                "state": ApplicationState(notice.application.state).label}]})
        objection.answer, objection.answer_reason = answer, reason
        objection.answered_by, objection.answered_at = acting_user, timezone.now()
        objection.save(update_fields=["answer", "answer_reason", "answered_by", "answered_at"])
        audit.record(actor=acting_user, action="signoff.objection_answer", obj=objection,
                     object_repr=objection.receipt_number,
                     before={"answer": None}, after={"answer": answer, "reason": reason},
                     scope_path=task.division.path)
        if answer == Answer.UPHELD:
            # The task takes the declared transition (its guard sees the upheld answer just saved); the
            # application follows to 验收不通过 and the notice closes with its outcome.
            uphold_objection(acting_user=acting_user, task=task,
                             reason=_("异议成立（%(number)s）：%(reason)s") % {
                                 "number": objection.receipt_number, "reason": reason})
        notify(_office_and_units(task), kind="signoff.objection_answer",
               title=_("异议已答复（%(answer)s）：%(task)s") % {"answer": Answer(answer).label, "task": task.number},
               body=reason[:200], url=_staff_url(objection), obj=objection)
    return objection
