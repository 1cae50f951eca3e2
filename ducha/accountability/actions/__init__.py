"""Opening an accountability referral. Called on its own by the office, or inside another action's
transaction (a rebound on a revisit, a suspect sent to review with a referral)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import require_in_reach
from ducha.ledger.models import Task

from ..models import Referral, ReferralSource

REASON_MAX = 5000


@transaction.atomic
def open_referral(*, acting_user, task, reason, source=ReferralSource.MANUAL, source_ref="") -> Referral:
    """A new open referral about the task, by the office over its division (acting_user None: the system)."""
    if acting_user is not None:
        if not scoping.can(acting_user, scoping.VIEW, task):
            raise scoping.refusal(acting_user, scoping.VIEW, task)
        if not scoping.can_in_division(acting_user, scoping.ADD, task.division):
            raise scoping.refusal(acting_user, scoping.ADD, task)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请填写移送理由。")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("移送理由过长（最多 %(n)s 字）。") % {"n": REASON_MAX}]})
    if source not in ReferralSource.values:
        raise ValidationError({"source": [_("来源无效。")]})
    if not isinstance(task, Task):
        task = Task.objects.get(pk=task)
    referral = Referral.objects.create(task=task, reason=reason, source=source, source_ref=source_ref[:64],
                                       opened_by=acting_user)
    audit.record(actor=acting_user, action="referral.open", obj=referral,
                 after={"task": task.pk, "source": source, "source_ref": source_ref, "reason": reason})
    require_in_reach(acting_user, Referral, [referral.pk], action=scoping.CHANGE)
    return referral
