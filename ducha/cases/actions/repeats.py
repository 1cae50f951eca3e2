"""Repeat proposals: found on import and on demand (ducha.cases.repeats), confirmed or dismissed by a
coordinator over the case. Each step is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.audit import events
from ducha.audit.services import record, record_many
from ducha.cases import repeats
from ducha.cases.models import Case, RepeatLink, RepeatStatus
from ducha.cases.signals import rebound_confirmed
from ducha.core import scoping
from ducha.core.roles import Role

events.register("cases.repeat_find", gettext_lazy("发现重复件"))
events.register("cases.repeat_confirm", gettext_lazy("确认重复件"))
events.register("cases.repeat_dismiss", gettext_lazy("排除重复件"))


def find_repeats(cases, *, acting_user):
    """Compare `cases` with every earlier case and record new proposals. Returns how many are new.
    A user finds repeats only among cases they may change; the system (None) among all."""
    if acting_user is not None:
        cases = scoping.restrict(cases, acting_user, scoping.CHANGE)
    found = repeats.find(cases)
    with transaction.atomic():
        known = set(RepeatLink.objects.filter(case_id__in={f.case_id for f in found}).values_list("case_id",
                                                                                                  "earlier_id"))
        fresh = [f for f in found if (f.case_id, f.earlier_id) not in known]
        rebounds = repeats.signed_off({f.earlier_id for f in fresh})
        links = RepeatLink.objects.bulk_create([
            RepeatLink(case_id=f.case_id, earlier_id=f.earlier_id, reason=f.reason, score=f.score,
                       rebound=f.earlier_id in rebounds) for f in fresh], batch_size=1000)
        if links:
            record_many(acting_user, [{"action": "cases.repeat_find", "obj": link,
                                       "object_repr": f"{f.case_id}→{f.earlier_id}",
                                       "after": {"case": f.case_id, "earlier": f.earlier_id, "reason": f.reason,
                                                 "score": f.score, "rebound": f.earlier_id in rebounds}}
                                      for link, f in zip(links, fresh)])
    return len(fresh)


def _require_office(user, link):
    if user is None:
        return
    if not (user.is_admin or user.role == Role.COORDINATOR):
        raise PermissionDenied(_("只有整改办可以确认或排除重复件。"))
    scoping.require(user, scoping.CHANGE, link.case)


def _decide(link, status, acting_user, merge_number="", note=""):
    if not isinstance(merge_number, str) or not isinstance(note, str):
        raise ValidationError({"note": _("合并编号和说明应为文本。")})
    if status == RepeatStatus.DISMISSED and not note.strip():
        raise ValidationError({"note": _("排除重复件须说明理由。")})
    if len(merge_number) > 64:
        raise ValidationError({"merge_number": _("合并编号不超过64个字符。")})
    if len(note) > 2000:
        raise ValidationError({"note": _("说明不超过2000字。")})
    _require_office(acting_user, link)
    with transaction.atomic():
        link = RepeatLink.objects.select_for_update().get(pk=link.pk)
        if link.status != RepeatStatus.PROPOSED:
            # A second tab or a second coordinator: say who decided, so nobody decides twice.
            who = link.decided_by.get_full_name() or link.decided_by.username if link.decided_by else _("系统")
            when = timezone.localtime(link.decided_at).strftime("%Y-%m-%d %H:%M") if link.decided_at else ""
            raise ValidationError({"status": _("该重复件建议已由%(who)s于%(when)s处理（%(s)s），未再更改。") % {
                "who": who, "when": when, "s": link.get_status_display()}})
        before = {"status": link.status}
        link.status, link.merge_number, link.note = status, merge_number.strip(), note.strip()
        link.decided_by, link.decided_at = acting_user, timezone.now()
        link.save(update_fields=["status", "merge_number", "note", "decided_by", "decided_at"])
        record(actor=acting_user, action="cases.repeat_confirm" if status == RepeatStatus.CONFIRMED
               else "cases.repeat_dismiss", obj=link, before=before,
               after={"status": status, "merge_number": link.merge_number, "note": link.note},
               scope_path=_scope(link.case))
        if status == RepeatStatus.CONFIRMED and link.rebound:
            transaction.on_commit(lambda: rebound_confirmed.send(sender=RepeatLink, link=link))
    return link


def _scope(case):
    division = case.division or case.inspection.division
    return division.path


def confirm_repeat(link, *, acting_user, merge_number="", note=""):
    """是否重复: 是; 重复关联件编号 is the earlier case's number; 合并编号 as the office gives it."""
    return _decide(link, RepeatStatus.CONFIRMED, acting_user, merge_number, note)


def dismiss_repeat(link, *, acting_user, note=""):
    """不是重复: the office says why (the reason is required)."""
    return _decide(link, RepeatStatus.DISMISSED, acting_user, "", note)


def repeats_of(case):
    """Confirmed earlier cases of a case (重复关联件编号) and the merge numbers (合并编号)."""
    links = RepeatLink.objects.filter(case=case, status=RepeatStatus.CONFIRMED).select_related("earlier")
    return [(link.earlier, link.merge_number) for link in links]


__all__ = ["Case", "confirm_repeat", "dismiss_repeat", "find_repeats", "repeats_of"]
