"""Shared pieces of the sign-off records: the five standards and the scope rule through the task."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Standard(models.TextChoices):
    """The five general sign-off standards (五项通用验收销号标准, Anhui 2019)."""

    MEASURES = "measures", _("整改方案要求的任务措施全部落实到位")
    PUNISHED = "punished", _("涉及环境违法问题依法依规处理处罚到位")
    EFFECT = "effect", _("整改效果符合相关法律法规和行业技术规范")
    EXTENDED = "extended", _("举一反三，同类问题一并整改到位")
    ROOT_CAUSE = "root_cause", _("追根溯源，完成源头整治并建立长效机制")


def task_scope_q(user, action, path="task"):
    """Visible where the task is visible; changed only through the actions (which check the rules)."""
    from ducha.core import scoping
    from ducha.ledger.models import Task

    if action != scoping.VIEW:
        return scoping.NONE
    return models.Q(**{f"{path}__in": scoping.restrict(Task.objects.all(), user, scoping.VIEW).values("pk")})
