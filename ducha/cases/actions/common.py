"""What the case actions share: loading a case for change (locked, version checked), text and figure
validation, saving with an audit entry, notifying the lead unit's officers after commit."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot
from ducha.core import scoping
from ducha.core.actions import check_version, require_in_reach, text_input
from ducha.core.roles import Role
from ducha.jurisdictions.models import User
from ducha.notifications.sending import notify

from ..models import Case
from ..importing.commit import search_text_of

TEXT_MAX = 10_000
COUNT_MAX = 1_000_000
FINE_MAX = Decimal("99999999999999.99")


def is_coordinator(user):
    return bool(user is None or user.is_admin or getattr(user, "role", None) == Role.COORDINATOR)


def load(acting_user, case, action=scoping.CHANGE, version=None):
    """The case locked for change, after checking the user may act on it as it is."""
    if acting_user is not None and not scoping.can(acting_user, scoping.VIEW, case):
        raise scoping.refusal(acting_user, scoping.VIEW, case)
    return open_locked(acting_user, Case, case, version, action)


def open_locked(acting_user, model, obj, version, action=scoping.CHANGE):
    """The stored object, locked, after checking the user may act on it as it is and read its version;
    with its snapshot for the audit entry."""
    if acting_user is not None and not scoping.can(acting_user, action, obj):
        raise scoping.refusal(acting_user, action, obj)
    locked = model.objects.select_for_update().get(pk=obj.pk)
    check_version(locked, version)
    return locked, snapshot(locked)


def require_office(acting_user, case):
    if not is_coordinator(acting_user):
        raise PermissionDenied(_("只有整改办（协调员）可以执行此操作。"))


def text(value, field, label, *, required=False, limit=TEXT_MAX):
    return text_input(value, field, label=label, required=required, limit=limit)


def count(value, field, label):
    try:
        number = int(str(value).strip() or 0) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or number < 0 or number > COUNT_MAX or str(value).strip().startswith("+"):
        raise ValidationError({field: [_("%(label)s应为不小于 0 的整数。") % {"label": label}]})
    return number


def money(value, field, label):
    """An exact amount in 元 with at most two decimals (never a float)."""
    if isinstance(value, float):
        value = repr(value)
    try:
        amount = Decimal(str(value).strip() or "0")
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount > FINE_MAX \
            or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: [_("%(label)s应为不小于 0、最多两位小数的金额（元）。") % {"label": label}]})
    return amount.quantize(Decimal("0.01"))


def save(acting_user, case, before, action, *, fields=None):
    """Bump the version, refresh the search text, save, check the case stays in reach, audit."""
    case.version += 1
    case.update_scope_path()
    case.search_text = search_text_of({f: getattr(case, f) for f in (
        "number", "summary", "area_text", "type_text", "investigation", "handling")})
    case.save()
    if acting_user is not None and not is_coordinator(acting_user):
        require_in_reach(acting_user, Case, [case.pk], scoping.VIEW)
    elif acting_user is not None:
        require_in_reach(acting_user, Case, [case.pk], scoping.CHANGE)
    audit.record(actor=acting_user, action=action, obj=case, before=before, after=snapshot(case),
                 scope_path=scope_path(case))
    return case


def scope_path(case):
    return case.division.path if case.division_id else case.inspection.division.path


def notify_unit(unit, *, kind, title, case, body=""):
    if unit is None:
        return
    officers = User.objects.filter(unit=unit, role=Role.OFFICER, is_active=True)
    notify(list(officers), kind=kind, title=title, body=body, url=case.get_absolute_url(), obj=case)
