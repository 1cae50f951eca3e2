"""Case settings (案件设置): the routing rules, the case types and each inspection's case settings, kept
by the office on the 案件设置 page and by administrators in the admin, through these actions only.

Each takes the acting user, checks that they may change the object as it is stored (ducha.core.scoping),
validates naming the field, writes in one transaction, re-reads what it wrote through the same scoping (a
coordinator of 丽水市 cannot make a rule for 杭州市, nor move one there) and records an audit entry. Each
versioned object refuses an edit made on an older version (StaleEdit). A save that changes nothing writes
nothing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import require_in_reach, text_input
from ducha.jurisdictions.models import Division, Unit
from ducha.ledger.models import Inspection, Plan

from ..models import Case, CaseSetup, CaseType, RoutingRule
from .common import open_locked
from .routing import CO_UNITS_MAX

# Registered with their names in .events.
RULE_ADD, RULE_CHANGE, RULE_DELETE = "cases.rule.add", "cases.rule.change", "cases.rule.delete"
TYPE_ADD, TYPE_CHANGE, TYPE_DELETE = "cases.type.add", "cases.type.change", "cases.type.delete"
SETUP_ADD, SETUP_CHANGE = "cases.setup.add", "cases.setup.change"

PRIORITY_MIN, PRIORITY_MAX = -1000, 1000
DEADLINE_DAYS_MAX = 60


def _as_of(model, value, field, message, queryset=None):
    """`value` (an object or its pk) as a row of `model` (or of `queryset`), or a ValidationError on field."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, model) else value
    try:
        found = (queryset if queryset is not None else model.objects).filter(pk=pk).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise ValidationError({field: [message]})
    return found


def _code(value, field, taken):
    """A code (a slug: commands, filters and Open311 name things by it), unique among `taken`."""
    code = text_input(value, field, label=_("代码"), required=True, limit=32)
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in code):
        raise ValidationError({field: [_("代码只能由字母、数字、连字符和下划线组成。")]})
    if taken.filter(code=code).exists():
        raise ValidationError({field: [_("代码“%(code)s”已被使用。") % {"code": code}]})
    return code


class _Errors(dict):
    """Every refusal of an input, gathered by field, so a form shows them all at once."""

    def take(self, check):
        try:
            return check()
        except ValidationError as error:
            self.update(error.message_dict)
            return None

    def raise_any(self):
        if self:
            raise ValidationError(dict(self))


def _integer(value, field, label, low, high, *, required=True):
    if value in (None, "") and not required:
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise ValidationError({field: [_("%(label)s应为 %(low)s 至 %(high)s 之间的整数。") % {
            "label": label, "low": low, "high": high}]})
    return number


def _require_role(acting_user, model):
    """A new object: the user must be one who may add such objects somewhere (the scope is checked after
    the write, on the object as it will be)."""
    if acting_user is not None and not scoping.role_allows(acting_user, scoping.ADD):
        raise PermissionDenied(_("当前用户无权新建%(what)s。") % {"what": model._meta.verbose_name})


def _write(acting_user, obj, before, codes, *, scope_path="", related=None):
    """Save `obj` (and its many-to-many rows, `related()`), keep it in the user's reach, audit it. A version
    moves on only when something changed; an unchanged save writes nothing."""
    add, change = codes
    obj.save()
    if related is not None:
        related()
    after = snapshot(obj)
    if before is not None:
        if after == before:
            return obj
        obj.version += 1
        obj.save(update_fields=["version"])
        after["version"] = obj.version
    if acting_user is not None and before is None:
        try:
            require_in_reach(acting_user, type(obj), [obj.pk], scoping.ADD)
        except PermissionDenied:
            raise PermissionDenied(_("该%(what)s超出您的管辖范围，不能新建。") % {
                "what": obj._meta.verbose_name}) from None
    elif acting_user is not None:
        require_in_reach(acting_user, type(obj), [obj.pk], scoping.CHANGE)
    audit.record(actor=acting_user, action=add if before is None else change, obj=obj, before=before, after=after,
                 scope_path=scope_path)
    return obj


