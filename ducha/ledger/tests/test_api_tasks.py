"""The task API: reading, filtering, searching, writing through the services, history, flags."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from ducha.audit.models import AuditEntry
from ducha.ledger.models import PollutionDomain, Task, TaskState

URL = "/api/tasks/"


@pytest.fixture
def ledger(world, make_task):
    """A small ledger: two county tasks, a city task with a co-unit, and a sub-task."""
    ld = make_task(units=("ld_gov",), division="ld", number="1", target="莲都区餐饮油烟整治", measures="油烟净化",
                   deadline=dt.date(2021, 12, 31))
    qt = make_task(units=("qt_gov",), division="qt", number="2", target="青田县矿山修复", measures="复绿",
                   deadline=dt.date(2023, 6, 30), state=TaskState.COMPLETED, progress=100)
    city = make_task(units=("eco", "ld_gov"), number="3", target="建筑工地扬尘管控", measures="喷淋降尘",
                     deadline=dt.date(2027, 1, 31), category="staged",
                     stages=[("2026年底前", dt.date(2026, 12, 31))])
    city.domains.set([PollutionDomain.objects.get(code="air")])
    sub = make_task(units=("ndrc",), number="3.1", parent=city, target="扬尘在线监测", measures="安装监测设备",
                    deadline=dt.date(2026, 6, 30))
    return type("Ledger", (), {"ld": ld, "qt": qt, "city": city, "sub": sub})


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def test_anonymous_callers_get_401_json(world):
    response = APIClient().get(URL)
    assert response.status_code == 401 and "detail" in response.json()


def test_detail_shows_units_in_plan_order_stages_domains_and_children(api, world, ledger):
    data = api("coord").get(f"{URL}{ledger.city.pk}/").json()
    assert data["units"] == [world.units["eco"].pk, world.units["ld_gov"].pk]
    assert data["lead_unit"] == {"id": world.units["eco"].pk, "name": "丽水市生态环境局"}
    assert [u["name"] for u in data["co_units"]] == ["莲都区人民政府"]
    assert data["stages"] == [{"name": "2026年底前", "due": "2026-12-31"}]
    assert data["domains"] == ["air"]
    assert data["children"] == [ledger.sub.pk]
    assert data["division"] == "331100" and data["plan_code"] == "LS-2021"
    assert data["state_display"] == "尚未启动" and data["category"] == "staged"
    sub = api("coord").get(f"{URL}{ledger.sub.pk}/").json()
    assert sub["parent"] == ledger.city.pk


def test_children_are_only_those_the_user_may_see(api, world, ledger):
    # The 莲都区 officer sees the city task (as a co-unit) but not the sub-task led by 发改委.
    data = api("ld_officer").get(f"{URL}{ledger.city.pk}/").json()
    assert data["children"] == []


@pytest.mark.parametrize("query, expected", [
    ("state=completed", ["qt"]),
    ("state=not_started&state=completed", ["ld", "qt", "city", "sub"]),
    ("division=331121", ["qt"]),
    ("division=331100", ["ld", "qt", "city", "sub"]),
    ("unit={ld_gov}", ["ld", "city"]),
    ("lead_unit={ld_gov}", ["ld"]),
    ("category=staged", ["city"]),
    ("domain=air", ["city"]),
    ("deadline_after=2023-01-01&deadline_before=2026-12-31", ["qt", "sub"]),
    ("overdue=true", ["ld", "sub"]),  # today is after both deadlines and neither is closed
    ("overdue=false", ["qt", "city"]),
    ("parent={city}", ["sub"]),
    ("top_level=true", ["ld", "qt", "city"]),
    ("plan={plan}", ["ld", "qt", "city", "sub"]),
    ("inspection={inspection}", ["ld", "qt", "city", "sub"]),
    ("q=扬尘", ["city", "sub"]),
    ("q=扬尘 监测", ["sub"]),
    ("q=油烟", ["ld"]),
    ("q=化工园区", []),
])
def test_filters_are_those_of_the_ledger_page(api, world, ledger, query, expected):
    query = query.format(ld_gov=world.units["ld_gov"].pk, city=ledger.city.pk, plan=world.plan.pk,
                         inspection=world.inspection.pk)
    response = api("coord").get(f"{URL}?{query}")
    assert response.status_code == 200, response.json()
    names = {getattr(ledger, n).pk: n for n in ("ld", "qt", "city", "sub")}
    assert sorted(names[i] for i in ids(response)) == sorted(expected)


@pytest.mark.parametrize("ordering, expected", [
    ("deadline", ["ld", "qt", "sub", "city"]),
    ("-deadline", ["city", "sub", "qt", "ld"]),
    ("number", ["ld", "qt", "city", "sub"]),
    ("state,number", ["ld", "city", "sub", "qt"]),  # states in workflow order: 尚未启动 before 完成整改
])
def test_ordering(api, world, ledger, ordering, expected):
    names = {getattr(ledger, n).pk: n for n in ("ld", "qt", "city", "sub")}
    response = api("coord").get(f"{URL}?ordering={ordering}")
    assert [names[i] for i in ids(response)] == expected


def test_a_filter_value_that_does_not_exist_is_a_400_naming_the_filter(api, world, ledger):
    response = api("coord").get(f"{URL}?state=finished&deadline_after=tomorrow")
    assert response.status_code == 400
    assert set(response.json()) == {"state", "deadline_after"}


def test_pagination_with_page_size(api, world, ledger):
    first = api("coord").get(f"{URL}?page_size=3&ordering=number").json()
    assert first["count"] == 4 and len(first["results"]) == 3 and first["next"] and first["previous"] is None
    second = api("coord").get(first["next"]).json()
    assert [r["number"] for r in second["results"]] == ["3.1"]
    assert api("coord").get(f"{URL}?page=9").status_code == 404


def test_list_runs_a_fixed_number_of_queries_whatever_the_page_size(api, world, make_task,
                                                                     django_assert_max_num_queries):
    parent = make_task(units=("eco", "ndrc"), stages=[("一期", dt.date(2025, 1, 1))], category="staged")
    for _ in range(30):
        task = make_task(units=("eco", "ld_gov", "qt_gov"), parent=parent)
        task.domains.set(PollutionDomain.objects.filter(code__in=["air", "water"]))
    for username in ("coord", "ld_officer"):
        client = api(username)
        with django_assert_max_num_queries(8) as small:
            assert client.get(f"{URL}?page_size=2").status_code == 200
        with django_assert_max_num_queries(8) as large:
            assert len(client.get(f"{URL}?page_size=31&ordering=deadline&state=not_started").json()["results"]) > 2
        assert len(large.captured_queries) == len(small.captured_queries)


def test_create_through_the_service_with_audit(api, world):
    payload = {
        "plan": world.plan.pk, "number": "10", "target": "城区污水零直排", "measures": "雨污分流改造",
        "problem": world.problem.pk,
        "units": [world.units["ld_gov"].pk, world.units["eco"].pk], "division": "331102",
        "category": "by_deadline", "deadline": "2026-12-31", "domains": ["water"],
    }
    response = api("coord").post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    task = Task.objects.get(pk=response.json()["id"])
    assert task.lead_unit == world.units["ld_gov"] and task.division == world.div["ld"]
    assert [u.pk for u in task.ordered_units()] == payload["units"]
    entry = AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk)).get()
    assert entry.action == "task.create" and entry.actor_name == "coord" and entry.request_id
    # The new task is found by full-text search at once.
    assert ids(api("coord").get(f"{URL}?q=污水零直排")) == [task.pk]


def test_bad_input_names_each_field(api, world, ledger):
    response = api("coord").post(URL, {"plan": world.plan.pk, "units": [], "deadline": "明年",
                                       "domains": ["dust"], "category": "soon"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"number", "units", "deadline", "domains", "category"}


def test_service_validation_errors_are_400_with_the_field(api, world):
    # Nothing in the serializer knows that a by-deadline task needs a deadline: the action does.
    response = api("coord").post(URL, {"plan": world.plan.pk, "number": "11", "units": [world.units["eco"].pk],
                                       "problem": world.problem.pk, "target": "达标", "measures": "整治",
                                       "category": "by_deadline"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"deadline": ["限期整改任务必须有整改时限。"]}
    assert not Task.objects.filter(number="11").exists()


def test_patch_and_put(api, world, ledger):
    client = api("coord")
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"progress": 40, "state": "in_progress"}, format="json")
    assert response.status_code == 400 and "state" in response.json()  # a state is taken, not written
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"progress": 40}, format="json")
    assert response.status_code == 200 and response.json()["progress"] == 40
    assert response.json()["state"] == "in_progress"  # reporting progress takes the "start" transition
    full = client.get(f"{URL}{ledger.ld.pk}/").json()
    full.update(target="莲都区餐饮油烟在线监控", units=[world.units["ld_gov"].pk, world.units["ld_eco"].pk])
    response = client.put(f"{URL}{ledger.ld.pk}/", full, format="json")
    assert response.status_code == 200, response.json()
    ledger.ld.refresh_from_db()
    assert ledger.ld.target == "莲都区餐饮油烟在线监控" and ledger.ld.state == TaskState.IN_PROGRESS
    assert [u.name for u in ledger.ld.ordered_units()] == ["莲都区人民政府", "丽水市生态环境局莲都分局"]
    assert AuditEntry.objects.filter(object_type="ledger.task", object_id=str(ledger.ld.pk),
                                     action="task.update").count() == 2


def test_the_plan_of_a_task_does_not_change(api, world, ledger):
    from ducha.ledger.models import Plan

    other = Plan.objects.create(code="LS-2022", title="另一方案", division=world.div["ls"])
    response = api("coord").patch(f"{URL}{ledger.ld.pk}/", {"plan": other.pk}, format="json")
    assert response.status_code == 200 and response.json()["plan"] == world.plan.pk


def test_a_duplicate_number_in_the_plan_is_a_400_on_number(api, world, ledger):
    response = api("coord").patch(f"{URL}{ledger.ld.pk}/", {"number": "2"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["number"]


def test_responsible_unit_reports_progress_but_cannot_rewrite_the_task(api, world, ledger):
    client = api("ld_officer")
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"progress": 60, "progress_note": "已安装净化设施"},
                            format="json")
    assert response.status_code == 403  # progress is reported, not edited
    response = client.post("/api/reports/", {"task": ledger.ld.pk, "reported_on": dt.date.today().isoformat(),
                                             "percent": 60, "done": "已安装净化设施"}, format="json")
    assert response.status_code == 201
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"target": "无需整改", "deadline": "2030-01-01"},
                            format="json")
    assert response.status_code == 403 and "整改时限" in response.json()["detail"]
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"state": "signed_off"}, format="json")
    assert response.status_code == 400 and "state" in response.json()
    ledger.ld.refresh_from_db()
    assert (ledger.ld.target, ledger.ld.progress, ledger.ld.state) == ("莲都区餐饮油烟整治", 60, "in_progress")
    assert ledger.ld.progress_note == "已安装净化设施"
    # A PUT that repeats every field unchanged changes nothing; one that changes the progress is refused.
    full = client.get(f"{URL}{ledger.ld.pk}/").json()
    assert client.put(f"{URL}{ledger.ld.pk}/", full, format="json").status_code == 200
    full.update(progress=70)
    assert client.put(f"{URL}{ledger.ld.pk}/", full, format="json").status_code == 403


def test_supervisor_flags_a_task_and_the_flag_is_a_supervision_record(api, world, ledger):
    # Flags are supervision records (ducha.supervision): the task's history keeps its own changes only.
    response = api("supervisor").post(f"{URL}{ledger.qt.pk}/flag/", {"note": "进度与现场不符"}, format="json")
    assert response.status_code == 201
    assert (response.json()["issued_by"], response.json()["kind"], response.json()["state"]) == (
        "supervisor", "flag", "open")
    assert response.json()["tasks"] == [ledger.qt.pk]
    assert api("supervisor").post(f"{URL}{ledger.qt.pk}/flag/", {"note": ""}, format="json").json() == {
        "note": ["该字段不能为空。"]}
    # A claim is signed off only after the acceptance steps (ducha.signoff) and the notice period.
    assert api("coord").post(f"{URL}{ledger.qt.pk}/transitions/sign_off/", {}, format="json").status_code == 400
    from ducha.signoff.tests.helpers import to_notice_over
    to_notice_over(ledger.qt, world.users["qt_officer"], world.users["coord"], world.users["coord"])
    assert api("coord").post(f"{URL}{ledger.qt.pk}/transitions/sign_off/", {}, format="json").status_code == 200
    history = api("coord").get(f"{URL}{ledger.qt.pk}/history/").json()
    assert [h["action"] for h in history] == ["task.create", "task.claim", "task.apply", "task.pass_review",
                                              "task.onsite_check", "task.sign", "task.publish", "task.sign_off"]
    assert {"label": "整改状态", "before": "公示中", "after": "已销号"} in history[-1]["changes"]
    assert history[-1]["before"]["state"] == "in_notice" and history[-1]["after"]["state"] == "signed_off"


def test_history_of_a_task_out_of_reach_is_404(api, world, ledger):
    assert api("qt_officer").get(f"{URL}{ledger.ld.pk}/history/").status_code == 404


def test_a_put_may_repeat_a_parent_the_user_cannot_see(api, world, make_task):
    # The 莲都区 officer works on a sub-task of a city task led by another unit.
    city = make_task(units=("eco",), number="5")
    sub = make_task(units=("ld_gov",), division="ld", number="5-1", parent=city)
    client = api("ld_officer")
    assert client.get(f"{URL}{city.pk}/").status_code == 404
    full = client.get(f"{URL}{sub.pk}/").json()
    assert client.put(f"{URL}{sub.pk}/", full, format="json").status_code == 200
    # ...but may not point a task at one they cannot see.
    other = make_task(units=("qt_gov",), division="qt", number="6")
    response = api("ld_officer").patch(f"{URL}{sub.pk}/", {"parent": other.pk}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["parent"]


@pytest.mark.parametrize("username", ["coord", "ld_officer", "supervisor", "ld_leader"])
@pytest.mark.parametrize("query", ["", "q=扬尘", "state=not_started&ordering=-deadline", "overdue=true",
                                   "division=331102", "domain=air&ordering=number", "top_level=true"])
def test_the_api_and_the_ledger_page_list_the_same_tasks(api, client, world, ledger, username, query):
    import re

    from django.urls import reverse

    client.force_login(world.users[username])
    html = client.get(reverse("ledger:task_list") + "?" + query).content.decode()
    page_ids = [int(pk) for pk in re.findall(r'data-task-id="(\d+)"', html)]
    assert ids(api(username).get(f"{URL}?{query}")) == page_ids


def test_invisible_characters_do_not_reach_a_task(api, world, ledger):
    """A right-to-left override in 整改目标 showed the target reversed in the ledger, its exports and bulletins;
    a zero-width space inside 污水 hid the task from a search for 污水."""
    client = api("coord")
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"target": "\u202e餐饮油烟\u200b整治到位\x07",
                                                      "measures": "安装\u2066在线监控\u2069\r\n定期检查"}, format="json")
    assert response.status_code == 200, response.json()
    ledger.ld.refresh_from_db()
    assert (ledger.ld.target, ledger.ld.measures) == ("餐饮油烟整治到位", "安装在线监控\n定期检查")
    assert ids(client.get(f"{URL}?q=油烟整治")) == [ledger.ld.pk]
    response = client.patch(f"{URL}{ledger.ld.pk}/", {"target": "\u202e\u200b"}, format="json")
    assert response.status_code == 400 and "target" in response.json()
