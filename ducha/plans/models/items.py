"""What the parser found in a document, one row per thing a person decides on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    TASK = "task", _("整改任务")
    TARGET = "target", _("指标目标")
    DEADLINE = "deadline", _("整改时限")
    COUNT = "count", _("数量")
    UNIT = "unit", _("责任单位")


class Decision(models.TextChoices):
    PENDING = "pending", _("待定")
    ACCEPTED = "accepted", _("采纳")
    EDITED = "edited", _("修改后采纳")
    REJECTED = "rejected", _("不采纳")


ACCEPTING = (Decision.ACCEPTED, Decision.EDITED)


class ExtractedItem(models.Model):
    document = models.ForeignKey("plans.PlanDocument", on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("类型"), max_length=16, choices=ItemKind.choices)
    position = models.PositiveIntegerField(_("顺序"))
    # As proposed from the parse; never changed after upload.
    payload = models.JSONField(_("提取内容"))
    source_text = models.TextField(_("原文"))
    # Character span of source_text in PlanDocument.text: text[start:end].
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    decision = models.CharField(_("审核结果"), max_length=16, choices=Decision.choices, default=Decision.PENDING)
    # The values a person accepted (the payload, or their edit of it).
    decided = models.JSONField(_("审核后内容"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("审核人"),
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    # Raised by every decision: a decision made on a page read before another one is refused (StaleEdit).
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    # The task or indicator target created from this item on confirmation.
    created_id = models.PositiveBigIntegerField(_("已创建对象"), null=True, blank=True)

    class Meta:
        ordering = ["document", "position"]
        constraints = [
            models.UniqueConstraint(fields=["document", "position"], name="extracteditem_unique_position"),
        ]
        verbose_name = _("提取项")
        verbose_name_plural = _("提取项")

    def __str__(self):
        text = self.source_text
        return f"{self.get_kind_display()}：{text if len(text) <= 30 else text[:30] + '…'}"

    @property
    def values(self):
        """What confirmation uses: the decided values, else the proposal."""
        return self.decided if self.decided is not None else self.payload

    @property
    def is_accepted(self):
        return self.decision in ACCEPTING
