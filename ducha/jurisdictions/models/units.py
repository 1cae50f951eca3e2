"""Units (单位): departments, county governments, enterprises, each in a division."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", _("党委政府")
    DEPARTMENT = "department", _("政府部门")
    OFFICE = "office", _("整改办")
    DISCIPLINE = "discipline", _("纪检监察机关")
    ENTERPRISE = "enterprise", _("企业")
    OTHER = "other", _("其他")


class Unit(models.Model):
    name = models.CharField(_("单位名称"), max_length=128)
    short_name = models.CharField(_("简称"), max_length=64, blank=True)
    kind = models.CharField(_("类型"), max_length=16, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    division = models.ForeignKey(
        "jurisdictions.Division", on_delete=models.PROTECT, related_name="units", verbose_name=_("所属区划")
    )
    # Other spellings seen in ledgers, one per line, matched on import.
    aliases = models.TextField(_("别名"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["division__code", "name"]
        constraints = [models.UniqueConstraint(fields=["division", "name"], name="unit_unique_name_in_division")]
        verbose_name = _("单位")
        verbose_name_plural = _("单位")

    def __str__(self):
        return self.name

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping

        if action == scoping.VIEW:
            return scoping.ALL
        prefix = scoping.division_prefix(user)
        if prefix and user.role == "coordinator":
            return models.Q(division__path__startswith=prefix)
        return scoping.NONE

    def alias_list(self):
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]