def _delete(acting_user, obj, code, scope_path=""):
    before, pk, label = snapshot(obj), obj.pk, str(obj)
    obj.delete()
    audit.record(actor=acting_user, action=code, object_type=obj._meta.label_lower, object_id=str(pk),
                 object_repr=label, before=before, scope_path=scope_path)


# --- routing rules (分办规则) -------------------------------------------------------------------------------

def _unit_in(value, field, reach):
    unit = _as_of(Unit, value, field, _("单位不存在。"), Unit.objects.select_related("division"))
    if unit is None:
        return None
    if not unit.is_active:
        raise ValidationError({field: [_("“%(unit)s”已停用。") % {"unit": unit}]})
    if reach is not None and not unit.division.path.startswith(reach.path):
        raise ValidationError({field: [_("“%(unit)s”不在%(division)s范围内：规则只能分办给本区划及下级区划的单位。")
                                       % {"unit": unit, "division": reach.name}]})
    return unit


def check_routing_rule(rule, *, inspection, division, case_type, lead_unit, co_units, priority):
    """The rule's new values, checked (rule: the stored one, None for a new one); the co-units as a list.
    Every refusal names its field. Called by the action, and alone by a form that shows refusals before
    saving (the admin's)."""
    errors = _Errors()
    inspection = errors.take(lambda: _as_of(Inspection, inspection, "inspection", _("督察不存在。"),
                                            Inspection.objects.select_related("division")))
    division = errors.take(lambda: _as_of(Division, division, "division", _("区划不存在。")))
    if division is not None and inspection is not None and not division.path.startswith(inspection.division.path):
        errors["division"] = [_("区划不在该督察的范围内。")]
    case_type = errors.take(lambda: _as_of(CaseType, case_type, "case_type", _("类型不存在。")))
    if case_type is not None and not case_type.is_active and case_type.pk != getattr(rule, "case_type_id", None):
        errors["case_type"] = [_("类型“%(t)s”已停用。") % {"t": case_type}]
    reach = division or (inspection.division if inspection is not None else None)
    lead = errors.take(lambda: _unit_in(lead_unit, "lead_unit", reach))
    if lead is None and "lead_unit" not in errors:
        errors["lead_unit"] = [_("请选择牵头单位。")]
    co_units = list(co_units or [])
    if len(co_units) > CO_UNITS_MAX:
        errors["co_units"] = [_("配合单位最多 %(n)s 个。") % {"n": CO_UNITS_MAX}]
        co_units = []
    co = [errors.take(lambda u=u: _unit_in(u, "co_units", reach)) for u in co_units]
    priority = errors.take(lambda: _integer(0 if priority in (None, "") else priority, "priority", _("优先级"),
                                            PRIORITY_MIN, PRIORITY_MAX))
    if not errors:
        twin = RoutingRule.objects.filter(inspection=inspection, division=division, case_type=case_type)
        twin = twin.exclude(pk=rule.pk).first() if rule is not None else twin.first()
        if twin is not None:
            # The same inspection, division and type: the router would only ever use one of the two.
            errors["division"] = [_("已有相同督察、区划和类型的分办规则（ID %(pk)s），请修改该规则。") % {"pk": twin.pk}]
    errors.raise_any()
    kept = list({u.pk: u for u in co if u.pk != lead.pk}.values())
    return {"inspection": inspection, "division": division, "case_type": case_type, "lead_unit": lead,
            "priority": priority}, kept


