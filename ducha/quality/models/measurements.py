"""Measured values imported from monitoring data, per division: what the
targets are judged against. Values are the reported daily (air) or monthly
(water) figures, exact decimals as published; the statistics are computed by
ducha.standards when shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class _DivisionScoped(models.Model):
    division = models.ForeignKey("jurisdictions.Division", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("区划"))
    imported_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "division")


class AirDailyValue(_DivisionScoped):
    """A division's (city-level) daily values: the mean of its stations'
    daily values, reported per HJ 663 (integers µg/m³, CO 0.1 mg/m³)."""

    day = models.DateField(_("日期"))
    so2 = models.PositiveIntegerField("SO2", null=True, blank=True)
    no2 = models.PositiveIntegerField("NO2", null=True, blank=True)
    co = models.DecimalField("CO", max_digits=6, decimal_places=1, null=True, blank=True)
    o3_8h = models.PositiveIntegerField("O3_8h", null=True, blank=True)
    pm10 = models.PositiveIntegerField("PM10", null=True, blank=True)
    pm25 = models.PositiveIntegerField("PM2.5", null=True, blank=True)
    aqi = models.PositiveSmallIntegerField("AQI", null=True, blank=True, help_text=_("空表示无效或超出量程"))
    level = models.PositiveSmallIntegerField(_("级别"), null=True, blank=True)

    class Meta:
        ordering = ["division", "day"]
        constraints = [models.UniqueConstraint(fields=["division", "day"], name="quality_air_day_unique")]
        verbose_name = _("空气质量日数据")
        verbose_name_plural = _("空气质量日数据")

    def __str__(self):
        return f"{self.division_id} {self.day} AQI {self.aqi}"


class WaterSectionResult(_DivisionScoped):
    """One monitoring section's result for one month (GB 3838 items, mg/L)."""

    month = models.DateField(_("月份"), help_text=_("当月第一天"))
    section = models.CharField(_("断面"), max_length=128)
    waterbody = models.CharField(_("水体类型"), max_length=16)
    water_class = models.CharField(_("水质类别"), max_length=4)
    values = models.JSONField(_("监测值"), default=dict, help_text=_("指标代码 → 数值文本"))
    limiting = models.CharField(_("定类项目"), max_length=255, blank=True)
    drinking_source = models.BooleanField(_("饮用水水源地"), default=False)

    class Meta:
        ordering = ["division", "month", "section"]
        constraints = [
            models.UniqueConstraint(fields=["division", "month", "section"], name="quality_water_month_unique"),
        ]
        verbose_name = _("断面水质月数据")
        verbose_name_plural = _("断面水质月数据")

    def __str__(self):
        return f"{self.section} {self.month:%Y-%m} {self.water_class}"
