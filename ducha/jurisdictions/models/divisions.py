"""Administrative divisions (行政区划) with their GB/T 2260 six-digit codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.querysets import RestrictedQuerySet


class Division(models.Model):
    class Level(models.IntegerChoices):
        PROVINCE = 1, _("省级")
        CITY = 2, _("地级")
        COUNTY = 3, _("县级")

    code = models.CharField(_("区划代码"), max_length=6, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("上级区划"),
    )
    # Materialised path of codes ("330000/331100/331102/"): "this division and
    # everything below it" is one indexed prefix match, the basis of scoping.
    path = models.CharField(max_length=64, db_index=True, editable=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.path = (self.parent.path if self.parent else "") + self.code + "/"
        super().save(*args, **kwargs)

    @property
    def full_name(self):
        names = []
        node = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "".join(reversed(names))

    @classmethod
    def scope_q(cls, user, action):
        from ducha.core import scoping

        if action == scoping.VIEW:
            return scoping.ALL
        prefix = scoping.division_prefix(user)
        return models.Q(path__startswith=prefix) if prefix and user.role == "coordinator" else scoping.NONE

    def ancestors(self):
        codes = [c for c in self.path.split("/") if c]
        return Division.objects.filter(code__in=codes)

    def subtree(self):
        return Division.objects.filter(path__startswith=self.path)

    def counties(self):
        """County-level divisions at or below this one (各县（市、区）)."""
        return self.subtree().filter(level=Division.Level.COUNTY)
