"""Opening, closing and reopening a round; noting a filed report against the rounds that asked for it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.core import scoping
from ducha.core.actions import check_version, dates_of, moment_input, refuse_repeat
from ducha.db.bulk import insert_rows
from ducha.jurisdictions.models import Division
from ducha.ledger import periodic
from ducha.ledger.models import Task, TaskUnit
from ducha.ledger.models.tasks import CLOSED_STATES

from ..models import Kind, Obligation, Round, RoundState
from ..workflow import ROUND_WORKFLOW

TITLE_MAX = 200
REASON_MAX = 2000
# The most tasks one round may name explicitly (a plan round takes all the plan's tasks).
MAX_TASKS = 5000


def snapshot(round_):
    return {"title": round_.title, "number": round_.number, "kind": round_.kind, "plan": round_.plan_id,
            "division": round_.division_id, "state": round_.state,
            "opened_at": round_.opened_at.isoformat(), "due_at": round_.due_at.isoformat(),
            "period_start": round_.period_start.isoformat() if round_.period_start else None,
            "period_end": round_.period_end.isoformat() if round_.period_end else None,
            "closed_at": round_.closed_at.isoformat() if round_.closed_at else None}


def _common_division(divisions):
    """The lowest division containing all of these (by path)."""
    paths = [d.path for d in divisions]
    prefix = paths[0]
    for path in paths[1:]:
        while not path.startswith(prefix):
            prefix = prefix[:prefix.rstrip("/").rfind("/") + 1]
    codes = [c for c in prefix.split("/") if c]
    return Division.objects.get(code=codes[-1]) if codes else None


def _validate(title, kind, due_at, opened_at, period_start, period_end):
    """Every refusal of the inputs at once; returns the period's (start, end) as dates."""
    errors = {}
    if len(title) > TITLE_MAX:
        errors["title"] = [_("标题过长（%(n)s 字，最多 %(max)s 字）。") % {"n": len(title), "max": TITLE_MAX}]
    if kind not in Kind.values:
        errors["kind"] = [_("调度类型无效。")]
    try:
        due_at = moment_input(due_at, "due_at", label=_("报送截止时间"), required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if due_at <= opened_at:
            errors["due_at"] = [_("报送截止时间应晚于发起时间。")]
    period = dates_of(Round, {"period_start": period_start, "period_end": period_end}, errors)
    period_start, period_end = period["period_start"], period["period_end"]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("调度期止不能早于调度期起。")]
    if errors:
        raise ValidationError(errors)
    return period_start, period_end


def _tasks_of(acting_user, plan, tasks):
    """The round's tasks, frozen now: those named (each visible to the actor, and of the plan when one is
    given), or else the plan's live open tasks and its signed-off long-term tasks (已完成，长期坚持), which
    still report for their periodic checks."""
    if plan is not None and acting_user is not None and not scoping.can(acting_user, scoping.VIEW, plan):
        raise scoping.refusal(acting_user, scoping.VIEW, plan)
    if not tasks:
        live = Task.objects.filter(plan=plan, voided_at__isnull=True)
        return list(live.filter(~Q(state__in=CLOSED_STATES) | Q(pk__in=periodic.under_check(live).values("pk")))
                    .values_list("pk", "division__path", "sort_key"))
    ids = sorted({t.pk if isinstance(t, Task) else t for t in tasks})
    if len(ids) > MAX_TASKS:
        raise ValidationError({"tasks": [_("一次调度最多 %(max)s 项任务。") % {"max": MAX_TASKS}]})
    found = Task.objects.filter(pk__in=ids)
    if plan is not None:
        found = found.filter(plan=plan)
    if acting_user is not None:
        found = scoping.restrict(found, acting_user, scoping.VIEW)
    rows = list(found.values_list("pk", "division__path", "sort_key"))
    missing = sorted(set(ids) - {pk for pk, _path, _key in rows})
    if missing:
        raise ValidationError({"tasks": [_("找不到或无权查看这些任务：%(ids)s。") % {
            "ids": "、".join(str(pk) for pk in missing[:10])}]})
    return rows


