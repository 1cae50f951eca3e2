"""The handling record: investigation, verdict (per allegation when several), handling text, whether
rectification is needed, enforcement figures (exact numbers), accountability; reporting it for review;
the coordinator's review; the call-back to the complainant."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import date_input, refuse_repeated_edit

from ..models import Allegation, CallBack, Case, Review, Verdict
from .common import count, is_coordinator, load, money, notify_unit, require_office, save, text

TEXT_FIELDS = {"investigation": _("调查核实情况"), "handling": _("处理和整改情况"), "accountability": _("责任人被处理情况"),
               "rectification_goal": _("办结目标")}
COUNT_FIELDS = {"ordered_to_rectify": _("责令整改（家）"), "penalty_cases": _("立案处罚（家）"),
                "criminal_cases": _("立案侦查（件）"), "administrative_detentions": _("行政拘留（人）"),
                "criminal_detentions": _("刑事拘留（人）"), "interviews": _("约谈（人）"),
                "accountable_persons": _("问责（人）")}
ALLEGATIONS_MAX = 20


def _verdict(value, field="verdict"):
    value = value or ""
    if value not in Verdict.values and value != "":
        raise ValidationError({field: [_("核实结论应为属实、基本属实、部分属实或不属实。")]})
    return value


def _allegations(items):
    items = list(items)
    if len(items) > ALLEGATIONS_MAX:
        raise ValidationError({"allegations": [_("反映问题最多 %(n)s 条。") % {"n": ALLEGATIONS_MAX}]})
    cleaned = []
    for i, item in enumerate(items, start=1):
        cleaned.append(Allegation(order=i, text=text(item.get("text"), "allegations", _("反映问题"), required=True),
                                  verdict=_verdict(item.get("verdict"), "allegations"),
                                  finding=text(item.get("finding"), "allegations", _("核实情况"))))
    return cleaned


def _same_allegations(case, rows):
    def key(row):
        return row.order, row.text, row.verdict, row.finding
    return sorted(map(key, case.allegations.all())) == sorted(map(key, rows))


def record_handling(*, acting_user, case, version=None, allegations=None, **fields) -> Case:
    """Change the handling record; any change after the review was approved needs a new review."""
    allowed = set(TEXT_FIELDS) | set(COUNT_FIELDS) | {"verdict", "needs_rectification", "fine_yuan"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError({sorted(unknown)[0]: [_("该字段不能在办理记录中修改。")]})
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.CHANGE)
        for name, label in TEXT_FIELDS.items():
            if name in fields:
                setattr(case, name, text(fields[name], name, label))
        for name, label in COUNT_FIELDS.items():
            if name in fields:
                setattr(case, name, count(fields[name], name, label))
        if "fine_yuan" in fields:
            case.fine_yuan = money(fields["fine_yuan"], "fine_yuan", _("罚款（元）"))
        if "verdict" in fields:
            case.verdict = _verdict(fields["verdict"])
            case.verdict_text = case.get_verdict_display() if case.verdict else ""
        if "needs_rectification" in fields:
            value = fields["needs_rectification"]
            if value not in (True, False, None):
                raise ValidationError({"needs_rectification": [_("应为是或否。")]})
            case.needs_rectification = value
        rows = _allegations(allegations) if allegations is not None else None
        # The same record posted twice on the version it read (a double click, a retry) is answered as a
        # repeat, not as someone else's change.
        unchanged = snapshot(case) == before and (rows is None or _same_allegations(case, rows))
        refuse_repeated_edit(case, version, actor=acting_user, unchanged=unchanged, what=_("办理情况"))
        if unchanged:  # nothing to write: no new version, no audit entry, an approved review stays approved
            return case
        if case.review == Review.APPROVED:
            case.review = Review.NONE
        save(acting_user, case, before, "cases.handle")
        if rows is not None:
            case.allegations.all().delete()
            for row in rows:
                row.case = case
            Allegation.objects.bulk_create(rows)
    return case


def report_handling(*, acting_user, case, version=None) -> Case:
    """The handling unit reports the record back (报送): it then waits for the coordinator's review."""
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.CHANGE, version)
        missing = [label for name, label in (("investigation", _("调查核实情况")), ("handling", _("处理和整改情况")))
                   if not getattr(case, name)]
        if not case.verdict and not case.allegations.exists():
            missing.append(_("是否属实"))
        if missing:
            raise ValidationError({"handling": [_("报送前请填写：%(m)s。") % {"m": "、".join(map(str, missing))}]})
        if case.reported_at is None:
            case.reported_at = timezone.now()
        case.review = Review.PENDING
        save(acting_user, case, before, "cases.report")
    return case


def review_case(*, acting_user, case, approve, note="", version=None) -> Case:
    """The coordinator approves the reported record (the case may then be disclosed) or returns it."""
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.CHANGE, version)
        require_office(acting_user, case)
        if case.review != Review.PENDING:
            raise ValidationError({"review": [_("该信访件没有待审核的办理情况。")]})
        note = text(note, "note", _("审核意见"), required=not approve, limit=2000)
        case.review = Review.APPROVED if approve else Review.RETURNED
        case.review_note, case.reviewed_at = note, timezone.now()
        case.reviewed_by = acting_user if getattr(acting_user, "pk", None) else None
        save(acting_user, case, before, "cases.review")
        if not approve:
            transaction.on_commit(lambda: notify_unit(case.lead_unit, kind="cases.returned", case=case,
                                                      title=_("信访件办理情况被退回：%(n)s") % {"n": case}, body=note))
    return case


def can_call_back(case) -> bool:
    """A call-back needs a recorded contact (an anonymous case, or one whose complainant was never
    recorded, has none)."""
    complainant = getattr(case, "complainant", None) if hasattr(case, "complainant") else None
    return complainant is not None and complainant.has_contact


def record_callback(*, acting_user, case, result, on=None, note="", version=None) -> Case:
    """The call-back to the complainant (回访): only where a contact exists."""
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.CHANGE, version)
        if result not in CallBack.values:
            raise ValidationError({"result": [_("回访结果应为满意、基本满意或不满意。")]})
        if not can_call_back(case):
            # No field of the call-back is at fault: the office records the contact (set_complainant).
            raise ValidationError({NON_FIELD_ERRORS: [_("该信访件没有信访人联系方式，无法回访。")]})
        on = date_input(on, "on", label=_("回访日期")) or timezone.localdate()
        if on > timezone.localdate():
            raise ValidationError({"on": [_("回访日期不能晚于今天。")]})
        case.callback, case.callback_on = result, on
        case.callback_note = text(note, "note", _("回访情况"), limit=2000)
        save(acting_user, case, before, "cases.callback")
    return case


def may_review(user, case):
    return is_coordinator(user) and scoping.can(user, scoping.CHANGE, case)



