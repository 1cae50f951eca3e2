"""A sign-off application (销号申请) and its review: rounds of document review (资料审核), the on-site
check (现场核查) and the signature (审核签字). An application's state changes only through
ducha.signoff.workflow; the task's own state through ducha.ledger.workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet
from ducha.core.workflow import StateField, state_change

from .common import Standard, task_scope_q


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    CONFIRMING = "confirming", _("待配合单位确认")
    SUBMITTED = "submitted", _("待资料审核")
    RETURNED = "returned", _("已退回")
    REVIEWED = "reviewed", _("待现场核查")
    CHECKED = "checked", _("待签字")
    SIGNED = "signed", _("待公示")
    IN_NOTICE = "in_notice", _("公示中")
    SIGNED_OFF = "signed_off", _("已销号")
    FAILED = "failed", _("验收不通过")


# Applications still running (one per task or stage at a time).
OPEN_STATES = (ApplicationState.DRAFT, ApplicationState.CONFIRMING, ApplicationState.SUBMITTED,
               ApplicationState.RETURNED, ApplicationState.REVIEWED, ApplicationState.CHECKED,
               ApplicationState.SIGNED, ApplicationState.IN_NOTICE)


class Application(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="signoff_applications",
                             verbose_name=_("整改任务"))
    # A staged task is signed off stage by stage: the stage this application is for (None: the whole task).
    stage = models.ForeignKey("ledger.TaskStage", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="signoff_applications", verbose_name=_("阶段"))
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("申请单位"))
    state = StateField(_("状态"), max_length=16, choices=ApplicationState.choices, default=ApplicationState.DRAFT)
    report = models.TextField(_("完成情况报告"), blank=True)
    # A 长期坚持 task is signed off for what is done ("已完成，长期坚持") and stays under periodic checks.
    long_term = models.BooleanField(_("已完成，长期坚持"), default=False)
    # The acceptance level now reviewing (None: the task's acceptance unit or the office).
    level = models.ForeignKey("signoff.AcceptanceLevel", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("当前验收层级"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("填报人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("提交人"))
    signed_off_at = models.DateTimeField(_("销号时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "submitted_at"]), models.Index(fields=["task", "state"])]
        verbose_name = _("销号申请")
        verbose_name_plural = _("销号申请")

    def __str__(self):
        return f"{self.task.number} {self.get_state_display()}"

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)


class SelfCheck(models.Model):
    """The unit's answer against one of the five standards."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="self_checks")
    standard = models.CharField(_("销号标准"), max_length=16, choices=Standard.choices)
    text = models.TextField(_("自查情况"))

    class Meta:
        verbose_name = verbose_name_plural = _("销号自查")
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "standard"], name="selfcheck_unique")]


class EvidenceSource(models.TextChoices):
    REPORT = "report", _("进度报告佐证")
    UPLOAD = "upload", _("新上传")


class ApplicationEvidence(models.Model):
    """A file attached to the application, for one standard or for the report as a whole (standard "")."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")
    standard = models.CharField(_("销号标准"), max_length=16, choices=Standard.choices, blank=True, default="")
    source = models.CharField(_("来源"), max_length=8, choices=EvidenceSource.choices, default=EvidenceSource.UPLOAD)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("验收佐证材料")
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "file", "standard"],
                                               name="applicationevidence_unique")]


class CoUnitConfirmation(models.Model):
    """A co-unit (配合单位) confirms its part before the lead unit submits, when the plan says so."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="confirmations")
    unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("配合单位"))
    text = models.TextField(_("确认意见"), blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("确认人"))
    confirmed_at = models.DateTimeField(_("确认时间"), auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("配合单位确认")
        ordering = ["application", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "unit"], name="counitconfirmation_unique")]


class Outcome(models.TextChoices):
    PASSED = "passed", _("通过")
    RETURNED = "returned", _("退回")


class ReviewRound(models.Model):
    """One submission and its document review: every round of return and resubmission is kept."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("轮次"))
    # What was submitted in this round (the report as it stood), so a later resubmission does not rewrite it.
    report = models.TextField(_("提交的完成情况报告"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("提交人"))
    submitted_at = models.DateTimeField(_("提交时间"))
    outcome = models.CharField(_("审核结论"), max_length=8, choices=Outcome.choices, blank=True, default="")
    reasons = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("审核人"))
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [models.UniqueConstraint(fields=["application", "number"], name="reviewround_unique")]
        verbose_name = _("资料审核")
        verbose_name_plural = _("资料审核")


class OnsiteCheck(models.Model):
    """The on-site check (现场核查), or the recorded reason why none was needed."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="onsite")
    needed = models.BooleanField(_("进行现场核查"), default=True)
    not_needed_reason = models.TextField(_("无需现场核查的理由"), blank=True)
    checked_on = models.DateField(_("核查日期"), null=True, blank=True)
    people = models.TextField(_("核查人员"), blank=True)
    place = models.CharField(_("核查地点"), max_length=255, blank=True)
    conclusion = models.TextField(_("核查结论"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("记录人"))
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("现场核查")
        verbose_name_plural = _("现场核查")


class OnsiteFinding(models.Model):
    onsite = models.ForeignKey(OnsiteCheck, on_delete=models.CASCADE, related_name="findings")
    standard = models.CharField(_("销号标准"), max_length=16, choices=Standard.choices)
    text = models.TextField(_("核查情况"))

    class Meta:
        verbose_name = verbose_name_plural = _("现场核查结论")
        ordering = ["onsite", "id"]
        constraints = [models.UniqueConstraint(fields=["onsite", "standard"], name="onsitefinding_unique")]


class OnsitePhoto(models.Model):
    onsite = models.ForeignKey(OnsiteCheck, on_delete=models.CASCADE, related_name="photos")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("现场核查照片")
        ordering = ["onsite", "id"]
        constraints = [models.UniqueConstraint(fields=["onsite", "file"], name="onsitephoto_unique")]


class Signature(models.Model):
    """The named reviewer signs the acceptance opinion (审核签字, 谁验收、谁负责)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="signature")
    opinion = models.TextField(_("验收意见"))
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("签字人"))
    # The name and post as signed (a user's name may change later; the opinion keeps what was signed).
    signer_name = models.CharField(_("签字人姓名"), max_length=64)
    signer_title = models.CharField(_("职务"), max_length=64, blank=True)
    unit = models.ForeignKey("jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+", verbose_name=_("验收单位"))
    signed_at = models.DateTimeField(_("签字时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审核签字")
        verbose_name_plural = _("审核签字")
