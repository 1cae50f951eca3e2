"""The 案件设置 page and its edit pages: the office's rules, types and settings as the office sees them,
refusals shown on the field they concern, nothing for anyone else."""

import pytest
from django.urls import reverse

from ducha.audit.models import AuditEntry
from ducha.cases.models import CaseSetup, CaseType, RoutingRule
from ducha.jurisdictions.models import Role, User

from .tables import STANDARD, xlsx


def client_of(client, world, name):
    client.force_login(world.users[name])
    return client


def rule_post(world, **changes):
    data = {"division": world.div["ld"].pk, "lead_unit": world.units["ld_gov"].pk, "priority": "0",
            "co_units": [world.units["ld_eco"].pk]}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_page_lists_the_offices_rules_and_settings_only(client, world, inspection):
    mine = RoutingRule.objects.create(division=world.div["ld"], lead_unit=world.units["ld_gov"])
    theirs = RoutingRule.objects.create(division=world.div["wz"], lead_unit=world.units["wz_eco"])
    page = client_of(client, world, "coord").get(reverse("cases:settings"))
    html = page.content.decode()
    assert page.status_code == 200
    assert f'data-rule-id="{mine.pk}"' in html and f'data-rule-id="{theirs.pk}"' not in html
    assert reverse("cases:rule_edit", args=[mine.pk]) in html
    assert "ZJ-S3" in html and "7 个工作日" in html and "大气" in html
    # Case types are shared by every city: the city's office reads them, the province keeps them.
    assert reverse("cases:type_create") not in html and "由省级整改办或系统管理员维护" in html
    assert 'id="case-settings"' in client.get(reverse("cases:list")).content.decode()


@pytest.mark.parametrize("user", ["ld_officer", "supervisor", "ld_leader"])
def test_the_page_is_the_offices(client, world, user):
    assert client_of(client, world, user).get(reverse("cases:settings")).status_code == 403
    assert client.post(reverse("cases:rule_create"), rule_post(world)).status_code == 403
    assert not RoutingRule.objects.exists()
    assert 'id="case-settings"' not in client.get(reverse("cases:list")).content.decode()


