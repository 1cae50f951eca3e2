"""What the public may see of sign-off notices: the notices published (not voided, start day reached), in
the order of the list, and the public answer to a receipt number. Every public page and the receipt lookup
read through here, so nothing internal leaks by a page forgetting a filter."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.ledger import workflow as ledger_workflow
from ducha.ledger.models import Task, TaskState
from ducha.public import receipts
from ducha.text.masking import mask_personal

from .models import Answer, ApplicationState, Channel, Notice, Objection

def published(today=None):
    """Notices whose first day has come, of tasks not voided. A notice exists only once the office has
    published it (the "publish" step), and it stays public after the sign-off or an upheld objection."""
    today = today or timezone.localdate()
    # The task looked up by id for each notice (EXISTS), not joined: a join let SQLite scan every task to
    # build a Bloom filter first (70 ms with 100,000 tasks for a list of 20).
    live = Task.objects.filter(pk=OuterRef("task_id"), voided_at__isnull=True)
    return Notice.objects.filter(Exists(live), starts_on__lte=today)


def current_q(today):
    """Running: not closed (the sign-off and an upheld objection close it) and its last day not passed."""
    return Q(closed_at__isnull=True, ends_on__gte=today)


def listing(*, today, current=True, division=None):
    """The ids of the list's notices, in its order (the page's rows: `shown`)."""
    rows = published(today)
    rows = rows.filter(current_q(today)) if current else rows.exclude(current_q(today))
    if division is not None:
        rows = rows.filter(task__division__path__startswith=division.path)
    return rows.order_by("-starts_on", "-id").values_list("pk", flat=True)


def shown(ids):
    """The notices of `ids` (a page of `listing`), in that order, with what the list shows of them."""
    found = (Notice.objects.select_related("task__division", "task__lead_unit", "task__problem")
             .only("id", "starts_on", "ends_on", "length", "day_kind", "closed_at", "outcome",
                   "task__number", "task__target", "task__division__name", "task__lead_unit__name",
                   "task__problem__description")
             .order_by().in_bulk(list(ids)))
    return [found[pk] for pk in ids if pk in found]


def count_objections(notices):
    """Set `objection_count` on each notice of a page (one query for the page, not a GROUP BY over the list)."""
    counts = dict(Objection.objects.filter(notice__in=[n.pk for n in notices]).values("notice")
                  .annotate(n=Count("id")).values_list("notice", "n"))
    for notice in notices:
        notice.objection_count = counts.get(notice.pk, 0)
    return notices


def public_report(notice):
    """The notice's account of the work as published: the office's summary, else the unit's completion report
    (written for the reviewers), masked as every public text is (a complainant or a phone it names)."""
    return mask_personal(notice.summary or notice.application.report)


def reads_objector(user, task) -> bool:
    """Who reads an objection as written, with its attachments: the rectification office over the task.
    Everyone else it reaches — the units objected to, supervisors, leaders — reads it as the public does
    (masked, without attachments): an objector's letter is not passed to those it accuses (信访条例)."""
    return ledger_workflow.is_office(user, task)


def _objector(objection):
    """The name and contact the objector left, if any: masked wherever the text or answer repeats them
    (我是李明… names its writer without any word a pattern could find)."""
    contact = getattr(objection, "contact", None)  # absent: the one-to-one raises, getattr answers None
    return (contact.name, contact.contact) if contact is not None else ()


def mask_objection(objection):
    """The objection's text and answer as the public reads them (on this instance, never saved)."""
    known = _objector(objection)
    objection.text = mask_personal(objection.text, known)
    objection.answer_reason = mask_personal(objection.answer_reason, known)
    return objection


def objection_number(notice, typed):
    """The receipt number typed, normalised, if it is one of the notice's objections; else None."""
    number = receipts.normalise(typed)
    if not number or not notice.objections.filter(receipt_number=number).exists():
        return None
    return number


def public_objections(notice):
    """The objections as published: receipt number, channel, dates, text and the answer — no contact, no
    staff names, and the text and answer masked (an objection entered from a letter or a call may name its
    writer, give a phone or an ID number; the answer may quote them)."""
    rows = list(notice.objections.select_related("contact").only(
        "receipt_number", "channel", "received_at", "text", "answer", "answer_reason", "answered_at", "notice_id",
        "contact__name", "contact__contact"))
    return [mask_objection(objection) for objection in rows]


def status_of(notice, today=None) -> str:
    today = today or timezone.localdate()
    state = notice.application.state
    if state == ApplicationState.SIGNED_OFF and notice.task.state != TaskState.SIGNED_OFF:
        # The office reopened the task after this sign-off (重新打开): the notice must not go on telling
        # the public it is signed off. Its reason stays internal.
        return _("销号后已重新打开整改")
    if state == ApplicationState.SIGNED_OFF:
        return _("公示期满，已销号（已完成，长期坚持）") if notice.application.long_term else _("公示期满，已销号")
    if state == ApplicationState.FAILED:
        return _("异议成立，退回整改")
    if today > notice.ends_on:
        return _("公示期满，待销号")
    return _("公示中")


def receipt_answer(number):
    """The public answer for an objection's receipt number (ducha.public's "YY" receipts), or None."""
    objection = (Objection.objects.select_related("notice__task", "notice__application", "contact")
                 .filter(receipt_number=number, notice__in=published()).first())
    if objection is None:
        return None
    mask_objection(objection)
    task = objection.notice.task
    lines = [(_("公示任务"), f"{task.number}"),
             (_("提出方式"), Channel(objection.channel).label),
             (_("收到时间"), timezone.localtime(objection.received_at).strftime("%Y-%m-%d %H:%M")),
             (_("异议内容"), objection.text)]
    if objection.answer:
        lines += [(_("答复结论"), Answer(objection.answer).label), (_("答复理由"), objection.answer_reason),
                  (_("答复时间"), timezone.localtime(objection.answered_at).strftime("%Y-%m-%d"))]
    return {"title": _("销号公示异议"), "done": bool(objection.answer),
            "status": Answer(objection.answer).label if objection.answer else _("待答复"),
            "lines": lines, "url": reverse("public:notices:detail", args=[objection.notice_id])}
