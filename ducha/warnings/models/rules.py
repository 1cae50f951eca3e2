"""The warning rules, as data the administrator edits (admin site): thresholds and consequences.

Defaults are Guangyuan's scheme (广元 "贴蓝签、挂黄牌、亮红灯", 2018; shared/DOMAIN.md): blue on schedule;
yellow behind or a time point missed but recoverable; red when it cannot finish on time, or criticised
in a provincial (or higher) bulletin, or exposed by provincial (or higher) media. Two yellows on one task
bring a 专函督办 and −1 point; a red brings an interview (约谈) and −2 points.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class WarningRules(models.Model):
    """One row (pk 1): the rules in force. Changing them affects proposals made afterwards only."""

    red_gap_points = models.PositiveSmallIntegerField(
        _("红灯：落后序时进度（百分点）"), default=30, validators=[MaxValueValidator(100)],
        help_text=_("实际进度比序时进度落后达到该百分点数，视为剩余时间难以按期完成，提议红灯。"))
    red_when_overdue = models.BooleanField(_("红灯：超过整改时限未完成"), default=True)
    red_on_external_event = models.BooleanField(
        _("红灯：被省级以上通报批评或主流媒体曝光"), default=True)
    yellows_for_letter = models.PositiveSmallIntegerField(
        _("黄牌次数达到即专函督办"), default=2, validators=[MinValueValidator(1), MaxValueValidator(12)])
    letter_points = models.DecimalField(_("专函督办扣分"), max_digits=4, decimal_places=1, default=Decimal("1"),
                                        validators=[MinValueValidator(Decimal("0"))])
    red_points = models.DecimalField(_("红灯扣分"), max_digits=4, decimal_places=1, default=Decimal("2"),
                                     validators=[MinValueValidator(Decimal("0"))])
    red_interview = models.BooleanField(_("红灯即约谈责任单位主要负责同志"), default=True)
    reply_days = models.PositiveSmallIntegerField(
        _("专函督办、约谈的回复期限（天）"), default=10, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("按规则起草的专函督办或约谈，要求责任单位在该天数内回复。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("预警规则")
        verbose_name_plural = _("预警规则")

    def __str__(self):
        return str(_("预警规则"))

    @classmethod
    def current(cls):
        rules, _created = cls.objects.get_or_create(pk=1)
        return rules
