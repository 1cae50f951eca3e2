"""Numeric environmental-quality targets that plans set (指标目标)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class Indicator(models.TextChoices):
    PM25_MEAN = "pm25_mean", _("PM2.5平均浓度")
    PM10_MEAN = "pm10_mean", _("PM10平均浓度")
    GOOD_DAYS_RATIO = "good_days_ratio", _("空气质量优良天数比例")
    HEAVY_POLLUTION_DAYS = "heavy_pollution_days", _("重污染天数")
    SURFACE_WATER_GOOD_RATIO = "surface_water_good_ratio", _("地表水Ⅰ-Ⅲ类水质比例")
    INFERIOR_V_SECTIONS = "inferior_v_sections", _("劣Ⅴ类断面数")
    SECTION_WATER_CLASS = "section_water_class", _("断面水质类别")
    DRINKING_WATER_ATTAINMENT_RATIO = "drinking_water_attainment_ratio", _("饮用水水源地水质达标率")
    FARMLAND_SAFE_USE_RATIO = "farmland_safe_use_ratio", _("受污染耕地安全利用率")
    CONTAMINATED_SITE_SAFE_USE_RATIO = "contaminated_site_safe_use_ratio", _("污染地块安全利用率")
    HAZARDOUS_WASTE_DISPOSAL_RATIO = "hazardous_waste_disposal_ratio", _("危险废物处置率")
    SEWAGE_TREATMENT_RATIO = "sewage_treatment_ratio", _("污水处理率")
    GARBAGE_SORTING_COVERAGE = "garbage_sorting_coverage", _("垃圾分类覆盖率")
    FOREST_COVERAGE = "forest_coverage", _("森林覆盖率")
    GRASSLAND_VEGETATION_COVERAGE = "grassland_vegetation_coverage", _("草原综合植被盖度")
    WETLAND_AREA = "wetland_area", _("湿地面积")
    EMISSION_REDUCTION = "emission_reduction", _("污染物减排")
    OTHER = "other", _("其他")


class Comparator(models.TextChoices):
    LT = "<", _("低于")
    LE = "<=", _("不高于")
    GE = ">=", _("不低于")
    GT = ">", _("高于")
    EQ = "==", _("等于")


class IndicatorTarget(models.Model):
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="indicator_targets", verbose_name=_("区划")
    )
    plan = models.ForeignKey(
        "ledger.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="indicator_targets",
        verbose_name=_("整改方案"),
    )
    indicator = models.CharField(_("指标"), max_length=48, choices=Indicator.choices)
    name = models.CharField(_("指标名称"), max_length=128, blank=True, help_text=_("方案原文中的指标名称"))
    region = models.CharField(_("范围"), max_length=64, blank=True, help_text=_("如：市区、全市、某断面"))
    comparator = models.CharField(_("比较"), max_length=2, choices=Comparator.choices)
    # Exact decimal as the plan states it; never a float.
    value = models.DecimalField(_("目标值"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=32, blank=True)
    year = models.PositiveSmallIntegerField(_("目标年份"))
    source_text = models.TextField(_("原文"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["division__code", "year", "indicator"]
        verbose_name = _("指标目标")
        verbose_name_plural = _("指标目标")

    def __str__(self):
        return f"{self.division} {self.year} {self.name or self.get_indicator_display()} {self.comparator} {self.value}"

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "division")
