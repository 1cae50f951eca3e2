from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.audit.services import verify
from ducha.quality import services
from ducha.quality.models import IndicatorTarget


def _create(world, user="coord", division="ls", **fields):
    fields.setdefault("indicator", "pm25_mean")
    fields.setdefault("comparator", "<")
    fields.setdefault("value", "24")
    fields.setdefault("year", 2026)
    return services.create_target(acting_user=world.users[user], division=world.div[division], **fields)


def test_coordinator_creates_a_target_with_an_exact_value_and_an_audit_entry(world):
    target = _create(world, value="24", unit="微克/立方米", plan=world.plan, source_text="PM2.5平均浓度低于24微克/立方米")
    target.refresh_from_db()
    assert target.value == Decimal("24") and target.plan == world.plan
    entry = AuditEntry.objects.get(object_type="quality.indicatortarget", object_id=str(target.pk))
    assert entry.action == "create" and entry.after["value"] == "24.0000"
    assert verify().ok


def test_float_value_is_taken_by_its_decimal_repr(world):
    target = _create(world, indicator="good_days_ratio", comparator=">=", value=97.1)
    target.refresh_from_db()
    assert target.value == Decimal("97.1")


@pytest.mark.parametrize("user,division", [("wz_coord", "ls"), ("eco_officer", "ls"), ("supervisor", "ls"),
                                           ("ld_leader", "ld"), ("coord", "wz")])
def test_only_a_coordinator_of_the_division_line_may_create(world, user, division):
    with pytest.raises(PermissionDenied):
        _create(world, user=user, division=division)
    assert not IndicatorTarget.objects.exists() and not AuditEntry.objects.exists()


def test_city_coordinator_may_set_a_county_target(world):
    assert _create(world, division="ld").division == world.div["ld"]


@pytest.mark.parametrize("fields,field", [
    ({"value": "二十四"}, "value"),
    ({"value": ""}, "value"),
    ({"value": "1e9999"}, "value"),
    ({"value": "24.00001"}, "value"),
    ({"indicator": "good_days_ratio", "value": "101"}, "value"),
    ({"value": "-1"}, "value"),
    ({"indicator": "inferior_v_sections", "comparator": "==", "value": "0.5"}, "value"),
    ({"comparator": "≈"}, "comparator"),
    ({"indicator": "pm2.5"}, "indicator"),
    ({"year": 1899}, "year"),
    ({"year": "2026"}, "year"),
])
def test_validation_names_the_field(world, fields, field):
    with pytest.raises(ValidationError) as err:
        _create(world, **fields)
    assert field in err.value.message_dict
    assert not IndicatorTarget.objects.exists()


def test_the_same_target_twice_is_refused(world):
    _create(world)
    with pytest.raises(ValidationError) as err:
        _create(world)
    assert "indicator" in err.value.message_dict
    assert _create(world, region="市区").region == "市区"


def test_a_county_plan_cannot_set_a_city_target(world):
    from ducha.ledger.models import Plan

    county_plan = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"])
    with pytest.raises(ValidationError) as err:
        _create(world, plan=county_plan)
    assert "plan" in err.value.message_dict


def test_update_logs_before_and_after_and_checks_scope(world):
    target = _create(world)
    with pytest.raises(PermissionDenied):
        services.update_target(acting_user=world.users["wz_coord"], target=target, value="20")
    with pytest.raises(PermissionDenied):
        services.update_target(acting_user=world.users["eco_officer"], target=target, value="20")
    updated = services.update_target(acting_user=world.users["coord"], target=target, value="22.5")
    assert updated.value == Decimal("22.5")
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.before["value"] == "24.0000" and entry.after["value"] == "22.5000"


def test_update_validates(world):
    target = _create(world)
    with pytest.raises(ValidationError) as err:
        services.update_target(acting_user=world.users["coord"], target=target, value="abc")
    assert "value" in err.value.message_dict
    target.refresh_from_db()
    assert target.value == Decimal("24")


def test_delete_is_audited_and_scoped(world):
    target = _create(world)
    with pytest.raises(PermissionDenied):
        services.delete_target(acting_user=world.users["supervisor"], target=target)
    services.delete_target(acting_user=world.users["coord"], target=target)
    assert not IndicatorTarget.objects.exists()
    assert AuditEntry.objects.filter(action="delete").get().before["indicator"] == "pm25_mean"
    assert verify().ok
