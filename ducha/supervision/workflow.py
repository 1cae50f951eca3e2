"""The states of supervision records and the declared transitions between them.

Orders, letters, interviews, bulletins and on-site teams: 草稿 → 已下发 → 已回复 → 已办结 (the office
issues and closes, the addressee unit replies). A supervisor's flag: 待回复 → 已回复 → 已办结 (the
supervisor who raised it, or the office, closes it). 挂牌督办: 草稿 → 挂牌中 → 已摘牌 (the unit replies
while listed; the office lifts it with a reason).
"""

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.roles import Role
from ducha.core.workflow import Transition, Workflow

from .models import Kind, State

S = State


def is_office(user, record, facts=None) -> bool:
    """Coordinators of the issuing division (and above), and administrators."""
    return scoping.can_in_division(user, scoping.ADD, record.division)


def is_addressee(user, record, facts=None) -> bool:
    """An officer of the addressee unit itself (not of a unit above it)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.OFFICER
                and user.unit_id and user.unit_id == record.unit_id)


def is_raiser(user, record, facts=None) -> bool:
    """The supervisor who raised a flag, while they may still flag there."""
    return bool(record.issued_by_id == getattr(user, "pk", None) and scoping.role_allows(user, scoping.FLAG)
                and _in_scope(user, record))


def _in_scope(user, record):
    if user.is_admin:
        return True
    prefix = scoping.division_prefix(user)
    return bool(prefix and record.division.path.startswith(prefix))


def _any(*rules):
    return lambda user, record, facts=None: any(rule(user, record, facts) for rule in rules)


RECORD_WORKFLOW = Workflow("state", [
    Transition("issue", _("下发"), frozenset({S.DRAFT}), S.ISSUED, is_office,
               help=_("编号并通知督办对象。")),
    Transition("reply", _("回复"), frozenset({S.ISSUED}), S.REPLIED, is_addressee,
               requires=("text",), help=_("督办对象回复整改情况。")),
    Transition("close", _("办结"), frozenset({S.ISSUED, S.REPLIED}), S.CLOSED, is_office,
               help=_("整改办确认督办事项已办结。")),
])

FLAG_WORKFLOW = Workflow("state", [
    Transition("reply", _("回复"), frozenset({S.OPEN}), S.REPLIED, is_addressee,
               requires=("text",), help=_("责任单位回复督导意见。")),
    Transition("close", _("办结"), frozenset({S.OPEN, S.REPLIED}), S.CLOSED, _any(is_office, is_raiser),
               help=_("提出标记的督导人员或整改办确认已处理。")),
])

LISTED_WORKFLOW = Workflow("state", [
    Transition("issue", _("挂牌"), frozenset({S.DRAFT}), S.LISTED, is_office,
               help=_("挂牌督办并通知督办对象。")),
    Transition("reply", _("回复"), frozenset({S.LISTED}), S.LISTED, is_addressee,
               requires=("text",), help=_("督办对象报告整改情况。")),
    Transition("lift", _("摘牌"), frozenset({S.LISTED}), S.LIFTED, is_office,
               requires=("reason",), help=_("整改到位后摘牌，须写明理由。")),
])

WORKFLOWS = (RECORD_WORKFLOW, FLAG_WORKFLOW, LISTED_WORKFLOW)


def workflow_for(record) -> Workflow:
    if record.kind == Kind.FLAG:
        return FLAG_WORKFLOW
    if record.kind == Kind.LISTED:
        return LISTED_WORKFLOW
    return RECORD_WORKFLOW