def save_routing_rule(*, acting_user, rule=None, version=None, inspection=None, division=None, case_type=None,
                      lead_unit=None, co_units=(), priority=0) -> RoutingRule:
    """Create a routing rule (rule None) or change one: inspection (None: every inspection), division (None:
    every division of the inspection), case type (None: any), lead unit and co-units in the rule's division,
    priority among rules as specific."""
    with transaction.atomic():
        if rule is None:
            _require_role(acting_user, RoutingRule)
            rule, before = RoutingRule(), None
        else:
            rule, before = open_locked(acting_user, RoutingRule, rule, version)
        fields, co = check_routing_rule(rule if before is not None else None, inspection=inspection, division=division,
                                  case_type=case_type, lead_unit=lead_unit, co_units=co_units, priority=priority)
        for name, value in fields.items():
            setattr(rule, name, value)
        reach = rule.reach
        return _write(acting_user, rule, before, (RULE_ADD, RULE_CHANGE), scope_path=reach.path if reach else "",
                      related=lambda: rule.co_units.set(co))


def delete_routing_rule(*, acting_user, rule, version=None) -> None:
    """Delete a rule: cases keep the units it gave them (they copy them), so nothing refers to a rule."""
    with transaction.atomic():
        rule, _before = open_locked(acting_user, RoutingRule, rule, version, scoping.DELETE)
        reach = rule.reach
        _delete(acting_user, rule, RULE_DELETE, reach.path if reach else "")


# --- case types (信访件类型) ----------------------------------------------------------------------------------

def may_keep_case_types(user) -> bool:
    """Whether the user adds, changes and deletes case types. The list is one for every jurisdiction
    (CaseType.scope_q): the answer is the same for every type, known before any input is read."""
    if user is None:  # the system
        return True
    if not scoping.role_allows(user, scoping.ADD):
        return False
    return user.is_admin or scoping.scope_rule(CaseType, user, scoping.ADD) is scoping.ALL


def require_case_type_keeper(user):
    """Before the input is checked: a user who may not keep the list learns that, not its rules."""
    if not may_keep_case_types(user):
        raise PermissionDenied(_("信访件类型为各地共用，由省级整改办或系统管理员维护。"))


def check_case_type(case_type, *, code, name, aliases, order, is_fallback, is_active):
    errors = _Errors()
    others = CaseType.objects.exclude(pk=case_type.pk) if case_type is not None else CaseType.objects.all()
    code = errors.take(lambda: _code(code, "code", others))
    if case_type is not None and code and code != case_type.code:
        # Filters, exports and Open311 service codes name a type by its code.
        errors["code"] = [_("代码创建后不能修改。")]
    name = errors.take(lambda: text_input(name, "name", label=_("名称"), required=True, limit=32))
    if name and others.filter(name=name).exists():
        errors["name"] = [_("名称“%(name)s”已被其他类型使用。") % {"name": name}]
    aliases = errors.take(lambda: text_input(aliases, "aliases", label=_("别名"), limit=2000))
    order = errors.take(lambda: _integer(0 if order in (None, "") else order, "order", _("排序"), 0, 32767))
    is_fallback, is_active = bool(is_fallback), bool(is_active)
    if name and aliases is not None and is_active and "name" not in errors:
        # Imports read a word as the first type naming it: a word two types claim would never reach the second.
        words = {w: t for t in others.filter(is_active=True) for w in [t.name, *t.alias_list()]}
        mine = [name] + [a.strip() for a in aliases.replace("、", "\n").splitlines() if a.strip()]
        for field, word in [("name" if i == 0 else "aliases", w) for i, w in enumerate(mine)]:
            if word in words and field not in errors:
                errors[field] = [_("“%(w)s”已是类型“%(t)s”的名称或别名。") % {"w": word, "t": words[word]}]
    if is_fallback and not is_active:
        errors["is_fallback"] = [_("停用的类型不能作为兜底类型。")]
    elif is_fallback:
        fallback = others.filter(is_fallback=True).first()
        if fallback is not None:
            errors["is_fallback"] = [_("已有兜底类型“%(t)s”，请先取消它。") % {"t": fallback}]
    errors.raise_any()
    return {"code": code, "name": name, "aliases": aliases, "order": order, "is_fallback": is_fallback,
            "is_active": is_active}


