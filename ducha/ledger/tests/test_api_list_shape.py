"""The task list API's fast path: each row is what the detail endpoint says
about that task, and the page is picked from the task table before any
related row is loaded (issue 2, performance)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.ledger.models import Plan, PollutionDomain, Problem, TaskState

URL = "/api/tasks/"


@pytest.fixture
def varied(world, make_task):
    """Tasks exercising every field: co-units, stages, domains, a problem, no
    deadline, a completion date, a county sub-task of a city task, a hidden child."""
    problem = Problem.objects.create(inspection=world.inspection, code="7", division=world.div["ls"],
                                     description="丽水市区部分建筑工地扬尘管控不力，渣土车未密闭运输问题突出，群众反映强烈")
    city = make_task(units=("eco", "ld_gov", "qt_gov"), number="7", problem=problem, category="staged",
                     stages=[("一期", dt.date(2025, 6, 30)), ("二期", dt.date(2026, 12, 31))],
                     deadline=dt.date(2026, 12, 31),
                     supervising_unit=world.units["office"], acceptance_unit=world.units["eco"],
                     responsible_people="张三", supervising_leader="李四", deadline_text="2026年底前")
    city.domains.set(PollutionDomain.objects.filter(code__in=["air", "water"]))
    county_plan = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"],
                                      inspection=world.inspection, parent=world.plan)
    make_task(units=("ld_gov",), plan=county_plan, number="3", parent=city, division="ld", deadline=None,
              category="long_term", state=TaskState.COMPLETED, progress=100, completed_on=dt.date(2024, 5, 1),
              progress_note="已完成")
    make_task(units=("qt_gov",), number="7.2", parent=city, division="qt")  # not the 莲都 officer's
    make_task(units=("ld_gov", "eco"), number="8", division="ld", deadline=dt.date(2030, 1, 1),
              state=TaskState.IN_PROGRESS, progress=40)
    return city


@pytest.mark.parametrize("username", ["admin", "coord", "ld_officer"])
def test_each_listed_row_is_the_detail_representation(api, varied, username):
    client = api(username)
    rows = client.get(f"{URL}?page_size=50").json()["results"]
    assert len(rows) >= 2
    for row in rows:
        detail = client.get(f"{URL}{row['id']}/").json()
        assert list(row) == list(detail)  # same fields, same order
        assert row == detail


def test_the_list_keeps_the_documented_county_number_and_visible_children(api, varied):
    rows = {r["number"]: r for r in api("ld_officer").get(URL).json()["results"]}
    assert rows["3"]["display_number"] == "3（上级序号7）"
    assert rows["7"]["children"] == [rows["3"]["id"]]  # 7.2 (青田县) is out of the officer's sight
    assert [u["name"] for u in rows["7"]["co_units"]] == ["莲都区人民政府", "青田县人民政府"]
    assert rows["7"]["stages"] == [{"name": "一期", "due": "2025-06-30"}, {"name": "二期", "due": "2026-12-31"}]


def _list_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.json(), [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("query", ["", "&q=扬尘", "&state=not_started&ordering=-deadline"])
def test_the_page_is_picked_by_id_then_its_rows_are_loaded_by_id(api, world, make_task, query):
    for n in range(12):
        make_task(units=("eco", "ld_gov"), number=f"9.{n}", deadline=dt.date(2025, 1, 1 + n))
    body, sql = _list_queries(api("coord"), f"{URL}?page_size=5{query}")
    assert body["count"] == 12 and len(body["results"]) == 5
    ordered = [s for s in sql if 'FROM "ledger_task" ' in s and " LIMIT " in s]
    assert len(ordered) == 1, sql
    # The sorted, limited query selects ids only and joins none of the tables the rows show.
    assert re.match(r'SELECT "ledger_task"\."id"( AS "pk")? FROM "ledger_task" ', ordered[0])
    assert not any(table in ordered[0] for table in ('"ledger_plan"', '"ledger_problem"', '"jurisdictions_unit"'))
    loads = [s for s in sql if 'INNER JOIN "ledger_plan"' in s]
    assert len(loads) == 1 and "LIMIT" not in loads[0]
    page_ids = {row["id"] for row in body["results"]}
    assert all(str(pk) in loads[0] for pk in page_ids)


def test_the_number_of_queries_does_not_grow_with_the_page_size(api, world, make_task):
    for n in range(20):
        task = make_task(units=("eco", "ld_gov", "qt_gov"), number=f"5.{n}",
                         stages=[("一期", dt.date(2025, 1, 1))], category="staged")
        task.domains.set(PollutionDomain.objects.filter(code__in=["air", "water"]))
    client = api("ld_officer")
    small, small_sql = _list_queries(client, f"{URL}?page_size=1&q=扬尘")
    large, large_sql = _list_queries(client, f"{URL}?page_size=20&q=扬尘")
    assert len(small["results"]) == 1 and len(large["results"]) == 20
    assert len(large_sql) == len(small_sql) <= 7
