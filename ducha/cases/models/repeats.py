"""Repeat complaints (重复件): a later case linked to an earlier one it repeats.

A link is found (a cited number: `reason=cited`; the same site and near-identical text: `similar`)
and then confirmed or dismissed by a coordinator (ducha.cases.actions.repeats). A confirmed link may
carry the merge number (合并编号) the office gives the group."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class RepeatReason(models.TextChoices):
    CITED = "cited", _("引用在先编号")
    SIMILAR = "similar", _("同一地点且内容近似")


class RepeatStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("确认重复")
    DISMISSED = "dismissed", _("不是重复")


class RepeatLink(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="repeat_links",
                             verbose_name=_("信访件"))
    earlier = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="repeated_by",
                                verbose_name=_("在先信访件"))
    reason = models.CharField(_("依据"), max_length=16, choices=RepeatReason.choices)
    score = models.DecimalField(_("相似度"), max_digits=4, decimal_places=3, default=0)
    status = models.CharField(_("状态"), max_length=16, choices=RepeatStatus.choices, default=RepeatStatus.PROPOSED)
    # The earlier case's task had been signed off when this one came in: a possible rebound (反弹).
    rebound = models.BooleanField(_("疑似反弹"), default=False)
    merge_number = models.CharField(_("合并编号"), max_length=64, blank=True)
    note = models.TextField(_("说明"), blank=True)
    found_at = models.DateTimeField(_("发现时间"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("确认人"))
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "earlier"], name="cases_repeat_unique")]
        indexes = [models.Index(fields=["status"])]
        verbose_name = _("重复件")
        verbose_name_plural = _("重复件")

    @classmethod
    def scope_q(cls, user, action):
        from ducha.cases.models import Case
        from ducha.core import scoping

        rule = Case.scope_q(user, action)
        if rule is scoping.NONE or rule is None:
            return scoping.NONE
        return models.Q(case__in=Case.objects.filter(rule).values("pk"))


def mark_visible(links, user):
    """Set `earlier_visible` / `case_visible` on each link: may `user` open that case? A proposal is shown
    with the case it belongs to, but the other case's text only to those who may read it (one query)."""
    from ducha.cases.models import Case

    links = list(links)
    ids = {link.earlier_id for link in links} | {link.case_id for link in links}
    visible = set(Case.objects.restrict(user).filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    for link in links:
        link.earlier_visible = link.earlier_id in visible
        link.case_visible = link.case_id in visible
    return links


class RepeatBand(models.Model):
    """One LSH band of a case's MinHash signature (ducha.cases.repeats): cases sharing a band are candidate
    repeats, so a new batch is compared with every earlier case through an index instead of in memory."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    band = models.BigIntegerField()

    class Meta:
        # (band, case): the look-up of a batch's bands reads the cases sharing them from the index alone
        # (with the band alone, every matching row cost a read of the table: 9 s for a batch of 5,000
        # against 300,000 earlier cases on SQLite, 3 s with this index).
        indexes = [models.Index(fields=["band", "case"], name="cases_repeatband_band_case")]
        verbose_name = _("重复件指纹")
        verbose_name_plural = _("重复件指纹")
