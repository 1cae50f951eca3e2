"""Rectification plans (整改方案) issued by a government."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class Plan(models.Model):
    code = models.CharField(_("方案代码"), max_length=64, unique=True)
    title = models.CharField(_("方案名称"), max_length=255)
    issuer = models.CharField(_("印发机关"), max_length=128, blank=True)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    text = models.TextField(_("正文"), blank=True)
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="plans", verbose_name=_("所属区划")
    )
    inspection = models.ForeignKey(
        "ledger.Inspection", null=True, blank=True, on_delete=models.PROTECT, related_name="plans",
        verbose_name=_("督察"),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("上级方案")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "code"]
        verbose_name = _("整改方案")
        verbose_name_plural = _("整改方案")

    def __str__(self):
        return self.title

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "division")
