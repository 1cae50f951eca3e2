"""The lead unit's application (提交申请): the draft with its report, self-check and evidence, the co-units'
confirmations, and submitting it (first time or after a return)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core.actions import check_version
from ducha.evidence.storing import store_upload
from ducha.ledger import workflow as ledger
from ducha.ledger.models import TaskState
from ducha.progress.models import ReportEvidence

from ..models import (
    Application, ApplicationEvidence, ApplicationState, CoUnitConfirmation, EvidenceSource, ReviewRound, SelfCheck,
    Standard,
)
from ..workflow import APPLICATION_WORKFLOW, is_co_unit
from .guards import current_application
from .steps import clean_text, now, snapshot, take_step

FILES_MAX = 20
EDITABLE = (ApplicationState.DRAFT, ApplicationState.CONFIRMING, ApplicationState.RETURNED)


def _editable_application(acting_user, task, stage=None):
    """The application the lead unit may edit now (creating the draft when there is none), or a refusal."""
    if not ledger.is_lead_unit(acting_user, task):
        raise PermissionDenied(_("只有牵头单位可以填写验收申请。"))
    if task.voided_at is not None:
        raise ValidationError({"task": [_("任务已作废。")]})
    application = current_application(task) if stage is None else (
        Application.objects.filter(task=task, stage=stage, state__in=EDITABLE).order_by("-id").first())
    if application is None:
        if stage is None and task.state != TaskState.COMPLETED:
            raise ValidationError({"state": [_("任务须先申报完成整改（当前：%(state)s）。") % {
                "state": TaskState(task.state).label}]})
        return Application(task=task, stage=stage, unit_id=task.lead_unit_id, created_by=acting_user)
    if application.state not in EDITABLE:
        raise ValidationError({"application": [_("验收申请处于“%(state)s”，不能修改。") % {
            "state": ApplicationState(application.state).label}]})
    return application


def _evidence_files(task, report_file_ids):
    """Files picked from the task's own progress-report evidence; any other id is refused by name."""
    ids = [int(i) for i in report_file_ids]
    found = dict(ReportEvidence.objects.filter(report__task=task, file_id__in=ids)
                 .values_list("file_id", "file"))
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise ValidationError({"report_files": [_("不是本任务进度报告中的佐证材料：%(ids)s。") % {
            "ids": "、".join(unknown)}]})
    return ids


@transaction.atomic
def save_application(*, acting_user, task, report=None, self_checks=None, report_files=(), uploads=(),
                     long_term=None, stage=None, version=None):
    """Create or edit the draft (or the returned application before resubmitting).

    self_checks: {standard: text}; report_files: ids of the task's progress-report evidence to attach;
    uploads: (standard or "", UploadedFile) pairs stored through ducha.evidence; version: the application's
    version the editor read (0: they saw none), so that one officer's draft never silently replaces
    another's."""
    application = _editable_application(acting_user, task, stage)
    created = application.pk is None
    if not created:
        application = Application.objects.select_for_update().get(pk=application.pk)
        check_version(application, version)
    before = {} if created else snapshot(application) | {"report": application.report}
    if report is not None:
        application.report = clean_text("report", report)
    if long_term is not None:
        application.long_term = bool(long_term)
    uploads = list(uploads)
    if len(uploads) + len(report_files) > FILES_MAX:
        raise ValidationError({"files": [_("一次最多附 %(n)s 个文件。") % {"n": FILES_MAX}]})
    for standard, _file in uploads:
        if standard and standard not in Standard.values:
            raise ValidationError({"files": [_("未知的销号标准：%(s)s。") % {"s": standard}]})
    checks = {}
    for standard, text in (self_checks or {}).items():
        if standard not in Standard.values:
            raise ValidationError({f"self_check_{standard}": [_("未知的销号标准。")]})
        checks[standard] = clean_text(f"self_check_{standard}", text)
    picked = _evidence_files(task, report_files)
    application.version += 0 if created else 1
    application.save()
    for standard, text in checks.items():
        SelfCheck.objects.update_or_create(application=application, standard=standard, defaults={"text": text})
    for file_id in picked:
        ApplicationEvidence.objects.get_or_create(application=application, file_id=file_id, standard="",
                                                  defaults={"source": EvidenceSource.REPORT, "added_by": acting_user})
    for standard, upload in uploads:
        stored = store_upload(upload, acting_user=acting_user)
        ApplicationEvidence.objects.get_or_create(application=application, file=stored, standard=standard or "",
                                                  defaults={"source": EvidenceSource.UPLOAD, "added_by": acting_user})
    audit.record(actor=acting_user, action="signoff.draft", obj=application, before=before,
                 after=snapshot(application) | {"report": application.report, "files": len(picked) + len(uploads)})
    return application


