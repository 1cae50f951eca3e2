"""Public notice (公示) of a signed acceptance opinion, the objections (异议) it receives, and the filing
(备案) of a sign-off with the level above. The public pages and the objection actions are built on these
by another app; the fields here are stable (add, don't rename)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet

from .common import task_scope_q
from .policy import DayKind


class Notice(models.Model):
    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="signoff_notices",
                             verbose_name=_("整改任务"))
    application = models.OneToOneField("signoff.Application", on_delete=models.PROTECT, related_name="notice",
                                       verbose_name=_("销号申请"))
    stage = models.ForeignKey("ledger.TaskStage", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("阶段"))
    # What the notice publishes about the work (the public page shows it and nothing internal).
    summary = models.TextField(_("公示内容"), blank=True)
    starts_on = models.DateField(_("公示开始日期"))
    ends_on = models.DateField(_("公示截止日期"))
    length = models.PositiveSmallIntegerField(_("公示期长度"))
    day_kind = models.CharField(_("公示期计算方式"), max_length=8, choices=DayKind.choices)
    # Which calendar computed ends_on ("calendar": plain days; "workdays": ducha.workdays' official calendar).
    calendar = models.CharField(_("日历依据"), max_length=32, blank=True)
    outcome = models.TextField(_("公示结果"), blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("发布人"))
    published_at = models.DateTimeField(_("发布时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["ends_on", "starts_on"]),
            # The public list's order, with what tells current from past: its page walks this index and
            # reads a notice row only for the notices it shows (migration 0002).
            models.Index(fields=["-starts_on", "-id", "ends_on", "closed_at", "task"], name="signoff_notice_list_walk"),
        ]
        verbose_name = _("销号公示")
        verbose_name_plural = _("销号公示")

    def __str__(self):
        return f"{self.task.number} {self.starts_on}–{self.ends_on}"

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)


class Channel(models.TextChoices):
    PUBLIC = "public", _("公开页面")
    LETTER = "letter", _("来信")
    PHONE = "phone", _("电话")
    EMAIL = "email", _("电子邮件")
    OTHER = "other", _("其他")


class Answer(models.TextChoices):
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class Objection(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="objections",
                               verbose_name=_("销号公示"))
    channel = models.CharField(_("来源渠道"), max_length=8, choices=Channel.choices)
    text = models.TextField(_("异议内容"))
    # A plain-language number the objector uses to check the answer.
    receipt_number = models.CharField(_("受理编号"), max_length=32, unique=True)
    received_at = models.DateTimeField(_("收到时间"))
    # The office's officer who entered a letter/phone/email objection (None: filed on the public page).
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("录入人"))
    answer = models.CharField(_("答复结论"), max_length=10, choices=Answer.choices, null=True, blank=True)
    answer_reason = models.TextField(_("答复理由"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("答复人"))
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    voided_with = "notice__task"  # see scoping.live_q
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["notice", "received_at", "id"]
        indexes = [models.Index(fields=["notice", "answer"])]
        verbose_name = _("异议")
        verbose_name_plural = _("异议")

    def __str__(self):
        return self.receipt_number

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action, path="notice__task")


class ObjectionContact(models.Model):
    """The objector's optional name and contact, stored apart from the objection so that nothing that lists
    or publishes objections carries them by accident."""

    objection = models.OneToOneField(Objection, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("姓名"), max_length=64, blank=True)
    contact = models.CharField(_("联系方式"), max_length=128, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("异议人联系方式")


class ObjectionAttachment(models.Model):
    objection = models.ForeignKey(Objection, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = _("异议附件")
        ordering = ["objection", "id"]
        constraints = [models.UniqueConstraint(fields=["objection", "file"], name="objectionattachment_unique")]


class Filing(models.Model):
    """A signed-off task filed (备案) with the level above."""

    task = models.ForeignKey("ledger.Task", on_delete=models.PROTECT, related_name="signoff_filings",
                             verbose_name=_("整改任务"))
    application = models.ForeignKey("signoff.Application", on_delete=models.PROTECT, related_name="filings",
                                    verbose_name=_("销号申请"))
    level = models.ForeignKey("signoff.AcceptanceLevel", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("备案层级"))
    filed_with = models.CharField(_("备案机关"), max_length=128)
    filed_on = models.DateField(_("备案日期"))
    reference = models.CharField(_("备案文号"), max_length=64, blank=True)
    note = models.TextField(_("备注"), blank=True)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("经办人"))
    created_at = models.DateTimeField(auto_now_add=True)

    voided_with = "task"  # out of lists, counts and changes while the task is voided (scoping.live_q)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["task", "filed_on", "id"]
        verbose_name = _("销号备案")
        verbose_name_plural = _("销号备案")

    @classmethod
    def scope_q(cls, user, action):
        return task_scope_q(user, action)


class DocumentKind(models.TextChoices):
    OPINION = "opinion", _("验收意见表")
    APPLICATION = "application", _("销号申请表")


class Document(models.Model):
    """A generated document (docx) kept with the application, with its hash in the evidence store."""

    application = models.ForeignKey("signoff.Application", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("文书"), max_length=16, choices=DocumentKind.choices)
    file = models.ForeignKey("evidence.StoredFile", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = _("验收文书")
        ordering = ["application", "kind", "-created_at"]
