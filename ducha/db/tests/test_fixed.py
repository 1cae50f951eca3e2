"""ducha.db.fixed: a read compiled once gives what the ORM gives, for any list of ids, on either database."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.db.fixed import FixedQuery
from ducha.ledger.models import Task, TaskStage, TaskUnit

STAGES = FixedQuery(lambda ids: TaskStage.objects.filter(task_id__id_list=ids).order_by("task_id", "position")
                    .values_list("task_id", "name", "due"))
TASKS = FixedQuery(lambda ids: Task.objects.filter(pk__id_list=ids).order_by("id")
                   .values("pk", "number", "deadline", "updated_at", "lead_unit__name", "plan__code"))
UNIT_IDS = FixedQuery(lambda ids: TaskUnit.objects.filter(task_id__id_list=ids).order_by("task_id", "position")
                      .values_list("unit_id", flat=True))


@pytest.fixture
def tasks(make_task):
    made = [make_task(units=("eco", "ld_gov"), deadline=dt.date(2026, 6, 30),
                      stages=[("摸底排查", dt.date(2026, 3, 31)), ("完成整改", dt.date(2026, 6, 30))])]
    made += [make_task(deadline=dt.date(2025, 1, i)) for i in range(1, 6)]
    return made


def test_rows_as_the_orm_reads_them(tasks):
    ids = [t.pk for t in tasks]
    orm = list(Task.objects.filter(pk__in=ids).order_by("id")
               .values("pk", "number", "deadline", "updated_at", "lead_unit__name", "plan__code"))
    assert TASKS(ids) == orm
    assert isinstance(orm[0]["deadline"], dt.date) and orm[0]["updated_at"].tzinfo is not None
    assert STAGES(ids) == list(TaskStage.objects.filter(task_id__in=ids).order_by("task_id", "position")
                               .values_list("task_id", "name", "due"))
    assert STAGES(ids)[0][2] == dt.date(2026, 3, 31)
    lead_first = UNIT_IDS(ids[:1])
    assert len(lead_first) == 2 and lead_first[0] == tasks[0].lead_unit_id


def test_one_sql_text_for_any_number_of_ids(tasks):
    ids = [t.pk for t in tasks]
    with CaptureQueriesContext(connection) as queries:
        one, some, all_ = TASKS(ids[:1]), TASKS(ids[1:4]), TASKS(ids)
        missing = TASKS([max(ids) + 1000])
    assert [r["pk"] for r in one] == ids[:1] and [r["pk"] for r in some] == ids[1:4]
    assert [r["pk"] for r in all_] == ids and missing == []
    texts = {q["sql"].split(" WHERE ")[0] for q in queries.captured_queries}
    assert len(queries.captured_queries) == 4 and len(texts) == 1


def test_no_ids_no_query(tasks):
    with CaptureQueriesContext(connection) as queries:
        assert TASKS([]) == []
    assert not queries.captured_queries


@pytest.mark.parametrize("bad", [["1"], [1.0], ["1) OR 1=1 --"], [None], [True]])
def test_ids_must_be_integers(tasks, bad):
    with pytest.raises(TypeError):
        TASKS([tasks[0].pk, *bad])
    with pytest.raises(TypeError):
        list(Task.objects.filter(pk__id_list=bad))


def test_the_lookup_also_serves_an_ordinary_queryset(tasks):
    ids = [tasks[1].pk, tasks[3].pk]
    assert sorted(Task.objects.filter(pk__id_list=ids).values_list("pk", flat=True)) == sorted(ids)


def test_a_query_that_does_not_take_the_ids_once_is_refused(tasks):
    twice = FixedQuery(lambda ids: Task.objects.filter(pk__id_list=ids, parent_id__id_list=ids).values("pk"))
    never = FixedQuery(lambda ids: Task.objects.filter(pk__gt=0).values("pk"))
    objects = FixedQuery(lambda ids: Task.objects.filter(pk__id_list=ids))
    for query, error in ((twice, ValueError), (never, ValueError), (objects, TypeError)):
        with pytest.raises(error):
            query([tasks[0].pk])