@transaction.atomic
def ask_confirmation(*, acting_user, task):
    """The lead unit asks its co-units to confirm their parts (when the plan says so)."""
    application = _editable_application(acting_user, task)
    if application.pk is None or application.state != ApplicationState.DRAFT:
        raise ValidationError({"application": [_("请先保存验收申请草稿。")]})
    before = snapshot(application)
    APPLICATION_WORKFLOW.apply(APPLICATION_WORKFLOW.get("ask_confirmation"), application)
    application.version += 1
    application.save()
    audit.record(actor=acting_user, action="signoff.ask_confirmation", obj=application, before=before,
                 after=snapshot(application))
    return application


def editable_application(acting_user, task):
    """The application the lead unit may fill in or edit now (unsaved when there is none yet), or the
    refusal naming why not."""
    return _editable_application(acting_user, task)


def confirming_application(acting_user, task):
    """The application waiting for this co-unit's confirmation, or the refusal naming why there is none."""
    application = current_application(task)
    if application is None or application.state != ApplicationState.CONFIRMING:
        raise ValidationError({"application": [_("没有等待确认的验收申请。")]})
    if not is_co_unit(acting_user, application):
        raise PermissionDenied(_("只有配合单位可以确认。"))
    if application.confirmations.filter(unit_id=acting_user.unit_id).exists():
        raise ValidationError({"text": [_("本单位已确认。")]})
    return application


@transaction.atomic
def confirm_part(*, acting_user, task, text="", version=None):
    """A co-unit confirms its part of the work, on the application's `version` it read: the lead unit may
    still edit the application while it waits, and a confirmation of a report since rewritten is refused."""
    found = confirming_application(acting_user, task)
    application = Application.objects.select_for_update().get(pk=found.pk)
    check_version(application, version)
    confirmation, created = CoUnitConfirmation.objects.get_or_create(
        application=application, unit_id=acting_user.unit_id,
        defaults={"text": clean_text("text", text), "confirmed_by": acting_user})
    if not created:
        raise ValidationError({"text": [_("本单位已确认。")]})
    audit.record(actor=acting_user, action="signoff.confirm", obj=application,
                 after={"unit": acting_user.unit_id, "text": confirmation.text})
    return confirmation


def _new_round(acting_user):
    def records(application):
        from .levels import open_chain

        if application.stage_id is None:
            open_chain(application.task)
        number = application.rounds.count() + 1
        ReviewRound.objects.create(application=application, number=number, report=application.report,
                                   submitted_by=acting_user, submitted_at=now())
        application.submitted_at, application.submitted_by = now(), acting_user
    return records


def submit(*, acting_user, task, note="", version=None, stage=None):
    """Submit the application (提交申请), or resubmit it after a return; every round is kept."""
    application = current_application(task, stage)
    name = "resubmit" if application is not None and application.state == ApplicationState.RETURNED else "apply"
    return take_step(
        acting_user=acting_user, task=task, stage=stage, name=name, note=clean_text("note", note, limit=2000),
                     version=version, records=_new_round(acting_user))