def save_case_type(*, acting_user, case_type=None, version=None, code="", name="", aliases="", order=0,
                   is_fallback=False, is_active=True) -> CaseType:
    """Create or change a case type (污染类型): its code (fixed once made), name, local aliases (one a line),
    order, whether it is the fallback type, whether new imports read it."""
    with transaction.atomic():
        if case_type is None:
            require_case_type_keeper(acting_user)
            case_type, before = CaseType(), None
        else:
            case_type, before = open_locked(acting_user, CaseType, case_type, version)
        fields = check_case_type(case_type if before is not None else None, code=code, name=name, aliases=aliases,
                              order=order, is_fallback=is_fallback, is_active=is_active)
        for field, value in fields.items():
            setattr(case_type, field, value)
        return _write(acting_user, case_type, before, (TYPE_ADD, TYPE_CHANGE))


def delete_case_type(*, acting_user, case_type, version=None) -> None:
    """Delete a type nothing refers to; a type of cases or of routing rules is disabled instead."""
    with transaction.atomic():
        case_type, _before = open_locked(acting_user, CaseType, case_type, version, scoping.DELETE)
        cases = Case.types.through.objects.filter(casetype_id=case_type.pk).count()
        rules = RoutingRule.objects.filter(case_type=case_type).count()
        if cases or rules:
            raise ValidationError({"is_active": [_("该类型已被 %(cases)s 件信访件、%(rules)s 条分办规则使用，不能删除；"
                                                   "请改为停用。") % {"cases": cases, "rules": rules}]})
        _delete(acting_user, case_type, TYPE_DELETE)


# --- an inspection's case settings (信访件设置) ----------------------------------------------------------

def check_case_setup(acting_user, setup, *, inspection, code, deadline_days, plan):
    errors = _Errors()
    if setup is not None:
        inspection = setup.inspection  # a setting belongs to its inspection for good
    else:
        inspection = errors.take(lambda: _as_of(Inspection, inspection, "inspection", _("督察不存在。"),
                                                Inspection.objects.select_related("division")))
        if inspection is None and "inspection" not in errors:
            errors["inspection"] = [_("请选择督察。")]
        elif inspection is not None and CaseSetup.objects.filter(inspection=inspection).exists():
            errors["inspection"] = [_("该督察已有信访件设置。")]
    others = CaseSetup.objects.exclude(pk=setup.pk) if setup is not None else CaseSetup.objects.all()
    code = errors.take(lambda: _code(code, "code", others))
    deadline_days = errors.take(lambda: _integer(deadline_days, "deadline_days", _("办理时限"), 1,
                                                 DEADLINE_DAYS_MAX, required=False))
    visible = Plan.objects.restrict(acting_user) if acting_user is not None else Plan.objects.all()
    plan = errors.take(lambda: _as_of(Plan, plan, "plan", _("整改方案不存在。"), visible.select_related("division")))
    if plan is not None and inspection is not None and not plan.division.path.startswith(inspection.division.path):
        errors["plan"] = [_("整改方案不在该督察的区划范围内。")]
    errors.raise_any()
    return {"inspection": inspection, "code": code, "deadline_days": deadline_days, "plan": plan}


def save_case_setup(*, acting_user, setup=None, version=None, inspection=None, code="", deadline_days=None,
                    plan=None) -> CaseSetup:
    """Create an inspection's case settings (setup None) or change them: the code commands and public pages
    name, the handling deadline in working days (None: the inspection level's default), the plan staged
    cases join (None: the inspection's plan over the case's division)."""
    with transaction.atomic():
        if setup is None:
            _require_role(acting_user, CaseSetup)
            setup, before = CaseSetup(), None
        else:
            setup, before = open_locked(acting_user, CaseSetup, setup, version)
        fields = check_case_setup(acting_user, setup if before is not None else None, inspection=inspection, code=code,
                               deadline_days=deadline_days, plan=plan)
        for field, value in fields.items():
            setattr(setup, field, value)
        return _write(acting_user, setup, before, (SETUP_ADD, SETUP_CHANGE), scope_path=setup.inspection.division.path)
