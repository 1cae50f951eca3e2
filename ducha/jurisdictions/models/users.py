"""People: every user belongs to a unit and holds one role with a scope."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ducha.core.roles import Role


class User(AbstractUser):
    full_name = models.CharField(_("姓名"), max_length=64, blank=True)
    unit = models.ForeignKey(
        "jurisdictions.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        verbose_name=_("所在单位"),
    )
    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.OFFICER)
    # The division a coordinator, supervisor or leader acts in (and below).
    # Defaults to the unit's division when empty.
    scope = models.ForeignKey(
        "jurisdictions.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("管辖范围"),
    )
    phone = models.CharField(_("电话"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        """The name people know the user by (姓名); Django's first/last names are not used."""
        return self.full_name or self.username

    @property
    def is_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def scope_division(self):
        if self.scope_id:
            return self.scope
        return self.unit.division if self.unit_id else None
