"""Manual chronicle entries: written by the rectification office over the task's or plan's division;
append-only (a wrong entry is withdrawn with a reason, never edited)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import date_input, refuse_repeat
from ducha.ledger.models import Plan, Task

from ..models import ChronicleEntry

TEXT_MAX = 10_000


def _require_office(user, subject):
    if not scoping.can(user, scoping.VIEW, subject):
        raise scoping.refusal(user, scoping.VIEW, subject)
    if not scoping.can_in_division(user, scoping.ADD, subject.division):
        raise PermissionDenied(_("仅整改办可记录大事记。"))


@transaction.atomic
def add_entry(*, acting_user, subject, date, title, text="") -> ChronicleEntry:
    if not isinstance(subject, (Task, Plan)):
        raise ValidationError({"subject": [_("大事记须属于整改任务或整改方案。")]})
    _require_office(acting_user, subject)
    title = (title or "").strip()
    text = (text or "").strip()
    if not title:
        raise ValidationError({"title": [_("请填写事项。")]})
    if len(title) > 200:
        raise ValidationError({"title": [_("事项过长（最多 200 字）。")]})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": [_("内容过长（最多 %(n)s 字）。") % {"n": TEXT_MAX}]})
    date = date_input(date, "date", label=_("日期"), required=True)
    if date > timezone.localdate():
        raise ValidationError({"date": [_("大事记不能记录未来的日期。")]})
    kind = "task" if isinstance(subject, Task) else "plan"
    # The same entry again from the same author (a double click, a resubmitted form) is not a second event.
    refuse_repeat(ChronicleEntry.objects.filter(**{kind: subject}, author=acting_user, date=date, title=title,
                                                text=text, withdrawn_at__isnull=True), lock=subject)
    entry = ChronicleEntry(date=date, title=title, text=text, author=acting_user, **{kind: subject})
    entry.full_clean()
    entry.save()
    audit.record(actor=acting_user, action="chronicle.add", obj=entry, after=snapshot(entry),
                 scope_path=subject.division.path)
    return entry


@transaction.atomic
def withdraw_entry(*, acting_user, entry, reason) -> ChronicleEntry:
    entry = ChronicleEntry.objects.select_for_update().get(pk=entry.pk)
    subject = entry.task or entry.plan
    _require_office(acting_user, subject)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("请填写撤回理由。")]})
    if len(reason) > 2000:
        raise ValidationError({"reason": [_("理由过长（最多 2000 字）。")]})
    if entry.withdrawn_at is not None:
        raise ValidationError({"entry": [_("该条大事记已撤回。")]})
    before = snapshot(entry)
    entry.withdrawn_at = timezone.now()
    entry.withdraw_reason = reason
    entry.save(update_fields=["withdrawn_at", "withdraw_reason"])
    audit.record(actor=acting_user, action="chronicle.withdraw", obj=entry, before=before, after=snapshot(entry),
                 scope_path=subject.division.path)
    return entry
