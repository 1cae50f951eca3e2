"""Days an administrator entered or corrected, over the arrangements the package ships."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarDay(models.Model):
    """A holiday (working=False) or an adjusted working day (working=True, 调休上班) on one date."""

    date = models.DateField(_("日期"), unique=True)
    working = models.BooleanField(_("是否上班"), help_text=_("是：调休上班日；否：放假日。"))
    name = models.CharField(_("节日"), max_length=60, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("录入人"))
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日调整")
        verbose_name_plural = _("节假日调整")

    def __str__(self):
        return f"{self.date} {'上班' if self.working else '放假'} {self.name}"


class CalendarYear(models.Model):
    """A year whose whole arrangement an administrator entered (from the State Council's notice), so
    dates in it are no longer judged by the weekend alone."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("依据"), max_length=200,
                              help_text=_("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("录入人"))
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("年度节假日安排")
        verbose_name_plural = _("年度节假日安排")

    def __str__(self):
        return f"{self.year}"
