"""Stages a sheet cannot state survive a round trip: exporting a staged or
long-term task and importing the file back leaves the task as it was."""

import datetime as dt
import io

from ducha.ledger.exporting import export_ledger
from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Category, Task

STAGES = [("2021年底前完成专题学习", dt.date(2021, 12, 31)), ("每年开展一次整改“回头看”", dt.date(2026, 12, 31))]


def _roundtrip(world, tasks):
    out = io.BytesIO()
    export_ledger(Task.objects.filter(pk__in=[t.pk for t in tasks]).order_by("id"), out)
    return import_ledger(acting_user=world.users["coord"], plan_code=world.plan.code, file=io.BytesIO(out.getvalue()),
                         dry_run=False, create_units=False)


def _stages(task):
    return [(s.name, s.due) for s in task.stages.all()]


def test_long_term_and_staged_tasks_keep_their_stages_through_export_and_import(world, make_task):
    long_term = make_task(category=Category.LONG_TERM, deadline=None, deadline_text="长期坚持", stages=STAGES)
    staged = make_task(category=Category.STAGED, deadline=dt.date(2026, 12, 31), deadline_text="2026年底前",
                       stages=STAGES)
    report = _roundtrip(world, [long_term, staged])
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert _stages(long_term) == STAGES and _stages(staged) == STAGES


def test_a_plain_date_under_a_by_deadline_category_still_clears_old_stages(world, make_task, ledger_xlsx):
    task = make_task(category=Category.STAGED, deadline=dt.date(2026, 12, 31), stages=STAGES)
    sheet = ledger_xlsx([["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限", "整改类别"],
                         [task.number, "扬尘", "完成整改", "整治", "丽水市生态环境局", dt.date(2027, 6, 30), "限期整改"]])
    report = import_ledger(acting_user=world.users["coord"], plan_code=world.plan.code, file=io.BytesIO(sheet),
                           dry_run=False, create_units=False)
    assert report.ok, report.errors
    task.refresh_from_db()
    assert task.category == Category.BY_DEADLINE and _stages(task) == []
