"""Case settings through their actions: routing rules, case types and case settings, each kept by the office
of the division it serves, refused elsewhere, versioned and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.cases import actions
from ducha.cases.models import Case, CaseSetup, CaseType, RoutingRule, Routing
from ducha.core.actions import StaleEdit
from ducha.jurisdictions.models import Role, User

from .tables import STANDARD, xlsx


def rule_for(world, user="coord", **fields):
    fields.setdefault("division", world.div["ld"])
    fields.setdefault("lead_unit", world.units["ld_gov"])
    return actions.save_routing_rule(acting_user=world.users[user] if user else None, **fields)


# --- routing rules: who may ----------------------------------------------------------------------------------

@pytest.mark.parametrize("user, division, outcome", [
    ("admin", "ld", "ok"),
    ("coord", "ld", "ok"),        # 丽水市's office, a county of 丽水市
    ("coord", "ls", "ok"),        # its own division
    ("coord", "wz", "denied"),    # 温州市: another city
    ("wz_coord", "ld", "denied"),
    ("ld_officer", "ld", "denied"),
    ("supervisor", "ld", "denied"),
    ("ld_leader", "ld", "denied"),
])
def test_who_may_create_a_rule(world, user, division, outcome):
    lead = world.units["wz_eco"] if division == "wz" else world.units["ld_gov"]
    if outcome == "ok":
        rule = rule_for(world, user, division=world.div[division], lead_unit=lead)
        assert RoutingRule.objects.get(pk=rule.pk).lead_unit == lead
        entry = AuditEntry.objects.get(action="cases.rule.add", object_id=str(rule.pk))
        assert entry.actor == world.users[user] and entry.after["lead_unit_id"] == lead.pk
        assert entry.scope_path == world.div[division].path
    else:
        with pytest.raises(PermissionDenied):
            rule_for(world, user, division=world.div[division], lead_unit=lead)
        assert not RoutingRule.objects.exists() and not AuditEntry.objects.filter(action__startswith="cases.rule")


def test_the_public_cannot_create_a_rule(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        actions.save_routing_rule(acting_user=AnonymousUser(), division=world.div["ld"],
                                  lead_unit=world.units["ld_gov"])
    assert not RoutingRule.objects.exists()


def test_a_rule_cannot_be_moved_out_of_the_coordinators_division(world):
    rule = rule_for(world)
    with pytest.raises(PermissionDenied, match="超出您的管辖范围"):
        actions.save_routing_rule(acting_user=world.users["coord"], rule=rule, version=rule.version,
                                  division=world.div["wz"], lead_unit=world.units["wz_eco"])
    rule.refresh_from_db()
    assert rule.division == world.div["ld"] and rule.version == 1


def test_another_citys_rule_is_neither_changed_nor_deleted(world):
    rule = rule_for(world, "wz_coord", division=world.div["wz"], lead_unit=world.units["wz_eco"])
    with pytest.raises(PermissionDenied):
        actions.save_routing_rule(acting_user=world.users["coord"], rule=rule, version=1, division=world.div["ld"],
                                  lead_unit=world.units["ld_gov"])
    with pytest.raises(PermissionDenied):
        actions.delete_routing_rule(acting_user=world.users["coord"], rule=rule, version=1)
    assert RoutingRule.objects.get(pk=rule.pk).division == world.div["wz"]


def test_a_rule_of_every_division_is_the_administrators(world):
    with pytest.raises(PermissionDenied):
        rule_for(world, division=None, lead_unit=world.units["eco"])
    rule = rule_for(world, "admin", division=None, lead_unit=world.units["eco"])
    assert rule.reach is None
    # The office reads it (it routes its cases too) but cannot change it.
    assert list(RoutingRule.objects.restrict(world.users["coord"])) == [rule]
    assert not RoutingRule.objects.restrict(world.users["coord"], "change").exists()


def test_a_rule_for_an_inspection_serves_the_inspections_division(world, inspection):
    rule = rule_for(world, division=None, inspection=inspection, lead_unit=world.units["eco"])
    assert rule.reach == world.div["ls"]
    assert not RoutingRule.objects.restrict(world.users["wz_coord"]).exists()


# --- routing rules: what is refused ---------------------------------------------------------------------------

def test_units_outside_the_rules_division_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        rule_for(world, division=world.div["ld"], lead_unit=world.units["qt_gov"],
                 co_units=[world.units["wz_eco"]])
    errors = refused.value.message_dict
    assert "青田县人民政府”不在莲都区范围内" in errors["lead_unit"][0]
    assert "温州市生态环境局”不在莲都区范围内" in errors["co_units"][0]
    assert not RoutingRule.objects.exists()


def test_a_disabled_unit_a_foreign_division_and_a_twin_rule_are_refused(world, inspection):
    eco = world.units["ld_eco"]
    eco.is_active = False
    eco.save()
    with pytest.raises(ValidationError) as refused:
        rule_for(world, co_units=[eco])
    assert "已停用" in refused.value.message_dict["co_units"][0]
    rule_for(world)
    with pytest.raises(ValidationError) as refused:
        rule_for(world)
    assert "已有相同督察、区划和类型的分办规则" in refused.value.message_dict["division"][0]
    with pytest.raises(ValidationError) as refused:
        rule_for(world, inspection=inspection, division=world.div["wz"], lead_unit=world.units["wz_eco"])
    assert refused.value.message_dict["division"] == ["区划不在该督察的范围内。"]
    with pytest.raises(ValidationError) as refused:
        rule_for(world, lead_unit=None, priority="高")
    assert set(refused.value.message_dict) == {"lead_unit", "priority"}


def test_a_stale_edit_is_refused_and_an_unchanged_save_writes_nothing(world):
    rule = rule_for(world)
    changed = actions.save_routing_rule(acting_user=world.users["coord"], rule=rule, version=1,
                                        division=world.div["ld"], lead_unit=world.units["ld_gov"],
                                        co_units=[world.units["ld_eco"]], priority=5)
    assert changed.version == 2 and list(changed.co_units.all()) == [world.units["ld_eco"]]
    entry = AuditEntry.objects.get(action="cases.rule.change", object_id=str(rule.pk))
    assert entry.before["co_units"] == [] and entry.after["co_units"] == [world.units["ld_eco"].pk]
    assert entry.after["priority"] == 5 and entry.after["version"] == 2
    with pytest.raises(StaleEdit, match="已被他人修改"):
        actions.save_routing_rule(acting_user=world.users["coord"], rule=rule, version=1,
                                  division=world.div["ld"], lead_unit=world.units["eco"])
    assert RoutingRule.objects.get(pk=rule.pk).lead_unit == world.units["ld_gov"]
    entries = AuditEntry.objects.count()
    again = actions.save_routing_rule(acting_user=world.users["coord"], rule=rule, version=2,
                                      division=world.div["ld"], lead_unit=world.units["ld_gov"],
                                      co_units=[world.units["ld_eco"]], priority=5)
    assert again.version == 2 and AuditEntry.objects.count() == entries
    with pytest.raises(StaleEdit):
        actions.delete_routing_rule(acting_user=world.users["coord"], rule=rule, version=1)
    actions.delete_routing_rule(acting_user=world.users["coord"], rule=rule, version=2)
    assert not RoutingRule.objects.exists()
    assert AuditEntry.objects.get(action="cases.rule.delete").before["lead_unit_id"] == world.units["ld_gov"].pk


def test_a_new_batch_is_routed_by_a_rule_made_here(world, imported):
    rule_for(world, division=world.div["ld"], lead_unit=world.units["ld_gov"], co_units=[world.units["ld_eco"]])
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")  # 丽水市莲都区
    assert case.routing == Routing.PROPOSED and case.lead_unit == world.units["ld_gov"]
    assert list(case.co_units.all()) == [world.units["ld_eco"]]


# --- case types ---------------------------------------------------------------------------------------------

@pytest.fixture
def province_coord(world):
    return User.objects.create_user(username="zj_coord", password="pw-zj", role=Role.COORDINATOR,
                                    unit=world.units["office"], scope=world.div["zj"])


def test_case_types_are_kept_by_the_top_office_only(world, province_coord):
    with pytest.raises(PermissionDenied):
        actions.save_case_type(acting_user=world.users["coord"], code="dust", name="工地扬尘")
    with pytest.raises(ValidationError) as refused:
        actions.save_case_type(acting_user=province_coord, code="dust", name="扬尘")
    # 大气 claims 扬尘 already: a second type of that name would never be read.
    assert refused.value.message_dict["name"] == ["“扬尘”已是类型“大气”的名称或别名。"]
    created = actions.save_case_type(acting_user=province_coord, code="dust", name="工地扬尘", aliases="道路扬尘")
    assert AuditEntry.objects.get(action="cases.type.add", object_id=str(created.pk)).actor == province_coord
    with pytest.raises(PermissionDenied):
        actions.save_case_type(acting_user=world.users["coord"], case_type=created, version=1, code="dust",
                               name="扬尘污染")
    with pytest.raises(PermissionDenied):
        actions.save_case_type(acting_user=world.users["ld_officer"], case_type=created, version=1, code="dust",
                               name="扬尘污染")
    assert CaseType.objects.get(pk=created.pk).name == "工地扬尘"


# Wrong in every field: a taken code and name, a word another type claims, an order out of range, a disabled
# fallback. Whoever may not keep the list must not learn any of that.
BAD_TYPE = {"code": "air", "name": "大气", "aliases": "扬尘", "order": "-1", "is_fallback": True, "is_active": False}


@pytest.mark.parametrize("user", ["coord", "wz_coord", "ld_officer", "supervisor", "ld_leader", "public"])
def test_creating_a_case_type_checks_the_right_before_the_input(world, user):
    """A city's office (or anyone else but the top office and administrators) is refused with PermissionDenied
    however wrong the input: never with the field errors that would tell the rules of the list."""
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if user == "public" else world.users[user]
    for fields in (BAD_TYPE, {"code": "扬 尘", "name": ""}):
        with pytest.raises(PermissionDenied, match="由省级整改办或系统管理员维护"):
            actions.save_case_type(acting_user=actor, **fields)
    assert not AuditEntry.objects.filter(action__startswith="cases.type")


def test_changing_disabling_and_deleting_a_case_type_check_the_right_before_the_input(world, province_coord):
    """The siblings: a change, a disabling and a delete open the stored type for the user first, so a wrong
    input or an old version is refused as the right is (PermissionDenied), not read."""
    noise = CaseType.objects.get(name="噪声")
    for user in ("coord", "ld_officer"):
        actor = world.users[user]
        with pytest.raises(PermissionDenied):
            actions.save_case_type(acting_user=actor, case_type=noise, version=7, **BAD_TYPE)
        with pytest.raises(PermissionDenied):  # disabling
            actions.save_case_type(acting_user=actor, case_type=noise, version=7, code=noise.code, name=noise.name,
                                   is_active=False)
        with pytest.raises(PermissionDenied):
            actions.delete_case_type(acting_user=actor, case_type=noise, version=7)
    noise.refresh_from_db()
    assert noise.is_active and noise.version == 1


def test_the_top_office_creates_the_first_case_type(client, world, province_coord):
    """The right to keep the list does not depend on a type existing: with none yet, the top office still
    creates one (the page asked whether the user could add any *existing* type)."""
    from django.urls import reverse

    CaseType.objects.all().delete()
    assert actions.may_keep_case_types(province_coord) and not actions.may_keep_case_types(world.users["coord"])
    client.force_login(province_coord)
    assert client.get(reverse("cases:type_create")).status_code == 200
    assert client.post(reverse("cases:type_create"), {"code": "air", "name": "大气", "order": "0",
                                                      "is_active": "on"}).status_code == 302
    client.force_login(world.users["coord"])
    assert client.post(reverse("cases:type_create"), BAD_TYPE).status_code == 403
    assert list(CaseType.objects.values_list("code", flat=True)) == ["air"]


def test_case_type_rules(world, province_coord):
    air = CaseType.objects.get(name="大气")
    fallback = CaseType.objects.get(is_fallback=True)
    with pytest.raises(ValidationError) as refused:
        actions.save_case_type(acting_user=province_coord, case_type=air, version=1, code="air2", name="水",
                               is_fallback=True)
    errors = refused.value.message_dict
    assert errors["code"] == ["代码创建后不能修改。"] and "已被其他类型使用" in errors["name"][0]
    assert f"已有兜底类型“{fallback.name}”" in errors["is_fallback"][0]
    with pytest.raises(ValidationError) as refused:
        actions.save_case_type(acting_user=province_coord, code="扬尘", name="扬尘类")
    assert "字母、数字" in refused.value.message_dict["code"][0]
    with pytest.raises(StaleEdit):
        actions.save_case_type(acting_user=province_coord, case_type=air, version=7, code=air.code, name="大气")


def test_a_type_cases_refer_to_is_disabled_not_deleted(world, imported, province_coord):
    imported(xlsx(STANDARD))
    air = CaseType.objects.get(name="大气")
    assert air.cases.exists()
    with pytest.raises(ValidationError, match="请改为停用"):
        actions.delete_case_type(acting_user=province_coord, case_type=air, version=1)
    disabled = actions.save_case_type(acting_user=province_coord, case_type=air, version=1, code=air.code,
                                      name=air.name, aliases=air.aliases, order=air.order, is_active=False)
    assert disabled.version == 2 and not disabled.is_active and disabled.cases.exists()
    unused = actions.save_case_type(acting_user=province_coord, code="ocean2", name="近岸海域")
    actions.delete_case_type(acting_user=province_coord, case_type=unused, version=1)
    assert not CaseType.objects.filter(code="ocean2").exists()
    assert AuditEntry.objects.filter(action="cases.type.delete", object_id=str(unused.pk)).exists()


# --- case settings (deadline, plan) ---------------------------------------------------------------------------

def test_case_settings_of_the_offices_inspections_only(world, inspection, case_plan):
    setup = CaseSetup.objects.get(inspection=inspection)
    saved = actions.save_case_setup(acting_user=world.users["coord"], setup=setup, version=1, code="ZJ-S3",
                                    deadline_days="5", plan=case_plan)
    assert saved.version == 2 and saved.working_days == 5 and saved.plan == case_plan
    assert AuditEntry.objects.get(action="cases.setup.change", object_id=str(setup.pk)).after["deadline_days"] == 5
    with pytest.raises(PermissionDenied):
        actions.save_case_setup(acting_user=world.users["wz_coord"], setup=setup, version=2, code="ZJ-S3")
    with pytest.raises(PermissionDenied):
        actions.save_case_setup(acting_user=world.users["ld_officer"], setup=setup, version=2, code="ZJ-S3")
    with pytest.raises(ValidationError) as refused:
        actions.save_case_setup(acting_user=world.users["coord"], setup=setup, version=2, code="ZJ S3",
                                deadline_days=0)
    assert set(refused.value.message_dict) == {"code", "deadline_days"}
    with pytest.raises(StaleEdit):
        actions.save_case_setup(acting_user=world.users["coord"], setup=setup, version=1, code="ZJ-S3")


def test_case_settings_for_a_new_inspection(world):
    from ducha.ledger.models import Inspection

    wz = Inspection.objects.create(name="温州市督察", level=Inspection.Level.CITY, round_number=1,
                                   division=world.div["wz"], team="温州市督察组")
    with pytest.raises(PermissionDenied):
        actions.save_case_setup(acting_user=world.users["coord"], inspection=wz, code="WZ-1")
    made = actions.save_case_setup(acting_user=world.users["wz_coord"], inspection=wz, code="WZ-1")
    assert made.working_days == 7 and AuditEntry.objects.filter(action="cases.setup.add").count() == 1
    with pytest.raises(ValidationError) as refused:
        actions.save_case_setup(acting_user=world.users["wz_coord"], inspection=wz, code="WZ-1")
    assert refused.value.message_dict["inspection"] == ["该督察已有信访件设置。"]
    assert "已被使用" in refused.value.message_dict["code"][0]


def test_a_disabled_type_is_no_longer_read_by_imports(world, imported, province_coord):
    noise = CaseType.objects.get(name="噪声")
    actions.save_case_type(acting_user=province_coord, case_type=noise, version=1, code=noise.code, name=noise.name,
                           aliases=noise.aliases, order=noise.order, is_active=False)
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")  # 大气、噪声
    assert sorted(t.name for t in case.types.all()) == ["其他", "大气"] and case.type_text == "大气、噪声"