def test_the_public_is_sent_to_sign_in(client, world):
    response = client.get(reverse("cases:settings"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_rule_is_created_from_the_page(client, world):
    office = client_of(client, world, "coord")
    form = office.get(reverse("cases:rule_create")).content.decode()
    # Only the office's own divisions and units are offered; every unit carries its division for the picker.
    assert "莲都区人民政府 · 莲都区" in form and "温州市生态环境局" not in form
    assert f'data-path="{world.div["ld"].path}"' in form and 'data-search=' in form
    response = office.post(reverse("cases:rule_create"), rule_post(world))
    assert response.status_code == 302 and response["Location"].endswith("#rules")
    rule = RoutingRule.objects.get()
    assert rule.lead_unit == world.units["ld_gov"] and list(rule.co_units.all()) == [world.units["ld_eco"]]
    assert AuditEntry.objects.get(action="cases.rule.add").actor == world.users["coord"]
    assert "已新建分办规则。" in office.get(reverse("cases:settings")).content.decode()


def test_refusals_are_shown_on_their_fields(client, world):
    office = client_of(client, world, "coord")
    response = office.post(reverse("cases:rule_create"), rule_post(
        world, lead_unit=world.units["qt_gov"].pk, priority="5000"))
    html = response.content.decode()
    assert response.status_code == 200 and not RoutingRule.objects.exists()
    lead = html[html.index('id="errors-lead_unit"'):]
    assert "青田县人民政府”不在莲都区范围内" in lead[:300]
    assert "优先级应为 -1000 至 1000 之间的整数。" in html[html.index('id="errors-priority"'):][:200]


def test_a_rule_moved_out_of_reach_or_edited_on_an_old_version_is_refused(client, world):
    rule = RoutingRule.objects.create(division=world.div["ld"], lead_unit=world.units["ld_gov"])
    office = client_of(client, world, "coord")
    url = reverse("cases:rule_edit", args=[rule.pk])
    assert f'name="version" value="{rule.version}"' in office.get(url).content.decode()
    # 温州市 is not offered (not one of the office's divisions): a hand-made post is refused by the form.
    response = office.post(url, rule_post(world, division=world.div["wz"].pk, lead_unit=world.units["wz_eco"].pk,
                                          co_units=None, version=1))
    assert response.status_code == 200 and 'id="errors-division"' in response.content.decode()
    saved = office.post(url, rule_post(world, version=1, priority="3"))
    assert saved.status_code == 302
    stale = office.post(url, rule_post(world, version=1, priority="4"))
    assert "已被他人修改（您打开的是第 1 版，当前为第 2 版）" in stale.content.decode()
    missing = office.post(url, rule_post(world, priority="4"))
    assert 'id="errors-version"' not in missing.content.decode() and missing.status_code == 200
    rule.refresh_from_db()
    assert rule.priority == 3 and rule.version == 2


def test_a_rule_is_deleted_with_its_version(client, world):
    rule = RoutingRule.objects.create(division=world.div["ld"], lead_unit=world.units["ld_gov"])
    office = client_of(client, world, "coord")
    assert office.post(reverse("cases:rule_delete", args=[rule.pk]), {"version": "1"}).status_code == 302
    assert not RoutingRule.objects.exists()
    theirs = RoutingRule.objects.create(division=world.div["wz"], lead_unit=world.units["wz_eco"])
    assert office.post(reverse("cases:rule_delete", args=[theirs.pk]), {"version": "1"}).status_code == 404


def test_another_citys_rule_is_not_found(client, world):
    theirs = RoutingRule.objects.create(division=world.div["wz"], lead_unit=world.units["wz_eco"])
    office = client_of(client, world, "coord")
    assert office.get(reverse("cases:rule_edit", args=[theirs.pk])).status_code == 404


def test_the_case_settings_are_edited_with_the_deadline_shown_by_field(client, world, inspection, case_plan):
    setup = CaseSetup.objects.get(inspection=inspection)
    office = client_of(client, world, "coord")
    url = reverse("cases:setup_edit", args=[setup.pk])
    refused = office.post(url, {"version": "1", "code": "ZJ-S3", "deadline_days": "0"})
    assert "办理时限应为 1 至 60 之间的整数。" in refused.content.decode()
    assert office.post(url, {"version": "1", "code": "ZJ-S3", "deadline_days": "5",
                             "plan": case_plan.pk}).status_code == 302
    setup.refresh_from_db()
    assert setup.working_days == 5 and setup.plan == case_plan and setup.version == 2
    assert "5 个工作日" in office.get(reverse("cases:settings")).content.decode()


def test_case_types_by_the_province_office(client, world, imported):
    imported(xlsx(STANDARD))
    zj = User.objects.create_user(username="zj_coord", password="pw", role=Role.COORDINATOR,
                                  unit=world.units["office"], scope=world.div["zj"])
    client.force_login(zj)
    assert client.post(reverse("cases:type_create"), {"code": "light", "name": "光污染", "aliases": "灯光扰民",
                                                      "order": "5", "is_active": "on"}).status_code == 302
    air = CaseType.objects.get(name="大气")
    url = reverse("cases:type_edit", args=[air.pk])
    deleted = client.post(reverse("cases:type_delete", args=[air.pk]), {"version": "1"}, follow=True)
    assert "不能删除；请改为停用" in deleted.content.decode() and CaseType.objects.filter(pk=air.pk).exists()
    assert client.post(url, {"version": "1", "code": "ignored", "name": "大气", "aliases": air.aliases,
                             "order": air.order}).status_code == 302
    air.refresh_from_db()
    assert not air.is_active and air.code == "air" and air.cases.exists()
    client.force_login(world.users["coord"])
    assert client.get(url).status_code == 403
