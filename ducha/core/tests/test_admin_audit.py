"""Settings edited in the Django admin (units, divisions, case types, routing rules, case settings) are
audited like every other change, by administrators only; revisits are not edited there at all."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.cases.models import CaseType, RoutingRule


def _unit_form(unit, **changes):
    data = {"name": unit.name, "short_name": unit.short_name, "kind": unit.kind, "division": unit.division_id,
            "aliases": unit.aliases, "is_active": "on" if unit.is_active else "", "parent": unit.parent_id or ""}
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def test_a_unit_renamed_in_the_admin_is_audited_with_before_and_after_and_a_new_version(root, world):
    unit = world.units["ndrc"]
    version = unit.version
    response = root.post(reverse("admin:jurisdictions_unit_change", args=[unit.pk]),
                         _unit_form(unit, short_name="市发改委"))
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.short_name == "市发改委" and unit.version == version + 1
    [entry] = AuditEntry.objects.filter(action="admin.change", object_id=str(unit.pk))
    assert entry.actor_id == world.users["admin"].pk
    assert entry.before["short_name"] == "" and entry.after["short_name"] == "市发改委"


def test_saving_a_unit_unchanged_writes_nothing(root, world):
    unit = world.units["ndrc"]
    root.post(reverse("admin:jurisdictions_unit_change", args=[unit.pk]), _unit_form(unit))
    unit.refresh_from_db()
    assert not AuditEntry.objects.filter(action="admin.change").exists() and unit.version == 1


def test_a_routing_rule_added_and_deleted_in_the_admin_is_audited_with_its_co_units(root, world):
    response = root.post(reverse("admin:cases_routingrule_add"), {
        "division": world.div["ld"].pk, "lead_unit": world.units["ld_gov"].pk,
        "co_units": [world.units["ld_eco"].pk], "priority": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = RoutingRule.objects.get()
    # Saved by the office's action (ducha.cases.actions.case_settings), with its event codes.
    [added] = AuditEntry.objects.filter(action="cases.rule.add", object_type="cases.routingrule")
    assert added.after["co_units"] == [world.units["ld_eco"].pk]
    root.post(reverse("admin:cases_routingrule_delete", args=[rule.pk]), {"post": "yes"})
    assert not RoutingRule.objects.exists()
    [deleted] = AuditEntry.objects.filter(action="cases.rule.delete", object_id=str(rule.pk))
    assert deleted.before["lead_unit_id"] == world.units["ld_gov"].pk


def test_only_an_administrator_saves_settings_even_with_admin_permissions(client, world):
    """A staff coordinator given the model permissions still cannot change a case type by the admin."""
    coord = world.users["coord"]
    coord.is_staff = True
    coord.save()
    coord.user_permissions.add(*Permission.objects.filter(codename__in=["change_casetype", "view_casetype"]))
    client.force_login(coord)
    case_type = CaseType.objects.order_by("pk").first()
    response = client.post(reverse("admin:cases_casetype_change", args=[case_type.pk]), {
        "code": case_type.code, "name": "改名", "aliases": case_type.aliases, "order": case_type.order})
    assert response.status_code == 403
    case_type.refresh_from_db()
    assert case_type.name != "改名" and not AuditEntry.objects.exists()


def test_revisits_are_shown_in_the_admin_but_not_edited_there(root, world):
    assert root.get(reverse("admin:revisits_revisit_changelist")).status_code == 200
    assert root.get(reverse("admin:revisits_revisit_add")).status_code == 403



def test_the_admin_refuses_what_the_action_refuses_on_the_field(root, world):
    """The routing rule admin saves through the office's action: a unit outside the rule's division is
    refused there too, shown on its field, and nothing is written."""
    response = root.post(reverse("admin:cases_routingrule_add"), {
        "division": world.div["ld"].pk, "lead_unit": world.units["qt_gov"].pk, "priority": 0})
    assert response.status_code == 200
    assert "青田县人民政府”不在莲都区范围内" in response.content.decode()
    assert not RoutingRule.objects.exists() and not AuditEntry.objects.exists()



def test_a_case_type_renamed_in_the_admin_keeps_its_code(root, world):
    case_type = CaseType.objects.get(code="air")
    response = root.post(reverse("admin:cases_casetype_change", args=[case_type.pk]), {
        "name": "大气污染", "aliases": "废气", "order": case_type.order, "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    case_type.refresh_from_db()
    assert (case_type.code, case_type.name, case_type.version) == ("air", "大气污染", 2)
    assert AuditEntry.objects.get(action="cases.type.change").after["name"] == "大气污染"
