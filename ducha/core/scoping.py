"""Who may do what, where: the one place that decides.

Every page, API endpoint, export and command gets its rows through
`restrict(queryset, user, action)` (or a model manager's `.restrict()`), and
checks a single object with `can(user, action, obj)`. Each scoped model
declares its own rule as a classmethod `scope_q(user, action)` returning a
Q object, `ALL` or `NONE`; the role logic shared by all of them is here.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .roles import Role

VIEW, CHANGE, ADD, FLAG, DELETE = "view", "change", "add", "flag", "delete"
ACTIONS = (VIEW, CHANGE, ADD, FLAG, DELETE)

ALL = object()
NONE = object()

# What each role may do inside its reach. Officers' reach is their unit's
# tasks; everyone else's is their scope division and below.
ROLE_ACTIONS = {
    Role.ADMIN: {VIEW, CHANGE, ADD, FLAG, DELETE},
    Role.COORDINATOR: {VIEW, CHANGE, ADD, FLAG, DELETE},
    Role.OFFICER: {VIEW, CHANGE},
    Role.SUPERVISOR: {VIEW, FLAG},
    Role.LEADER: {VIEW},
}


def roles_allowed(action) -> frozenset:
    """The roles that may take `action` somewhere in their reach (administrators always)."""
    return frozenset(role for role, actions in ROLE_ACTIONS.items() if action in actions)


def role_allows(user, action) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_admin:
        return True
    return action in ROLE_ACTIONS.get(user.role, set())


def division_prefix(user):
    """Path prefix of the user's scope division, or None when they have none."""
    division = user.scope_division
    return division.path if division is not None else None


def unit_reach_q(user, field="unit"):
    """The user's unit and its sub-units (a 局 sees its 分局's tasks), three levels deep, as a condition
    on `field` (a foreign key to a unit): a subquery, not an extra query.

    The units are picked first (`field IN (SELECT id FROM unit WHERE …)`: a few rows out of the small
    unit table) and only then the rows that name them, through the index on `field`. An OR over joined
    unit columns instead makes the database visit every row of the table holding `field` (every
    task-unit row: ~50 ms per query with 100,000 tasks on SQLite, against ~5 ms)."""
    unit = user.unit_id
    # The unit model, from the user's own foreign key: core imports no domain app.
    units = user._meta.get_field("unit").related_model._default_manager
    reach = units.filter(Q(pk=unit) | Q(parent_id=unit) | Q(parent__parent_id=unit)).values("pk")
    return Q(**{f"{field}_id__in": reach})


def live_q(model):
    """What keeps a model's voided records (作废) out: its own `voided_at`, and for records about a voidable
    object (a task's warnings, applications, obligations…) that object's, named by the model's `voided_with`
    path. None when nothing about the model can be voided. Voiding a plan voids its tasks, so a task path
    covers the plan too."""
    conditions = {}
    try:
        model._meta.get_field("voided_at")
        conditions["voided_at__isnull"] = True
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: the model itself cannot be voided
        pass
    through = getattr(model, "voided_with", None)
    if through:
        conditions[f"{through}__voided_at__isnull"] = True
    return Q(**conditions) if conditions else None


def _live(queryset, include_voided):
    """Voided records, and the records about a voided task, are kept but out of every list, count and
    change unless asked for (a voided task's own page asks)."""
    condition = None if include_voided else live_q(queryset.model)
    return queryset if condition is None else queryset.filter(condition)


def scope_rule(model, user, action):
    """The model's rule for this user and action, built once per user object (a request loads its user
    afresh): a page asks for it several times (its rows, its filter choices, the sub-tasks), and building
    the subqueries cost more than some pages' SQL. Keyed by everything a rule reads of the user, so a user
    object whose role, unit or scope is changed gets the new rule (as before, a unit moved to another division
    meanwhile is seen through the user's cached unit). A rule is a Q object, and filtering
    with it copies what it holds, so one rule serves many querysets."""
    key = (model._meta.label_lower, action, user.pk, user.role, user.unit_id, user.scope_id)
    rules = user.__dict__.setdefault("_ducha_scope_rules", {})
    if key not in rules:
        rules[key] = (RULES.get(model._meta.label_lower) or model.scope_q)(user, action)
    return rules[key]


def restrict(queryset, user, action=VIEW, include_voided=False):
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not role_allows(user, action):
        return queryset.none()
    queryset = _live(queryset, include_voided)
    if user.is_admin:
        return queryset
    rule = scope_rule(queryset.model, user, action)
    if rule is ALL:
        return queryset
    if rule is NONE or rule is None:
        return queryset.none()
    return queryset.filter(rule)


def can(user, action, obj, include_voided=False) -> bool:
    return restrict(type(obj)._default_manager.filter(pk=obj.pk), user, action, include_voided).exists()


ACTION_LABELS = {VIEW: _("查看"), CHANGE: _("修改"), ADD: _("新建"), FLAG: _("督导标记"), DELETE: _("删除")}


def refusal(user, action, obj) -> PermissionDenied:
    """The refusal users read (pages, API, import rows): what the user may not do to which object."""
    return PermissionDenied(_("当前用户无权%(action)s该%(what)s（ID %(pk)s）。") % {
        "action": ACTION_LABELS[action], "what": obj._meta.verbose_name, "pk": obj.pk})


def require(user, action, obj):
    if not can(user, action, obj):
        raise refusal(user, action, obj)



def can_in_division(user, action, division) -> bool:
    """May the user create something in this division (plans, inspections)?"""
    if not role_allows(user, action):
        return False
    if user.is_admin:
        return True
    prefix = division_prefix(user)
    return bool(prefix and user.role == Role.COORDINATOR and division.path.startswith(prefix))


def can_create_task(user, task) -> bool:
    return can_in_division(user, ADD, task.division)


def division_line_rule(user, action, field="division"):
    """Plans, inspections, problems, targets: readable along the user's line of
    divisions (their own, the ones above, the ones below); changed only by a
    coordinator in their division and below."""
    from django.db.models import Q

    division = user.scope_division
    if division is None:
        return NONE
    below = Q(**{f"{field}__path__startswith": division.path})
    if action == VIEW:
        above = Q(**{f"{field}__code__in": [c for c in division.path.split("/") if c]})
        return below | above
    return below if user.role == Role.COORDINATOR else NONE


def may_manage_accounts(user) -> bool:
    """Creating and changing accounts (roles, scopes, groups, passwords, tokens of others): administrators only."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_admin)


def may_edit_calendar(user) -> bool:
    """Entering or correcting the official holiday calendar: administrators only (it moves every
    working-day deadline in the system)."""
    return may_manage_accounts(user)


def may_grant_superuser(user) -> bool:
    """Making someone superuser or staff, or taking it away: superusers only, so a role-admin cannot escalate."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def audit_log_rule(user, action):
    """Audit entries: read by coordinators for objects in their division and below (an entry's
    scope_path is its object's division path); written by no one (ducha.audit.services appends)."""
    if action != VIEW or user.role != Role.COORDINATOR:
        return NONE
    prefix = division_prefix(user)
    return Q(scope_path__startswith=prefix) if prefix else NONE


def may_read_audit_log(user) -> bool:
    return role_allows(user, VIEW) and (user.is_admin or user.role == Role.COORDINATOR)


# Rules for models of apps below core, which cannot import core to declare scope_q themselves.
RULES = {"audit.auditentry": audit_log_rule}
