"""Routing (分办): the coordinator confirms the imported proposal or routes by hand (division, lead unit,
co-units). Audited; the case is on the lead unit's my-work page as soon as it is routed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ducha.core import scoping
from ducha.jurisdictions.models import Division, Unit

from ..models import Case, Routing
from .common import load, notify_unit, require_office, save

CO_UNITS_MAX = 20


def _unit(value, field):
    if value is None:
        return None
    if not isinstance(value, Unit):
        value = Unit.objects.filter(pk=value).first()
    if value is None or not value.is_active:
        raise ValidationError({field: [_("单位不存在或已停用。")]})
    return value


def route_case(*, acting_user, case, lead_unit, division=None, co_units=(), version=None) -> Case:
    """Route a case: its division (kept when not given), lead unit and co-units; confirms the routing."""
    with transaction.atomic():
        case, before = load(acting_user, case, scoping.CHANGE, version)
        require_office(acting_user, case)
        lead = _unit(lead_unit, "lead_unit")
        if lead is None:
            raise ValidationError({"lead_unit": [_("请选择牵头单位。")]})
        co = [_unit(u, "co_units") for u in co_units]
        before_division = case.division_id
        if len(co) > CO_UNITS_MAX:
            raise ValidationError({"co_units": [_("配合单位最多 %(n)s 个。") % {"n": CO_UNITS_MAX}]})
        if division is not None:
            if not isinstance(division, Division):
                division = Division.objects.filter(code=str(division)).first()
            if division is None or not division.path.startswith(case.inspection.division.path):
                raise ValidationError({"division": [_("区划不在该督察的范围内。")]})
            case.division = division
        elif case.division_id is None:
            case.division = lead.division if lead.division.path.startswith(case.inspection.division.path) else None
        if case.division_id is None:
            raise ValidationError({"division": [_("请选择所属区划。")]})
        kept = {u.pk for u in co} - {lead.pk}
        if (case.routing == Routing.CONFIRMED and case.lead_unit_id == lead.pk and case.division_id == before_division
                and set(case.co_units.values_list("pk", flat=True)) == kept):
            return case  # routed there already: nothing written, the unit not told twice
        case.lead_unit = lead
        case.routing = Routing.CONFIRMED
        case.routed_at, case.routed_by = timezone.now(), acting_user if getattr(acting_user, "pk", None) else None
        save(acting_user, case, before, "cases.route")
        case.co_units.set([u for u in co if u.pk != lead.pk])
        transaction.on_commit(lambda: notify_unit(lead, kind="cases.routed", case=case, title=_(
            "新交办信访件：%(n)s（办理时限 %(due)s）") % {"n": case, "due": case.due_on or "—"}))
    return case


def confirm_routes(*, acting_user, cases) -> list[Case]:
    """Confirm the imported proposals (区划 and 牵头单位 found by the rules) of these cases as they are.
    Only the office may, even when there is nothing left to confirm."""
    require_office(acting_user, None)
    done = []
    with transaction.atomic():
        for case in cases:
            if case.routing != Routing.PROPOSED or case.lead_unit_id is None:
                continue
            done.append(route_case(acting_user=acting_user, case=case, lead_unit=case.lead_unit,
                                   co_units=list(case.co_units.all())))
    return done
