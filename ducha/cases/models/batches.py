"""What an inspection's complaint cases hang on: the inspection's case settings (a short code for
commands, the deadline rule), the batches (批次) the team transfers, the configurable list of case
types (污染类型) and the routing rules (分办规则: division × type → lead unit and co-units)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet

# Working days from the day after transfer, by inspection level, when the setup names none.
DEFAULT_DEADLINE_DAYS = {"central": 10, "provincial": 7, "city": 7}


class CaseSetup(models.Model):
    """One inspection's complaint-case settings. `code` is what commands name (--inspection CODE)."""

    inspection = models.OneToOneField("ledger.Inspection", on_delete=models.PROTECT, related_name="case_setup",
                                      verbose_name=_("督察"))
    code = models.SlugField(_("代码"), max_length=32, unique=True)
    # None: the level's default (DEFAULT_DEADLINE_DAYS).
    deadline_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), null=True, blank=True)
    # The plan a staged case's task joins (None: the inspection's plan over the case's division).
    plan = models.ForeignKey("ledger.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("整改方案"))
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访件设置")
        verbose_name_plural = _("信访件设置")

    def __str__(self):
        return self.code

    @property
    def working_days(self):
        if self.deadline_days:
            return self.deadline_days
        return DEFAULT_DEADLINE_DAYS.get(self.inspection.level, 10)

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "inspection__division")


class Batch(models.Model):
    """A batch (批次) of cases transferred by the inspection team on one day."""

    inspection = models.ForeignKey("ledger.Inspection", on_delete=models.PROTECT, related_name="case_batches",
                                   verbose_name=_("督察"))
    number = models.PositiveSmallIntegerField(_("批次"))
    transferred_on = models.DateField(_("交办日期"))
    channel = models.CharField(_("转办渠道"), max_length=64, blank=True)
    stated_count = models.PositiveIntegerField(_("交办件数"), null=True, blank=True)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("导入人"))
    imported_at = models.DateTimeField(_("导入时间"), auto_now_add=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["inspection", "number"]
        constraints = [models.UniqueConstraint(fields=["inspection", "number"], name="cases_batch_unique")]
        verbose_name = _("批次")
        verbose_name_plural = _("批次")

    def __str__(self):
        return _("第%(n)s批") % {"n": self.number}

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("cases:batch", args=[self.pk])

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "inspection__division")


class CaseType(models.Model):
    """A case type (污染类型) of the configurable list. `aliases` holds local names (扬尘, 油烟…), one per line,
    that map onto it; the case keeps the original words."""

    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=32, unique=True)
    aliases = models.TextField(_("别名"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_fallback = models.BooleanField(_("兜底类型"), default=False,
                                      help_text=_("无法识别的类型归入此类（保留原文）。"))
    # A type cases refer to is disabled, never deleted: new imports no longer read it, old cases keep it.
    is_active = models.BooleanField(_("启用"), default=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("信访件类型")
        verbose_name_plural = _("信访件类型")

    def __str__(self):
        return self.name

    def alias_list(self):
        return [a.strip() for a in self.aliases.replace("、", "\n").splitlines() if a.strip()]

    @classmethod
    def scope_q(cls, user, action):
        """Read by everyone who reads cases. The list is shared by every jurisdiction (a type renamed
        renames it in every city's cases), so only a coordinator of a top division (one with no parent: the
        province, or the city when it is the top of the deployment) changes it, besides administrators."""
        from ducha.core import scoping
        from ducha.core.roles import Role

        if action == scoping.VIEW:
            return scoping.ALL
        division = user.scope_division
        if user.role == Role.COORDINATOR and division is not None and division.parent_id is None:
            return scoping.ALL
        return scoping.NONE


class RoutingRule(models.Model):
    """Division × type → lead unit and co-units. An empty division or type matches any; the most specific
    rule wins (division deeper first, then a named type), then `priority`."""

    inspection = models.ForeignKey("ledger.Inspection", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("督察"))
    division = models.ForeignKey("jurisdictions.Division", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("区划"))
    case_type = models.ForeignKey(CaseType, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("类型"))
    lead_unit = models.ForeignKey("jurisdictions.Unit", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("牵头单位"))
    co_units = models.ManyToManyField("jurisdictions.Unit", blank=True, related_name="+",
                                      verbose_name=_("配合单位"))
    priority = models.SmallIntegerField(_("优先级"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-priority", "id"]
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")

    def __str__(self):
        return _("分办规则 %(pk)s") % {"pk": self.pk}

    @property
    def reach(self):
        """The division the rule serves: its own, else its inspection's; None for a rule of every division
        of every inspection."""
        if self.division_id:
            return self.division
        return self.inspection.division if self.inspection_id else None

    @classmethod
    def scope_q(cls, user, action):
        """Coordinators only (and administrators). Read along the coordinator's line of divisions, the rules
        of every division included (they route the coordinator's cases too); changed where the rule's
        reach (its division, else its inspection's) is the coordinator's division or below."""
        from django.db.models import Q

        from ducha.core import scoping
        from ducha.core.roles import Role

        division = user.scope_division
        if user.role != Role.COORDINATOR or division is None:
            return scoping.NONE
        anywhere = Q(division__isnull=True)
        below = Q(division__path__startswith=division.path) | (
            anywhere & Q(inspection__division__path__startswith=division.path))
        if action != scoping.VIEW:
            return below
        line = [c for c in division.path.split("/") if c]
        above = Q(division__code__in=line) | (anywhere & Q(inspection__division__code__in=line))
        return below | above | (anywhere & Q(inspection__isnull=True))
