"""An uploaded rectification plan (整改方案) document waiting for, or past, review."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class DocumentState(models.TextChoices):
    PENDING = "pending", _("待审核")
    REVIEWING = "reviewing", _("审核中")
    DONE = "done", _("已完成")


class PlanDocument(models.Model):
    file = models.FileField(_("文件"), upload_to="plan_documents/%Y/")
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    filename = models.CharField(_("文件名"), max_length=255)
    format = models.CharField(_("格式"), max_length=16)
    text = models.TextField(_("清理后的正文"))
    parse = models.JSONField(_("解析结果"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("上传人")
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="plan_documents", verbose_name=_("所属区划")
    )
    # The ledger plan this document feeds: chosen, or created on confirmation.
    plan = models.ForeignKey(
        "ledger.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="documents",
        verbose_name=_("整改方案"),
    )
    # The document's own facts as read from its text, editable before confirming.
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    doc_title = models.CharField(_("标题"), max_length=255, blank=True)
    doc_issuer = models.CharField(_("印发机关"), max_length=128, blank=True)
    doc_date = models.DateField(_("印发日期"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=16, choices=DocumentState.choices, default=DocumentState.PENDING)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("方案文件")
        verbose_name_plural = _("方案文件")

    def __str__(self):
        return self.title

    @property
    def title(self):
        return self.doc_title or (self.parse or {}).get("title") or self.filename

    @classmethod
    def scope_q(cls, user, action):
        """Review is the rectification office's work: coordinators of the division
        (and above) change; leaders and supervisors there may look; officers do not."""
        from ducha.core import scoping
        from ducha.jurisdictions.models import Role

        prefix = scoping.division_prefix(user)
        if not prefix or user.role == Role.OFFICER:
            return scoping.NONE
        if action != scoping.VIEW and user.role != Role.COORDINATOR:
            return scoping.NONE
        return models.Q(division__path__startswith=prefix)
