"""Where a timeline's events come from: a small registry of sources.

A source is `fn(subject, user) -> iterable of Event`, where `subject` is a ledger Task or Plan the user may
view; the source applies the one scoping path itself to anything else it reads. The built-in sources below
cover the audit log (task creation, changes to the five clarities, state transitions), progress reports,
supervision records and their replies, and the office's manual entries. Other apps (warnings, dispatch)
register theirs at merge: `chronicle.sources.register(fn)`.
"""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.audit import events as audit_events
from ducha.audit.services import history
from ducha.core import scoping
from ducha.ledger.models import Plan, Task
from ducha.progress.models import ProgressReport
from ducha.supervision.models import Supervision, SupervisionReply

from .models import ChronicleEntry


@dataclass(frozen=True)
class Event:
    date: dt.date
    title: str
    detail: str = ""
    # "audit", "progress", "supervision", "manual", or another source's code
    kind: str = ""
    url: str = ""
    # Orders events of the same day (a timestamp when the source has one).
    at: dt.datetime | None = None


_SOURCES = {}


def register(fn, name=None):
    _SOURCES[name or f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def timeline(subject, user):
    """Every event of the subject (a Task or a Plan) the user may see, oldest first."""
    found = []
    for fn in _SOURCES.values():
        found.extend(fn(subject, user))
    epoch = dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return sorted(found, key=lambda e: (e.date, e.at or epoch, e.title))


def _local_date(moment):
    return timezone.localtime(moment).date()


# The five clarities (五清): problem, target, measures, deadline, responsibility; field names as the audit
# snapshots store them.
CLARITIES = {
    "problem_id": gettext_lazy("问题"), "target": gettext_lazy("整改目标"), "measures": gettext_lazy("整改措施"),
    "deadline": gettext_lazy("整改时限"), "deadline_text": gettext_lazy("整改时限"),
    "lead_unit_id": gettext_lazy("牵头单位"), "units": gettext_lazy("责任单位"),
    "responsible_people": gettext_lazy("责任人"),
}


def _changed_clarities(entry):
    before, after = entry.before or {}, entry.after or {}
    labels = [str(label) for key, label in CLARITIES.items() if key in after and before.get(key) != after.get(key)]
    return list(dict.fromkeys(labels))


def _audit_events(entries, url):
    for entry in entries:
        code = entry.action
        if code.endswith(".update"):
            changed = _changed_clarities(entry)
            if not changed:
                continue  # progress notes and other edits are not events of the chronicle
            title = _("调整%(fields)s") % {"fields": "、".join(changed)}
        elif code.endswith(".create") or code.split(".")[-1] in ("void", "restore") or code.startswith("task."):
            title = str(audit_events.label(code))
        else:
            continue
        detail = ""
        if entry.after and isinstance(entry.after, dict):
            detail = str(entry.after.get("reason") or entry.after.get("note") or "")[:500]
        yield Event(date=_local_date(entry.created_at), title=title, detail=detail, kind="audit", url=url,
                    at=entry.created_at)


def audit_source(subject, user):
    url = _subject_url(subject)
    yield from _audit_events(history(subject).exclude(action="task.flag"), url)
    if isinstance(subject, Plan):
        # A plan's timeline carries its tasks' sign-offs and reopenings (the milestones), not every edit.
        from ducha.audit.models import AuditEntry

        ids = [str(pk) for pk in scoping.restrict(Task.objects.filter(plan=subject), user).values_list(
            "pk", flat=True)[:5000]]
        numbers = dict(Task.objects.filter(pk__in=ids).values_list("pk", "number"))
        entries = AuditEntry.objects.filter(object_type="ledger.task", object_id__in=ids,
                                            action__in=("task.sign_off", "task.reopen")).order_by("id")
        for entry in entries:
            yield Event(date=_local_date(entry.created_at),
                        title=_("任务 %(number)s：%(action)s") % {
                            "number": numbers.get(int(entry.object_id), entry.object_id),
                            "action": audit_events.label(entry.action)},
                        kind="audit", url=reverse("ledger:task_detail", args=[entry.object_id]), at=entry.created_at)


def progress_source(subject, user):
    if not isinstance(subject, Task):
        return
    reports = scoping.restrict(ProgressReport.objects.filter(task=subject), user).select_related("unit")
    for report in reports.order_by("reported_on", "id"):
        label = _("%(unit)s更正进展（%(percent)s%%）") if report.corrects_id else _("%(unit)s报送进展（%(percent)s%%）")
        yield Event(date=report.reported_on,
                    title=label % {"unit": report.unit.name, "percent": report.percent},
                    detail=report.done[:500], kind="progress", at=report.created_at)


def _supervisions(subject, user):
    records = Supervision.objects.restrict(user).exclude(state="draft")
    if isinstance(subject, Task):
        records = records.filter(tasks=subject)
    else:
        records = records.filter(tasks__plan=subject).distinct()
    return records.select_related("unit")


def supervision_source(subject, user):
    records = list(_supervisions(subject, user)[:1000])
    for record in records:
        url = reverse("supervision:detail", args=[record.pk])
        label = record.get_kind_display()
        yield Event(date=record.issued_on or _local_date(record.created_at),
                    title=_("%(kind)s%(number)s（%(unit)s）") % {
                        "kind": label, "number": f" {record.number}" if record.number else "", "unit": record.unit.name},
                    detail=record.required[:500], kind="supervision", url=url, at=record.created_at)
        if record.lifted_on:
            yield Event(date=record.lifted_on, title=_("摘牌（%(unit)s）") % {"unit": record.unit.name},
                        detail=record.lift_reason[:500], kind="supervision", url=url)
    replies = SupervisionReply.objects.filter(supervision__in=[r.pk for r in records]).select_related(
        "unit", "supervision")
    for answer in replies:
        yield Event(date=_local_date(answer.created_at),
                    title=_("%(unit)s回复%(kind)s") % {"unit": answer.unit.name,
                                                      "kind": answer.supervision.get_kind_display()},
                    detail=answer.text[:500], kind="supervision",
                    url=reverse("supervision:detail", args=[answer.supervision_id]), at=answer.created_at)


def manual_source(subject, user):
    field = "task" if isinstance(subject, Task) else "plan"
    entries = ChronicleEntry.objects.restrict(user).filter(**{field: subject}, withdrawn_at__isnull=True)
    for entry in entries:
        yield Event(date=entry.date, title=entry.title, detail=entry.text, kind="manual", at=entry.created_at)


def _subject_url(subject):
    name = "ledger:task_detail" if isinstance(subject, Task) else "ledger:plan_detail"
    return reverse(name, args=[subject.pk])


for _fn in (audit_source, progress_source, supervision_source, manual_source):
    register(_fn)
