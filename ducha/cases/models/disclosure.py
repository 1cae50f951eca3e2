"""How an inspection's disclosure tables (公开情况一览表) are titled and which columns they carry.

Without a row here an inspection gets the standard columns and the title its level implies
(ducha.cases.disclosure.columns)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class DisclosureSetup(models.Model):
    inspection = models.OneToOneField("ledger.Inspection", on_delete=models.CASCADE, related_name="disclosure_setup",
                                      verbose_name=_("督察"))
    # Empty: the level's wording. "{batch}" stands for the batch number in Chinese numerals (十一).
    title = models.CharField(_("公开表标题"), max_length=200, blank=True,
                             help_text=_("留空按督察层级生成；{batch} 代表批次（中文数字）。"))
    # One column a line: a column key (ducha.cases.disclosure.columns.COLUMNS), optionally "key:表头".
    columns = models.TextField(_("公开表列"), blank=True, help_text=_("每行一列：列代码，或“列代码:表头”。留空为标准列。"))
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("信访件公开设置")
        verbose_name_plural = _("信访件公开设置")

    def __str__(self):
        return str(self.inspection)

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core.scoping import division_line_rule

        return division_line_rule(user, action, "inspection__division")
