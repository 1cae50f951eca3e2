"""The committed import goes through the task actions in batches: audit content as for one task, the same
rules, search kept right, a fixed number of queries."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry
from ducha.audit.snapshot import snapshot
from ducha.core.actions import BatchErrors
from ducha.db import bulk
from ducha.ledger import actions
from ducha.ledger.actions.common import SearchTexts, task_relations
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import PollutionDomain, Problem, Task
from ducha.ledger.search import search_tasks

HEAD = ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限", "污染领域"]
STAGED = "2021年底前取得阶段性成效，2023年12月底前全面完成"


def snapshot_of(task):
    return task_relations(pk=task.pk).snapshot(task)


def search_text_of(task):
    return SearchTexts()(task, task.ordered_units(), task.problem.description if task.problem_id else
                         (task.parent.problem.description if task.parent_id and task.parent.problem_id else ""))


def run(world, content, user="coord", **kwargs):
    return import_ledger(acting_user=world.users[user], plan_code="LS-2021", file=io.BytesIO(content),
                         dry_run=False, create_units=False, **kwargs)


def _rows(count):
    return [HEAD] + [[str(i), f"问题{i}：建筑工地扬尘", "完成整治", "开展专项整治", "丽水市生态环境局、莲都区人民政府", "2022年6月", "大气、水"]
                     for i in range(1, count + 1)]


def test_each_created_object_is_audited_with_the_snapshot_the_single_row_service_writes(world, ledger_xlsx):
    content = ledger_xlsx([HEAD,
                           ["1", "扬尘", "扬尘达标", "整治", "丽水市生态环境局、各县（市、区）", STAGED, "大气、噪声"],
                           ["2", "污水", "管网完好", "修复管网", "丽水市发展和改革委员会", dt.date(2022, 6, 30), "水"],
                           ["3", "扬尘", "裸土复绿", "复绿", "莲都区政府", "立行立改，长期坚持", ""]])
    report = run(world, content)
    assert report.ok and report.created == 5
    for task in Task.objects.all():
        entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(task.pk))
        assert (entry.action, entry.actor_name, entry.object_repr) == ("task.create", "coord", str(task)[:255])
        assert entry.after == snapshot_of(task)
        assert task.search_text == search_text_of(task)
    assert Task.objects.get(number="1-2").parent == Task.objects.get(number="1")
    assert [s["name"] for s in AuditEntry.objects.get(object_id=str(Task.objects.get(number="1").pk),
                                                      object_type="ledger.task").after["stages"]] == [
        "2021年底前取得阶段性成效", "2023年12月底前全面完成"]
    assert Problem.objects.exclude(pk=world.problem.pk).count() == 2  # 扬尘 is one problem for rows 1, 1-1, 1-2, 3
    for problem in Problem.objects.exclude(pk=world.problem.pk):
        entry = AuditEntry.objects.get(object_type="ledger.problem", object_id=str(problem.pk))
        assert entry.after == snapshot(problem)
    assert audit.verify().ok


def test_an_updated_row_is_audited_with_before_and_after_like_update_task(world, ledger_xlsx):
    rows = [HEAD, ["1", "扬尘", "扬尘达标", "整治", "丽水市生态环境局", "2022年6月", "大气"],
            ["2", "污水", "管网完好", "修复管网", "丽水市发展和改革委员会", STAGED, "水"]]
    run(world, ledger_xlsx(rows))
    task = Task.objects.get(number="2")
    before = snapshot_of(task)
    rows[2][3:] = ["加快污水管网建设", "丽水市生态环境局、丽水市发展和改革委员会", "2023年3月", "水、土壤"]
    report = run(world, ledger_xlsx(rows))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    task.refresh_from_db()
    entry = AuditEntry.objects.filter(object_type="ledger.task", object_id=str(task.pk)).last()
    assert entry.action == "task.update" and entry.before == before and entry.after == snapshot_of(task)
    assert entry.after["version"] == before["version"] + 1
    assert task.search_text == search_text_of(task)
    assert entry.after["units"] == [world.units["eco"].pk, world.units["ndrc"].pk]
    assert task.deadline == dt.date(2023, 3, 31) and task.lead_unit == world.units["eco"]
    # The sheet now gives a plain date: the task is no longer staged and its old stages are gone.
    assert len(before["stages"]) == 2 and entry.after["stages"] == []
    assert not task.stages.exists()
    assert sorted(task.domains.values_list("name", flat=True)) == ["土壤", "水"]
    assert task.updated_at > task.created_at
    assert audit.verify().ok


@pytest.mark.parametrize("word", ["扬尘", "管网"])
def test_imported_and_reimported_rows_are_found_by_a_two_character_word(world, ledger_xlsx, word):
    rows = [HEAD, ["1", "工地扬尘", "达标", "开展专项整治", "丽水市生态环境局", "2022年6月", "大气"],
            ["2", "污水", "完好", "修复破损污水管网", "丽水市生态环境局", "2022年6月", "水"]]
    assert run(world, ledger_xlsx(rows)).ok
    expected = {"扬尘": "1", "管网": "2"}[word]
    assert [t.number for t in search_tasks(Task.objects.all(), word)] == [expected]
    rows[2][3] = "推进雨污分流"  # the update must take 管网 out of the index
    assert run(world, ledger_xlsx(rows)).updated == 1
    assert [t.number for t in search_tasks(Task.objects.all(), "雨污")] == ["2"]
    assert [t.number for t in search_tasks(Task.objects.all(), word)] == (["1"] if word == "扬尘" else [])


def test_a_ledger_longer_than_one_insert_statement_is_written_whole_and_found_by_search(world, ledger_xlsx,
                                                                                      monkeypatch):
    monkeypatch.setattr(bulk, "SQLITE_ROWS", 7)  # SQLite: tasks in statements of 7, the last one shorter
    rows = _rows(23)
    rows[23][3] = "推进雨污分流"  # the last row, in the last statement
    report = run(world, ledger_xlsx(rows))
    assert report.ok and report.created == 23
    assert sorted(int(t.number) for t in search_tasks(Task.objects.all(), "扬尘")) == list(range(1, 24))
    assert [t.number for t in search_tasks(Task.objects.all(), "雨污")] == ["23"]
    assert audit.verify().ok


def test_commit_query_count_does_not_grow_with_rows(world, ledger_xlsx):
    def queries(count, plan_code):
        content = ledger_xlsx(_rows(count))
        with CaptureQueriesContext(connection) as ctx:
            report = import_ledger(acting_user=world.users["coord"], plan_code=plan_code, file=io.BytesIO(content),
                                   dry_run=False, create_units=False)
        assert report.ok and report.created == count
        return len(ctx.captured_queries)

    assert queries(30, "A-1") == queries(3, "A-2")
    assert Task.objects.filter(plan__code="A-1").count() == 30 and audit.verify().ok


def test_create_tasks_refuses_every_bad_draft_and_writes_nothing(world):
    eco, qt_gov = world.units["eco"], world.units["qt_gov"]

    def draft(number, units=(eco,), domains=None, stages=None, **fields):
        fields = {"number": number, "deadline": dt.date(2022, 6, 30), "problem": world.problem, "target": "达标",
                  "measures": "整治", **fields}
        return actions.TaskDraft(units=list(units), fields=fields, domains=domains, stages=stages)

    drafts = [draft("1"), draft("2", division=world.div["qt"], units=(qt_gov,)), draft("3", units=()),
              draft("4", progress=120), draft("5", deadline=None), draft("6", units=(eco, eco)),
              draft("7", division=world.div["wz"]), draft("1")]
    with pytest.raises(BatchErrors) as caught:
        actions.create_tasks(acting_user=world.users["coord"], plan=world.plan, drafts=drafts)
    refused = {i: getattr(e, "message_dict", str(e)) for i, e in caught.value.errors}
    assert refused == {2: {"units": ["至少需要一个责任单位（第一个为牵头单位）。"]}, 3: {"progress": ["进度应在 0 到 100 之间。"]},
                       4: {"deadline": ["限期整改任务必须有整改时限。"]}, 5: {"units": ["责任单位重复。"]},
                       6: "无权在温州市新建整改任务。", 7: {"number": ["本方案中已有序号为“1”的任务。"]}}
    assert not Task.objects.exists() and not AuditEntry.objects.exists()
    air, noise = PollutionDomain.objects.get(code="air"), PollutionDomain.objects.get(code="noise")
    parent = draft("1", units=(eco, qt_gov), domains=[noise, air, air])
    child = draft("1-1", units=(qt_gov,), parent=parent, division=world.div["qt"], category="staged",
                  stages=[("取得阶段性成效", dt.date(2021, 12, 31))], problem=None)
    created = actions.create_tasks(acting_user=world.users["coord"], plan=world.plan, drafts=[child, parent])
    assert [t.number for t in created] == ["1-1", "1"]
    assert created[0].parent_id == created[1].pk and created[1].lead_unit == eco
    assert created[1].division == world.div["ls"]
    assert sorted(created[1].domains.values_list("code", flat=True)) == ["air", "noise"]
    assert [(s.name, s.due) for s in created[0].stages.all()] == [("取得阶段性成效", dt.date(2021, 12, 31))]
    for task in created:
        entry = AuditEntry.objects.get(object_type="ledger.task", object_id=str(task.pk))
        assert entry.after == snapshot_of(task)


def test_update_tasks_refuses_tasks_the_user_may_not_change(world, make_task):
    mine, theirs = make_task(number="1", units=("ld_gov",), division="ld"), make_task(number="2", units=("qt_gov",),
                                                                                      division="qt")
    drafts = [actions.TaskDraft(fields={"progress_note": "新进展"}, task=t) for t in (mine, theirs)]
    count = AuditEntry.objects.count()
    with pytest.raises(BatchErrors) as caught:
        actions.update_tasks(acting_user=world.users["ld_officer"], drafts=drafts)
    # Its own task: a unit changes no field of a task (it files progress reports); the other: out of reach.
    errors = dict(caught.value.errors)
    assert sorted(errors) == [0, 1] and "完成情况" in str(errors[0]) and "无权" in str(errors[1])
    assert Task.objects.get(pk=mine.pk).progress_note != "新进展" and AuditEntry.objects.count() == count
