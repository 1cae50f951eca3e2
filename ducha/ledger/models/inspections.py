"""Inspection rounds (督察轮次) and the problems their feedback lists (问题)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class Inspection(models.Model):
    class Level(models.TextChoices):
        CENTRAL = "central", _("中央")
        PROVINCIAL = "provincial", _("省级")
        CITY = "city", _("市级")

    name = models.CharField(_("名称"), max_length=128)
    level = models.CharField(_("层级"), max_length=16, choices=Level.choices, default=Level.CENTRAL)
    round_number = models.PositiveSmallIntegerField(_("轮次"))
    team = models.CharField(_("督察组"), max_length=128, blank=True)
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="inspections", verbose_name=_("被督察地区")
    )
    on_site_start = models.DateField(_("进驻日期"), null=True, blank=True)
    on_site_end = models.DateField(_("结束进驻日期"), null=True, blank=True)
    feedback_date = models.DateField(_("反馈日期"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-feedback_date", "-round_number"]
        verbose_name = _("督察")
        verbose_name_plural = _("督察")

    def __str__(self):
        return self.name

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "division")


class Problem(models.Model):
    class Kind(models.TextChoices):
        SPECIFIC = "specific", _("个性问题")
        COMMON = "common", _("共性问题")
        TYPICAL_CASE = "typical_case", _("典型案例")
        COMPLAINT = "complaint", _("转办信访问题")
        SELF_FOUND = "self_found", _("自查问题")

    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="problems", verbose_name=_("督察")
    )
    kind = models.CharField(_("问题类型"), max_length=16, choices=Kind.choices, default=Kind.SPECIFIC)
    code = models.CharField(_("问题编号"), max_length=32, blank=True)
    description = models.TextField(_("问题"))
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="problems", verbose_name=_("所在地区")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "code", "id"]
        verbose_name = _("问题")
        verbose_name_plural = _("问题")

    def __str__(self):
        text = self.description
        return text if len(text) <= 40 else text[:40] + "…"

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "division")

