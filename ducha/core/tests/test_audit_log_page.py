"""The audit log page: coordinators see their division's entries, in Chinese, newest first."""

import pytest
from django.db import transaction

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry


@pytest.fixture
def entries(world, make_task):
    from ducha.ledger import actions as services

    lishui = make_task(units=("ld_gov",), division="ld", target="莲都区餐饮油烟整治")
    services.update_task(acting_user=world.users["coord"], task=lishui, progress=30)  # and starts it
    with transaction.atomic():
        audit.record(actor=world.users["wz_coord"], action="create", object_type="ledger.task", object_id="999",
                     object_repr="温州市瓯江排污口整治", after={"target": "排污口整治"}, scope_path=world.div["wz"].path)
    return type("Entries", (), {"lishui": lishui})


def _page(client, user, query=""):
    client.force_login(user)
    return client.get("/audit/" + query)


def test_a_coordinator_sees_their_division_in_chinese_newest_first(client, world, entries):
    response = _page(client, world.users["coord"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "莲都区餐饮油烟整治" in html and "温州市瓯江排污口整治" not in html
    shown = [item["entry"].id for item in response.context["entries"]]
    assert shown == sorted(shown, reverse=True) and shown
    assert "修改" in html and "新建" in html  # event names, not codes
    changes = html[html.index(f'href="/tasks/{entries.lishui.pk}/"'):]
    # Changed fields by their Chinese names, states by their labels, not codes.
    assert "整改状态" in changes and "正在整改" in changes and "in_progress" not in changes
    assert 'href="/audit/"' in html  # the menu offers the page


def test_the_other_citys_coordinator_sees_only_theirs(client, world, entries):
    html = _page(client, world.users["wz_coord"]).content.decode()
    assert "温州市瓯江排污口整治" in html and "莲都区餐饮油烟整治" not in html


def test_an_admin_sees_everything(client, world, entries):
    html = _page(client, world.users["admin"]).content.decode()
    assert "温州市瓯江排污口整治" in html and "莲都区餐饮油烟整治" in html


@pytest.mark.parametrize("username", ["ld_officer", "supervisor", "ld_leader"])
def test_other_roles_are_refused(client, world, entries, username):
    assert _page(client, world.users[username]).status_code == 403
    assert 'href="/audit/"' not in client.get("/tasks/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get("/audit/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_filters_and_keyset_pages(client, world, make_task):
    with transaction.atomic():
        audit.record_many(world.users["coord"], [
            {"action": "flag", "object_type": "ledger.task", "object_id": str(i), "object_repr": f"任务{i}",
             "after": {"note": f"第{i}条"}, "scope_path": world.div["ls"].path} for i in range(120)])
    first = _page(client, world.users["coord"], "?event=flag")
    ids = [i["entry"].id for i in first.context["entries"]]
    assert len(ids) == 50 and first.context["older"] == ids[-1] and first.context["newer"] is None
    second = client.get(f"/audit/?event=flag&before={ids[-1]}")
    ids2 = [i["entry"].id for i in second.context["entries"]]
    assert len(ids2) == 50 and max(ids2) < min(ids) and second.context["newer"] == ids2[0]
    back = client.get(f"/audit/?event=flag&after={ids2[0]}")
    assert [i["entry"].id for i in back.context["entries"]] == ids
    only = client.get("/audit/?object=7&type=ledger.task&actor=coord")
    assert [i["entry"].object_id for i in only.context["entries"]] == ["7"]
    assert AuditEntry.objects.filter(object_id="7").count() == 1


def test_bad_filters_are_named_and_ignored(client, world, entries):
    response = _page(client, world.users["coord"], "?since=明天&event=nope&before=abc")
    assert response.status_code == 200
    errors = " ".join(response.context["errors"])
    assert "开始日期" in errors and "nope" in errors and "翻页位置" in errors
    assert response.context["entries"]


@pytest.mark.parametrize("query", ["?since=0001-01-01", "?until=9999-12-31", "?since=2026-02-30"])
def test_a_day_out_of_range_is_named_and_ignored_never_a_server_error(client, world, entries, query):
    response = _page(client, world.users["coord"], query)
    assert response.status_code == 200
    errors = " ".join(response.context["errors"])
    assert ("开始日期" in errors or "结束日期" in errors) and "已忽略" in errors
    assert response.context["entries"]


def test_every_model_an_entry_can_name_has_a_chinese_name():
    import re

    from django.apps import apps

    unnamed = [m._meta.label for m in apps.get_models() if m.__module__.startswith("ducha.")
               and re.fullmatch(r"[A-Za-z0-9 _]+", str(m._meta.verbose_name))]
    assert unnamed == []


def test_a_step_recorded_under_two_codes_is_one_choice_that_finds_both(client, world, make_task):
    # Signing a task writes task.sign (the task's transition) and signoff.sign (its application's step),
    # both named 审核签字: the filter offers 审核签字 once, and choosing it shows both entries.
    with transaction.atomic():
        for code in ("task.sign", "signoff.sign"):
            audit.record(actor=world.users["coord"], action=code, object_type="ledger.task", object_id="1",
                         object_repr="任务1", after={"step": code}, scope_path=world.div["ls"].path)
    response = _page(client, world.users["coord"])
    names = [name for _, name in response.context["event_choices"]]
    assert names.count("审核签字") == 1 and len(names) == len(set(names))
    code = next(c for c, name in response.context["event_choices"] if name == "审核签字")
    shown = client.get(f"/audit/?event={code}").context["entries"]
    assert sorted(item["entry"].action for item in shown) == ["signoff.sign", "task.sign"]


def test_recorded_facts_beside_fields_are_named_in_chinese(client, world, entries):
    """A sign-in records ip and via; a task's units and stages are not plain fields: the page names them in
    Chinese instead of showing the code names, and leaves out values that did not change."""
    coord = world.users["coord"]
    with transaction.atomic():
        audit.record(actor=coord, action="login.success", obj=coord, after={"ip": "127.0.0.1", "via": "/login/"})
    from ducha.ledger import actions as services

    services.update_task(acting_user=coord, task=entries.lishui, units=[world.units["ld_gov"], world.units["eco"]])
    html = _page(client, world.users["admin"]).content.decode()
    shown = html[html.index('id="audit-table"'):]
    assert "IP 地址" in shown and "登录途径" in shown and "责任单位" in shown
    for code in (">ip<", ">via<", ">units<"):
        assert code not in shown


def test_a_token_issue_a_plan_and_a_confirmed_warning_show_no_code_names(client, world, entries):
    """Issuing an API token records its name and expiry, a new plan its creation time (a field with no
    Chinese name) and a confirmed warning its consequences: the page names each in Chinese."""
    from ducha.jurisdictions.actions.users import do_create_token

    coord = world.users["coord"]
    do_create_token(acting_user=coord, user=coord)
    with transaction.atomic():
        audit.record(actor=coord, action="plan.create", obj=entries.lishui.plan,
                     after={"created_at": "2026-12-02T10:58:41+00:00"})
        audit.record(actor=coord, action="warning.confirm", obj=entries.lishui,
                     after={"colour": "yellow", "consequences": ["letter"]})
    html = _page(client, world.users["admin"]).content.decode()
    shown = html[html.index('id="audit-table"'):]
    assert "API 令牌" in shown and "过期时间" in shown and "创建时间" in shown and "预警后果" in shown
    for code in (">token<", ">expiry<", ">created at<", ">consequences<"):
        assert code not in shown


def test_moments_in_changes_are_shown_in_local_time(client, world, entries):
    """Snapshots keep moments in UTC with their offset; the page shows them as the reader's clock does
    (Asia/Shanghai), to the second, not as 2026-12-02T10:58:41.019304+00:00."""
    coord = world.users["coord"]
    with transaction.atomic():
        audit.record(actor=coord, action="login.success", obj=coord,
                     after={"ip": "127.0.0.1", "via": "/login/", "at": "2026-12-02T10:58:41.019304+00:00"})
    html = _page(client, world.users["admin"]).content.decode()
    shown = html[html.index('id="audit-table"'):]
    assert "2026-12-02 18:58:41" in shown and "T10:58:41" not in shown


def test_yes_no_changes_read_in_chinese(client, world, entries):
    """A boolean field changed reads 否 → 是, not false → true."""
    coord = world.users["coord"]
    with transaction.atomic():
        audit.record(actor=coord, action="update", object_type="cases.case", object_id="1", object_repr="第1批第1件",
                     before={"needs_rectification": False}, after={"needs_rectification": True},
                     scope_path=world.div["ls"].path)
    html = _page(client, world.users["admin"]).content.decode()
    shown = html[html.index('id="audit-table"'):]
    assert "需要整改" in shown
    row = shown[shown.index("需要整改"):][:200]
    assert "否" in row and "是" in row and "false" not in row and "true" not in row
