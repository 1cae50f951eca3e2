"""The roles a user can hold. Defined here, below every domain app, because
the one permission path (ducha.core.scoping) decides by role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    COORDINATOR = "coordinator", _("整改办协调员")
    OFFICER = "officer", _("责任单位工作人员")
    SUPERVISOR = "supervisor", _("督导人员")
    LEADER = "leader", _("领导")
