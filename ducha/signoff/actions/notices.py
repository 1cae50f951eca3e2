"""Public notice (公示) of a signed opinion, the sign-off after it, an upheld objection sending the task
back, and the filing (备案) with the level above. The objections themselves (filed on the public page,
entered by the office, answered) are another app's actions on the Notice/Objection models."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.holidays import official_calendar
from ducha.ledger import workflow as ledger
from ducha.ledger.actions.transitions import transition_task

from ..models import Answer, Application, ApplicationState, DayKind, Filing, Notice
from .policy import policy_for
from .steps import clean_day, clean_text, now, take_step


def notice_period(starts_on, length, day_kind, calendar=None):
    """(ends_on, calendar used). The notice runs `length` days counting its first day: working days on the
    official calendar (ducha.holidays: the published arrangements with the administrator's corrections),
    or calendar days."""
    if length < 1:
        raise ValidationError({"length": [_("公示期至少 1 天。")]})
    if day_kind == DayKind.WORKING:
        calendar = calendar or official_calendar()
        ends_on = calendar.add_working_days(starts_on - dt.timedelta(days=1), length)
        missing = calendar.missing_years(starts_on, ends_on)
        # A year whose arrangement is not yet published is counted by weekends alone: say so on the notice.
        return ends_on, "workdays" + ("(weekends:%s)" % ",".join(map(str, missing)) if missing else "")
    return starts_on + dt.timedelta(days=length - 1), "calendar"


def publish(*, acting_user, task, summary="", starts_on=None, version=None):
    """Open the public notice of the signed opinion for the plan's notice length. `starts_on`: the day the
    notice went up when it is recorded late (never later than today; published_at keeps when)."""
    policy = policy_for(task.plan)
    starts_on = clean_day("starts_on", starts_on, required=False) or timezone.localdate()
    summary = clean_text("summary", summary)
    ends_on, calendar = notice_period(starts_on, policy.notice_length, policy.notice_day_kind)

    def records(application):
        Notice.objects.create(task=application.task, application=application, stage=application.stage,
                              summary=summary or application.report, starts_on=starts_on, ends_on=ends_on,
                              length=policy.notice_length, day_kind=policy.notice_day_kind, calendar=calendar,
                              published_by=acting_user)

    return take_step(acting_user=acting_user, task=task, name="publish", version=version, records=records,
                     details={"starts_on": str(starts_on), "ends_on": str(ends_on), "calendar": calendar})


def outcome_text(notice) -> str:
    """What the notice's outcome publishes: no objection, or each dismissed objection with its reason."""
    answered = list(notice.objections.order_by("received_at", "id"))
    if not answered:
        return _("公示期间未收到异议。")
    lines = [_("公示期间收到异议 %(n)s 件：") % {"n": len(answered)}]
    for objection in answered:
        lines.append(_("受理编号 %(number)s，%(answer)s：%(reason)s") % {
            "number": objection.receipt_number, "answer": Answer(objection.answer).label,
            "reason": objection.answer_reason})
    return "\n".join(lines)


def sign_off(*, acting_user, task, note="", version=None):
    """Sign the task off (销号) after the notice period, every objection answered (the guard says so)."""
    note = clean_text("note", note, limit=2000)

    def records(application):
        notice = application.notice
        notice.outcome, notice.closed_at = outcome_text(notice), now()
        notice.save(update_fields=["outcome", "closed_at"])
        application.signed_off_at = now()

    return take_step(acting_user=acting_user, task=task, name="sign_off", note=note, version=version,
                     records=records)


def uphold_objection(*, acting_user, task, reason, version=None):
    """An objection found true: the notice ends and the task returns to rectification. Called by the
    objection-answering action after it recorded the answer (the guard asks for an upheld objection)."""
    reason = clean_text("reason", reason, required=True, limit=2000)

    def records(application):
        notice = application.notice
        notice.outcome = _("异议成立，退回整改：%(reason)s") % {"reason": reason}
        notice.closed_at = now()
        notice.save(update_fields=["outcome", "closed_at"])

    return take_step(acting_user=acting_user, task=task, name="uphold_objection", reason=reason, version=version,
                     records=records)


@transaction.atomic
def file_with_level_above(*, acting_user, task, filed_with, filed_on=None, reference="", note="", level=None,
                          version=None):
    """Record the filing (备案) of the signed-off task with the level above."""
    filed_with = clean_text("filed_with", filed_with, required=True, limit=128)
    reference = clean_text("reference", reference, limit=64)
    note = clean_text("note", note, limit=2000)
    filed_on = clean_day("filed_on", filed_on, required=False) or timezone.localdate()
    with ledger.handling():
        task = transition_task(acting_user=acting_user, task=task, name="file", version=version,
                               **({"note": note} if note else {}))
    application = (Application.objects.filter(task=task, stage__isnull=True, state=ApplicationState.SIGNED_OFF)
                   .order_by("-id").first())
    filing = Filing.objects.create(task=task, application=application, level=level, filed_with=filed_with,
                                   filed_on=filed_on, reference=reference, note=note, filed_by=acting_user)
    audit.record(actor=acting_user, action="signoff.file", obj=application,
                 after={"filed_with": filed_with, "filed_on": str(filed_on), "reference": reference})
    return filing
