"""提醒未报单位: one click reminds the officers of every unit still owing a report in a round."""

from collections import defaultdict

from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.roles import Role
from ducha.jurisdictions.models import User
from ducha.notifications.sending import notify

from ..models import Obligation, Round, RoundReminder, RoundState
from ..workflow import is_office

# Tasks listed by name in one person's reminder; the rest are counted.
LISTED = 20


def owing(round_):
    """The round's obligations not yet filed (pending or missing), with their task and unit."""
    return (Obligation.objects.filter(round=round_).with_filing().filter(filed__isnull=True)
            .select_related("task", "task__problem", "task__parent", "unit").order_by("unit_id", "task__sort_key"))


def _message(round_, obligations):
    due = timezone.localtime(round_.due_at)
    lines = [_("%(title)s 要求在 %(due)s 前报送进展，贵单位以下 %(n)s 项任务尚未报送：") % {
        "title": round_.title, "due": due.strftime("%Y-%m-%d %H:%M"), "n": len(obligations)}]
    for obligation in obligations[:LISTED]:
        lines.append(f"· {obligation.task}（{obligation.unit.name}）")
    if len(obligations) > LISTED:
        lines.append(_("……另有 %(n)s 项。") % {"n": len(obligations) - LISTED})
    return "\n".join(lines)


@transaction.atomic
def remind_missing(*, acting_user, round_, now=None):
    """Notify each officer of each unit still owing, once, listing their unit's tasks; one e-mail per person
    after commit. Returns the RoundReminder written."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if acting_user is not None:
        scoping.require(acting_user, scoping.VIEW, round_)
        if not is_office(acting_user, round_):
            raise scoping.refusal(acting_user, scoping.CHANGE, round_)
    if round_.state != RoundState.OPEN:
        raise ValidationError({"state": [_("调度已结束，不能再提醒。")]})
    by_unit = defaultdict(list)
    for obligation in owing(round_):
        by_unit[obligation.unit_id].append(obligation)
    people = list(User.objects.filter(unit_id__in=by_unit, role=Role.OFFICER, is_active=True).order_by("pk"))
    url = reverse("dispatch:my_obligations")
    title = _("提醒：%(title)s 尚有任务未报送进展") % {"title": round_.title}
    messages = []
    for person in people:
        body = _message(round_, by_unit[person.unit_id])
        notify([person], kind="round.reminder", title=title, body=body, url=url, obj=round_)
        if person.email:
            site = getattr(settings, "DUCHA_SITE_URL", "")
            messages.append(mail.EmailMessage(subject=title, body=f"{body}\n\n{site}{url}", to=[person.email]))
    reminder = RoundReminder.objects.create(
        round=round_, sent_by=acting_user, sent_at=now, units=len(by_unit), people=len(people),
        obligations=sum(len(v) for v in by_unit.values()))
    audit.record(actor=acting_user, action="round.remind", obj=round_, after={
        "units": reminder.units, "people": reminder.people, "obligations": reminder.obligations,
        "recipients": [p.pk for p in people]})
    if messages:
        transaction.on_commit(lambda: mail.get_connection(fail_silently=True).send_messages(messages))
    return reminder
