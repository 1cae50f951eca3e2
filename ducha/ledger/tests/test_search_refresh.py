"""The search text follows what it is made of beyond the task's own fields: a problem's new description, a
unit's new name, and `ducha tasks reindex` after the tokeniser changes (texts stored before stay as they
were until then)."""

import io

from django.core.management import call_command

from ducha.ledger import actions
from ducha.ledger.models import Task
from ducha.ledger.search import search_tasks


def _found(query):
    return set(search_tasks(Task.objects.all(), query))


def test_a_problem_reworded_finds_its_tasks_and_their_sub_tasks_by_the_new_words(world, make_task):
    problem = actions.create_problem(acting_user=world.users["admin"], inspection=world.problem.inspection,
                                     division=world.problem.division, description="城区餐饮油烟扰民")
    task = make_task(problem=problem)
    sub_task = make_task(parent=task, division="ld", units=("ld_gov",))
    other = make_task()
    assert _found("油烟") == {task, sub_task}
    actions.update_problem(acting_user=world.users["admin"], problem=problem, description="城区夜间施工噪声扰民")
    assert _found("噪声") == {task, sub_task}
    assert _found("油烟") == set()
    other.refresh_from_db()
    assert "噪声" not in other.search_text


def test_a_unit_renamed_finds_its_tasks_by_the_new_name(world, make_task):
    task = make_task(units=("ndrc", "eco"))
    unit = world.units["ndrc"]
    unit.name = "丽水市数据资源管理局"  # a department renamed in a reorganisation, through the admin
    unit.save()
    assert _found("数据资源") == {task}


def test_reindex_rewrites_only_texts_that_differ(world, make_task):
    dust = make_task(measures="开展建筑工地扬尘污染专项整治")
    sewer = make_task(measures="全面排查修复破损污水管网")
    Task.objects.filter(pk=dust.pk).update(search_text="")  # stored before the tokeniser changed
    assert _found("扬尘") == set()
    out = io.StringIO()
    call_command("tasks", "reindex", stdout=out)
    assert "已更新 1 条" in out.getvalue()
    assert _found("扬尘") == {dust} and _found("管网") == {sewer}
    again = io.StringIO()
    call_command("tasks", "reindex", "--plan", world.plan.code, stdout=again)
    assert "已更新 0 条" in again.getvalue()