@transaction.atomic
def open_round(*, acting_user, due_at, kind=Kind.AD_HOC, plan=None, tasks=(), title="", division=None,
               period_start=None, period_end=None, now=None, schedule=None, scheduled_on=None):
    """Open a round over a plan's live tasks or the tasks named: one obligation per task and responsible
    unit, written in bulk. `acting_user` None is the system (the schedule job)."""
    now = now or timezone.now()
    title = (title or "").strip()
    period_start, period_end = _validate(title, kind, due_at, now, period_start, period_end)
    if plan is None and not tasks:
        raise ValidationError({"tasks": [_("请选择整改方案或至少一项任务。")]})
    rows = _tasks_of(acting_user, plan, tasks)
    if not rows:
        raise ValidationError({"plan" if plan is not None else "tasks": [_("没有需要调度的整改任务。")]})
    if acting_user is not None:
        # The same round asked for twice (a double click on 发起调度) would ask every unit twice.
        task_ids = {pk for pk, _path, _key in rows}
        refuse_repeat(Round.objects.filter(created_by=acting_user, kind=kind, plan=plan, due_at=due_at,
                                           period_start=period_start, period_end=period_end,
                                           **({"title": title} if title else {})),
                      lock=acting_user, created_field="opened_at",
                      same=lambda earlier: set(earlier.tasks.values_list("pk", flat=True)) == task_ids)
    if division is None:
        division = plan.division if plan is not None else (
            getattr(acting_user, "scope_division", None) if acting_user is not None and not acting_user.is_admin
            else None) or _common_division(Division.objects.filter(path__in={p for _pk, p, _key in rows}))
    if acting_user is not None and not scoping.can_in_division(acting_user, scoping.ADD, division):
        raise PermissionDenied(_("无权在%(division)s发起调度。") % {"division": division.name})
    outside = [pk for pk, path, _key in rows if not path.startswith(division.path)]
    if outside:
        raise ValidationError({"tasks": [_("这些任务不在%(division)s范围内：%(ids)s。") % {
            "division": division.name, "ids": "、".join(str(pk) for pk in outside[:10])}]})
    number = (Round.objects.filter(division=division).aggregate(n=Max("number"))["n"] or 0) + 1
    round_ = Round(division=division, number=number, kind=kind, plan=plan, due_at=due_at, opened_at=now,
                   period_start=period_start, period_end=period_end, created_by=acting_user, schedule=schedule,
                   scheduled_on=scheduled_on,
                   title=title or _("第%(n)s次%(kind)s") % {"n": number, "kind": Kind(kind).label})
    round_.save()
    # Ledger order (natural number order of the task numbers), frozen with the tasks.
    task_ids = [pk for pk, _path, _key in sorted(rows, key=lambda r: (r[2], r[0]))]
    position = {pk: index for index, pk in enumerate(task_ids)}
    insert_rows(Round.tasks.through, ["round_id", "task_id"], [(round_.pk, pk) for pk in task_ids])
    pairs = []
    for start in range(0, len(task_ids), 900):
        pairs.extend(TaskUnit.objects.filter(task_id__in=task_ids[start:start + 900]).order_by()
                     .values_list("task_id", "unit_id", "position"))
    # A task under periodic checks owes its report from the lead unit alone (the one the check counts).
    frozen = Task.objects.filter(pk__in=Round.tasks.through.objects.filter(round_id=round_.pk).values("task_id"))
    lead_only = dict(periodic.under_check(frozen).values_list("pk", "lead_unit_id"))
    pairs = [p for p in pairs if p[0] not in lead_only or p[1] == lead_only[p[0]]]
    pairs.sort(key=lambda p: (position[p[0]], p[2]))
    insert_rows(Obligation, ["round_id", "task_id", "unit_id", "position"],
                [(round_.pk, t, u, position[t]) for t, u, _p in pairs])
    after = snapshot(round_) | {"tasks": len(task_ids), "obligations": len(pairs)}
    audit.record(actor=acting_user, action="round.open", obj=round_, after=after)
    return round_


def _transition(acting_user, round_, name, now, reason="", version=None):
    transition = ROUND_WORKFLOW.get(name)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if acting_user is not None:
        scoping.require(acting_user, scoping.VIEW, round_)
        if not transition.who(acting_user, round_):
            raise scoping.refusal(acting_user, scoping.CHANGE, round_)
    check_version(round_, version)
    if round_.state not in transition.sources:
        raise ValidationError({"state": [_("当前状态为“%(state)s”，不能%(action)s。") % {
            "state": round_.get_state_display(), "action": transition.label}]})
    reason = (reason or "").strip()
    if "reason" in transition.requires and not reason:
        raise ValidationError({"reason": [_("请填写原因。")]})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": [_("原因过长（最多 %(max)s 字）。") % {"max": REASON_MAX}]})
    before = snapshot(round_)
    ROUND_WORKFLOW.apply(transition, round_)
    round_.closed_at = now if round_.state == RoundState.CLOSED else None
    round_.version += 1
    round_.save(update_fields=["state", "closed_at", "version"])
    after = snapshot(round_) | ({"reason": reason} if reason else {})
    audit.record(actor=acting_user, action=f"round.{name}", obj=round_, before=before, after=after)
    return round_


@transaction.atomic
def close_round(*, acting_user, round_, now=None, version=None):
    """Close the round: reports filed from now on no longer count in it. `version`: the one the caller read
    (None: not said); an older one is refused (StaleEdit)."""
    return _transition(acting_user, round_, "close", now or timezone.now(), version=version)


@transaction.atomic
def reopen_round(*, acting_user, round_, reason, now=None, version=None):
    return _transition(acting_user, round_, "reopen", now or timezone.now(), reason, version=version)


def note_report(report):
    """When a report is filed (inside its transaction): store it as the match of every open round's
    obligation of that unit on that task that has none yet. One UPDATE; the round pages are right without
    it (they look the report up), this makes them cheaper."""
    return Obligation.objects.filter(
        task_id=report.task_id, unit_id=report.unit_id, report__isnull=True, round__state=RoundState.OPEN,
        round__opened_at__lte=report.created_at,
    ).update(report=report, filed_at=report.created_at)


def report_filed(sender, instance, created, raw=False, **kwargs):
    """post_save of ProgressReport (connected in DispatchConfig.ready): reports are append-only, so only a
    new one counts."""
    if created and not raw:
        note_report(instance)
