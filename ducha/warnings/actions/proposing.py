"""Monthly proposals: one per open task and month, with the reasons a reader checks. A task signed off
as long-term (已完成，长期坚持) is proposed too, from its periodic checks (ducha.ledger.periodic).

Blue (蓝签): on schedule. Yellow (黄牌): behind or a time point missed, still recoverable. Red (红灯):
overdue, or so far behind that the remaining time cannot bring it back (WarningRules.red_gap_points),
or criticised in a provincial (or higher) bulletin or exposed in provincial (or higher) media this
month (ExternalEvent). The rules come from WarningRules; the schedule judgement from ducha.schedule.

Idempotent: proposing a month again refreshes its undecided proposals with today's facts and leaves
decided ones alone; no task gets two rows for one month.
"""

from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha import schedule
from ducha.audit import services as audit
from ducha.core import scoping
from ducha.db.bulk import insert_rows, update_rows
from ducha.ledger import periodic
from ducha.ledger.actions import judge_tasks
from ducha.ledger.models import Task, TaskState, WarningColour
from ducha.supervision.actions import overdue_supervisions
from ducha.supervision.models import Supervision

from ..models import ExternalEvent, TaskWarning, WarningRules, WarningState
from .months import first_day, judged_on, parse_month

OPEN_STATES = (TaskState.NOT_STARTED, TaskState.IN_PROGRESS)


def colour_for(judgement, progress, events, rules, overdue_replies=()):
    """(colour, reasons text) for one task from its schedule judgement, this month's outside events and the
    supervision records about it whose reply is overdue (a reply not made in time escalates: at least
    yellow)."""
    red = []
    if rules.red_when_overdue and "overdue" in judgement.reasons:
        red.append(_("超过整改时限仍未完成。"))
    if judgement.expected is not None and judgement.expected - progress >= rules.red_gap_points \
            and "pace" in judgement.reasons:
        red.append(_("落后序时进度 %(gap)s 个百分点，剩余时间难以按期完成。") % {
            "gap": judgement.expected - progress})
    if rules.red_on_external_event:
        red += [_("%(day)s 被%(level)s%(kind)s（%(source)s）。") % {
            "day": e.occurred_on.isoformat(), "level": e.get_level_display(), "kind": e.get_kind_display(),
            "source": e.source} for e in events if e.turns_red]
    if red:
        return WarningColour.RED, "".join(red) + judgement.explanation
    late = "".join(_("%(kind)s%(number)s要求 %(day)s 前回复，逾期未回复。") % {
        "kind": r.get_kind_display(), "number": f"（{r.number}）" if r.number else "",
        "day": r.reply_by.isoformat()} for r in overdue_replies)
    if judgement.state == schedule.BEHIND or late:
        return WarningColour.YELLOW, late + judgement.explanation
    return WarningColour.BLUE, judgement.explanation


def _overdue_replies(as_of):
    """{task id: [supervision records about it whose reply is overdue on `as_of`]}."""
    records = {r.pk: r for r in overdue_supervisions(as_of)}
    by_task = defaultdict(list)
    links = Supervision.tasks.through.objects.filter(supervision_id__in=list(records)).order_by("supervision_id")
    for task_id, record_id in links.values_list("task_id", "supervision_id"):
        by_task[task_id].append(records[record_id])
    return by_task


def colour_for_checks(checks):
    """(colour, reasons text) for a signed-off long-term task (已完成，长期坚持) from its periodic checks
    (ducha.schedule.periodic): yellow while its latest decided check is missing, blue otherwise."""
    lapsed = checks.lapsed
    if lapsed is not None:
        return WarningColour.YELLOW, _("已销号（已完成，长期坚持）：第 %(n)s 期定期检查（%(start)s 至 %(due)s）未报送；"
                                       "下次定期检查 %(next)s 前。") % {
            "n": lapsed.number, "start": lapsed.start.isoformat(), "due": lapsed.due.isoformat(),
            "next": checks.next_due.isoformat()}
    latest = checks.latest_decided
    done = _("第 %(n)s 期定期检查已于 %(day)s 报送；") % {"n": latest.number, "day": latest.reported_on.isoformat()} \
        if latest is not None else ""
    return WarningColour.BLUE, _("已销号（已完成，长期坚持）：%(done)s下次定期检查 %(next)s 前。") % {
        "done": done, "next": checks.next_due.isoformat()}


