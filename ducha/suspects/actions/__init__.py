"""Suspect actions: detect (run the rules and keep their findings), dismiss, send to review.

A finding is stored once under its key: running the rules again refreshes an open suspect's reason and
evidence and leaves a decided one (dismissed, in review) as it was decided.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.accountability.actions import open_referral
from ducha.accountability.models import ReferralSource
from ducha.audit import services as audit
from ducha.core import scoping
from ducha.ledger.models import Task

from .. import rules
from ..models import Suspect, SuspectState
from ..workflow import SUSPECT_WORKFLOW

REASON_MAX = 2000


def tasks_for(acting_user, plan=None):
    tasks = Task.objects.filter(voided_at__isnull=True)
    if acting_user is not None:
        tasks = scoping.restrict(tasks, acting_user, scoping.VIEW)
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    return tasks


def detect(*, acting_user, plan=None, options=None, only=None) -> list[Suspect]:
    """Run the rules on the tasks the user sees (the system: all), within a plan if given; store the findings.
    Returns the suspects found by this run, decided ones included."""
    if acting_user is not None and not scoping.role_allows(acting_user, scoping.ADD):
        raise PermissionDenied(_("只有整改办可以运行纸面销号检测。"))
    findings = list(rules.run(tasks_for(acting_user, plan), options, only))
    with transaction.atomic():
        existing = Suspect.objects.select_for_update().in_bulk([f.key for f in findings], field_name="key")
        found = []
        for finding in findings:
            suspect = existing.get(finding.key)
            if suspect is None:
                suspect = Suspect.objects.create(
                    rule=finding.rule, key=finding.key, task_id=finding.task_id, other_task_id=finding.other_task_id,
                    reason=finding.reason, evidence=finding.evidence, score=finding.score)
            elif suspect.state == SuspectState.OPEN:
                suspect.reason, suspect.evidence, suspect.score = finding.reason, finding.evidence, finding.score
                suspect.save(update_fields=["reason", "evidence", "score", "seen_at"])
            found.append(suspect)
        audit.record(actor=acting_user, action="suspect.detect", object_type="suspects.suspect",
                     object_repr=_("纸面销号检测"),
                     after={"plan": plan.code if plan else "", "found": len(found),
                            "new": len([f for f in findings if f.key not in existing])})
    return found


def _decide(acting_user, suspect, name, reason):
    suspect = Suspect.objects.select_for_update().select_related("task", "task__division").get(pk=suspect.pk)
    if acting_user is not None and not scoping.can(acting_user, scoping.VIEW, suspect):
        raise scoping.refusal(acting_user, scoping.VIEW, suspect)
    transition = SUSPECT_WORKFLOW.get(name)
    if suspect.state not in transition.sources:
        raise ValidationError({"state": [_("该疑点已处理（%(state)s）。") % {"state": suspect.get_state_display()}]})
    if acting_user is not None and not transition.who(acting_user, suspect):
        raise PermissionDenied(_("只有任务所在区划的整改办可以%(action)s。") % {"action": transition.label})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请填写理由。")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("理由过长（最多 %(n)s 字）。") % {"n": REASON_MAX}]})
    before = {"state": suspect.state}
    SUSPECT_WORKFLOW.apply(transition, suspect)
    suspect.decision, suspect.decided_by, suspect.decided_at = reason, acting_user, timezone.now()
    return suspect, before


@transaction.atomic
def dismiss_suspect(*, acting_user, suspect, reason) -> Suspect:
    suspect, before = _decide(acting_user, suspect, "dismiss", reason)
    suspect.save(update_fields=["state", "decision", "decided_by", "decided_at"])
    audit.record(actor=acting_user, action="suspect.dismiss", obj=suspect, before=before,
                 after={"state": suspect.state, "reason": suspect.decision})
    return suspect


@transaction.atomic
def send_to_review(*, acting_user, suspect, reason, refer=False) -> Suspect:
    """To review; with refer, an accountability referral is opened in the same transaction."""
    suspect, before = _decide(acting_user, suspect, "review", reason)
    if refer:
        suspect.referral = open_referral(acting_user=acting_user, task=suspect.task, source=ReferralSource.SUSPECT,
                                         reason=f"{suspect.reason}\n{suspect.decision}",
                                         source_ref=f"suspects.suspect:{suspect.pk}")
    suspect.save(update_fields=["state", "decision", "decided_by", "decided_at", "referral"])
    audit.record(actor=acting_user, action="suspect.review", obj=suspect, before=before,
                 after={"state": suspect.state, "reason": suspect.decision, "referral": suspect.referral_id})
    return suspect
