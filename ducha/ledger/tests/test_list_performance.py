"""The shape of the ledger's performance fixes (benchmarks/bench_ledger.py
measures the times): the unit filter's choices are found once and without
reading every task, state filters add no DISTINCT, PostgreSQL search uses
its GIN index, and the quick select widget renders Django's markup."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ducha.ledger.models import Task, TaskState
from ducha.ledger.search import search_tasks
from ducha.ledger.views.common import QuickSelect

TASK_TABLE = re.compile(r'"ledger_task"|ledger_task\b(?!_)')


def unit_options(html):
    select = re.search(r'<select name="unit".*?</select>', html, re.S).group(0)
    return {int(v) for v in re.findall(r'<option value="(\d+)"', select)}


def test_unit_filter_for_an_admin_lists_units_with_tasks_without_reading_tasks(client, world, make_task):
    led = make_task(units=("ld_gov", "eco"), division="ld", state=TaskState.IN_PROGRESS, progress=10)
    make_task(units=("ld_gov",), division="ld", state=TaskState.NOT_STARTED)
    make_task(units=("qt_gov",), division="qt", state=TaskState.IN_PROGRESS, progress=10)
    client.force_login(world.users["admin"])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("ledger:task_list"), {"unit": world.units["eco"].pk, "state": "in_progress"})
    html = response.content.decode()
    assert re.findall(r'data-task-id="(\d+)"', html) == [str(led.pk)]
    units = world.units
    assert unit_options(html) == {units["ld_gov"].pk, units["eco"].pk, units["qt_gov"].pk}
    assert f'<option value="{units["eco"].pk}" selected>' in html
    unit_queries = [q["sql"] for q in captured.captured_queries if 'FROM "jurisdictions_unit"' in q["sql"]]
    # The user's own unit, the units with tasks, validating the choice, listing the options.
    assert len(unit_queries) <= 4
    assert not [sql for sql in unit_queries if TASK_TABLE.search(sql)]
    assert not [q for q in captured.captured_queries if 'SELECT DISTINCT "ledger_task"' in q["sql"]]


def test_unit_filter_for_a_coordinator_still_lists_only_units_of_visible_tasks(client, world, make_task):
    make_task(units=("ld_gov",), division="ld")
    client.force_login(world.users["wz_coord"])  # 温州: none of 丽水's tasks
    html = client.get(reverse("ledger:task_list")).content.decode()
    assert unit_options(html) == set()
    client.force_login(world.users["coord"])
    html = client.get(reverse("ledger:task_list")).content.decode()
    assert unit_options(html) == {world.units["ld_gov"].pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN index is PostgreSQL's")
def test_postgresql_phrase_search_uses_the_stored_vector_index(world, make_task):
    task = make_task(measures="全面排查修复破损污水管网")
    queryset = search_tasks(Task.objects.all(), "污水管网")
    assert list(queryset) == [task]
    with connection.cursor() as cursor:
        # A table this small would be scanned; forbid scans to see which index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.order_by().explain()
    assert "task_search_gin" in plan


def test_quick_select_renders_the_markup_of_django_select():
    choices = [("", "全部"), ("1", "莲都区<人民政府>"), ("2", "青田县"), ("组", [("3", "甲"), ("4", "乙&丙")])]
    squash = lambda html: re.sub(r">\s+<", "><", html)  # noqa: E731
    for value in ("", "2", "4", None, "<x>"):
        expected = forms.Select(choices=choices, attrs={"class": "form-select"}).render("unit", value, {"id": "u"})
        quick = QuickSelect(choices=choices, attrs={"class": "form-select"}).render("unit", value, {"id": "u"})
        assert squash(quick) == squash(expected)


def test_several_colours_filter_as_one_in_list_over_the_live_warning_index(client, world, make_task):
    """`warning IN (…)`, not one `=` per colour ORed: PostgreSQL 15 can seek its index only with IN.
    And (SQLite) the list's count of live tasks by colour is answered by the partial index alone."""
    red = make_task(units=("ld_gov",), division="ld")
    Task.objects.filter(pk=red.pk).update(warning="red")
    client.force_login(world.users["admin"])
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("ledger:task_list"), {"warning": ["yellow", "red"], "ordering": "warning"})
    assert [t.pk for t in page.context["tasks"]] == [red.pk]
    counts = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT COUNT(*)")
              and '"ledger_task"."warning"' in q["sql"]]
    assert counts and all('"ledger_task"."warning" IN (' in sql for sql in counts)
    if connection.vendor == "sqlite":  # PostgreSQL picks any index for a table of one row
        live = Task.objects.filter(voided_at__isnull=True, warning__in=["red", "yellow"])
        assert "COVERING INDEX task_live_warning_idx" in live.order_by().values("id").explain()


def test_an_officers_tasks_are_one_in_list_over_the_task_key(world, make_task):
    """An officer sees the tasks of its unit (and sub-units) and the tasks it accepts (验收单位), and the
    task table is sought by key: ORed with the acceptance-unit column, the scope made both databases read
    every task for each officer list (180–225 ms at 100,000 tasks; BENCHMARKS.md, 2026-12-01)."""
    own = make_task(units=("eco",), division="ls")
    sub_unit = make_task(units=("ld_eco",), division="ld")
    accepted = make_task(units=("qt_gov",), division="qt", acceptance_unit=world.units["eco"])
    make_task(units=("qt_gov",), division="qt")
    officer = world.users["eco_officer"]
    assert set(Task.objects.restrict(officer)) == {own, sub_unit, accepted}
    assert set(Task.objects.restrict(officer, "change")) == {own}
    queryset = Task.objects.restrict(officer).filter(voided_at__isnull=True).order_by().values("id")
    # One key list, so the task table is sought by id (the plans on few rows prove nothing: bench_warnings
    # --only officer measures it at scale).
    sql = str(queryset.query)
    assert sql.count('"ledger_task"."id" IN (') == 1 and " UNION " in sql
    assert 'OR "ledger_task"."acceptance_unit_id"' not in sql