def _judged(tasks, kept, as_of, events, rules, overdue):
    """(task id, colour, reasons) for the open tasks, then for the signed-off long-term ones."""
    for row, judgement in judge_tasks(tasks, as_of):
        yield (row["id"], *colour_for(judgement, row["progress"], events.get(row["id"], ()), rules,
                                      overdue.get(row["id"], ())))
    ids = list(kept.order_by("id").values_list("pk", flat=True))
    for task_id, checks in sorted(periodic.checks(ids, as_of).items()):
        if checks.signed_off_on <= as_of:  # a past month judged again: not signed off back then
            yield (task_id, *colour_for_checks(checks))


def _proposable(acting_user):
    """Every live task in reach (the caller picks the open and the long-term signed-off ones)."""
    tasks = Task.objects.all()
    if acting_user is None:
        return tasks.filter(voided_at__isnull=True)
    if not scoping.role_allows(acting_user, scoping.ADD) or not (
            acting_user.is_admin or scoping.division_prefix(acting_user)):
        raise PermissionDenied(_("只有整改办可以生成预警提议。"))
    # The office's own reach (coordinators: their division and below).
    return scoping.restrict(tasks, acting_user, scoping.ADD)


def propose_month(*, acting_user, month, task_ids=None) -> dict:
    """Propose a colour for every open task in reach for `month` ("YYYY-MM" or a date); acting_user None
    is the system (the monthly job). Returns counts: created, updated, unchanged, decided (left alone)."""
    month = first_day(parse_month(month))
    as_of = judged_on(month)
    reach = _proposable(acting_user)
    if task_ids is not None:
        reach = reach.filter(pk__in=list(task_ids))
    tasks, kept = reach.filter(state__in=OPEN_STATES), periodic.under_check(reach)
    rules = WarningRules.current()
    events = defaultdict(list)
    for event in ExternalEvent.objects.filter(occurred_on__gte=month, occurred_on__lte=as_of):
        events[event.task_id].append(event)
    overdue = _overdue_replies(as_of)
    counts = Counter()
    with transaction.atomic():
        existing = {}
        for pk, task_id, state, proposed, reasons, version in TaskWarning.objects.filter(
                month=month).values_list("pk", "task_id", "state", "proposed", "reasons", "version"):
            existing[task_id] = (pk, state, proposed, reasons, version)
        new, changed = [], []
        for task_id, colour, reasons in _judged(tasks, kept, as_of, events, rules, overdue):
            found = existing.get(task_id)
            if found is None:
                new.append((task_id, month, colour, reasons))
            elif found[1] != WarningState.PROPOSED:
                counts["decided"] += 1
            elif (found[2], found[3]) != (colour, reasons):
                # A new version: a page (or If-Match) that read the old proposal may not decide this one.
                changed.append((found[0], colour, reasons, found[4] + 1))
            else:
                counts["unchanged"] += 1
        now = timezone.now()
        # Plain rows (ids never read back): model instances cost more than the judging at 100,000 tasks.
        insert_rows(TaskWarning, ["task_id", "month", "proposed", "reasons", "state", "colour", "override_reason",
                                  "created_at", "version"],
                    [(task_id, month_, colour, reasons, WarningState.PROPOSED, "", "", now, 1)
                     for task_id, month_, colour, reasons in new])
        update_rows(TaskWarning, ["proposed", "reasons", "version"], changed)
        counts.update(created=len(new), updated=len(changed))
        by_colour = Counter(row[2] for row in new) + Counter(c for _pk, c, _r, _v in changed)
        audit.record(actor=acting_user, action="warning.propose", object_type="warnings.taskwarning",
                     object_repr=month.strftime("%Y-%m"),
                     scope_path=scoping.division_prefix(acting_user) if acting_user is not None else "",
                     after={"month": month.isoformat(), "as_of": as_of.isoformat(), **counts,
                            "colours": dict(sorted(by_colour.items()))})
    return {"created": counts["created"], "updated": counts["updated"], "unchanged": counts["unchanged"],
            "decided": counts["decided"]}


def propose_this_month():
    """The monthly job (and safe to run daily: it only refreshes undecided proposals)."""
    from .months import this_month

    return propose_month(acting_user=None, month=this_month())
