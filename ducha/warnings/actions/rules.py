"""Changing the warning rules: administrators only."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot

from ..models import WarningRules

FIELDS = ("red_gap_points", "red_when_overdue", "red_on_external_event", "yellows_for_letter", "letter_points",
          "red_points", "red_interview")


@transaction.atomic
def update_rules(*, acting_user, **fields) -> WarningRules:
    if not (acting_user and acting_user.is_active and acting_user.is_admin):
        raise PermissionDenied(_("只有系统管理员可以修改预警规则。"))
    rules = WarningRules.objects.select_for_update().get(pk=WarningRules.current().pk)
    before = snapshot(rules)
    for name, value in fields.items():
        if name not in FIELDS:
            raise TypeError(f"unknown rule {name!r}")
        setattr(rules, name, value)
    rules.full_clean()
    rules.save()
    audit.record(actor=acting_user, action="warning.rules", obj=rules, before=before, after=snapshot(rules))
    return rules
