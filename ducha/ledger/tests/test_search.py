import pytest
from django.db import connection

from ducha.ledger.models import Task
from ducha.ledger.search import search_tasks


def test_chinese_full_text_search_finds_two_and_four_character_words(world, make_task):
    dust = make_task(measures="开展建筑工地扬尘污染专项整治")
    sewer = make_task(measures="全面排查修复破损污水管网，推进雨污分流")
    other = make_task(measures="关停不锈钢企业落后产能", target="淘汰落后产能")
    found = lambda q: set(search_tasks(Task.objects.all(), q))  # noqa: E731
    assert found("扬尘") == {dust}
    assert found("管网") == {sewer}
    assert found("污水管网") == {sewer}
    assert found("雨污分流 管网") == {sewer}
    assert found("落后产能") == {other}
    assert found("污水处理") == set()
    assert found("扬") == {dust}


def test_search_follows_edits(world, make_task):
    from ducha.ledger import actions

    task = make_task(measures="整治扬尘")
    actions.update_task(acting_user=world.users["admin"], task=task, measures="整治油烟")
    assert not search_tasks(Task.objects.all(), "扬尘").exists()
    assert list(search_tasks(Task.objects.all(), "油烟")) == [task]


def test_search_by_unit_name(world, make_task):
    task = make_task(units=("ndrc", "eco"))
    assert list(search_tasks(Task.objects.all(), "发展和改革")) == [task]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL keeps the vectors in their own table")
def test_postgresql_search_table_follows_the_text_and_nothing_else(world, make_task):
    from ducha.text.search import index_text

    task = make_task(measures="全面排查修复破损污水管网")
    assert list(search_tasks(Task.objects.all(), "污水管网")) == [task]

    def vector_writes():
        with connection.cursor() as cursor:
            cursor.execute("SELECT n_tup_ins + n_tup_upd FROM pg_stat_xact_user_tables "
                           "WHERE relname = 'ledger_task_search'")
            return cursor.fetchone()[0]

    before = vector_writes()
    assert before >= 1  # the insert wrote the task's vector
    Task.objects.filter(pk=task.pk).update(progress=30, search_text=task.search_text)  # text set, not changed
    assert vector_writes() == before
    assert list(search_tasks(Task.objects.all(), "污水管网")) == [task]
    Task.objects.filter(pk=task.pk).update(search_text=index_text("整治城市黑臭水体"))
    assert list(search_tasks(Task.objects.all(), "污水管网")) == []
    assert list(search_tasks(Task.objects.all(), "黑臭水体")) == [task]
    pk = task.pk
    task.delete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM ledger_task_search WHERE task_id = %s", [pk])
        assert cursor.fetchone()[0] == 0
