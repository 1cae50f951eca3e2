"""A ledger row whose 整改状态 the importing user cannot reach by the declared transitions: refused on its
own row and in the 整改状态 column, in the preview as in the commit, with nothing written. (The commit
raised the refusal out of the import; a batch's refusal was reported on the wrong row; and a claimed task
set back to 正在整改 was refused as "进度应为 100%", hiding the real reason.)"""

import io

import pytest

from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Category, Task, TaskState

MEASURES = "开展扬尘污染专项整治，修复破损污水管网"
HEADER = ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限", "整改状态", "进度"]


def _task(make_task, number, state, progress):
    return make_task(number=number, target="完成整改", measures=MEASURES, deadline_text="2022年底前",
                     category=Category.BY_DEADLINE, state=state, progress=progress)


def _row(world, number, state, progress):
    return [number, world.problem.description, "完成整改", MEASURES, "丽水市生态环境局", "2022年底前", state, progress]


def _import(world, sheet, dry_run):
    return import_ledger(acting_user=world.users["coord"], plan_code=world.plan.code, file=io.BytesIO(sheet),
                         dry_run=dry_run, create_units=False)


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_claimed_task_set_back_to_in_progress_by_a_sheet_is_refused_naming_the_return(
        world, make_task, ledger_xlsx, dry_run):
    """Returning a unit's claim needs the office's written reason: the row says where that is done, not
    that the progress should be 100 %."""
    claimed = _task(make_task, "1", TaskState.COMPLETED, 100)
    report = _import(world, ledger_xlsx([HEADER, _row(world, "1", "正在整改", "80")]), dry_run)
    assert not report.ok
    [error] = report.errors
    assert (error.row, error.column) == (2, "整改状态")
    assert "退回完成申报" in error.reason and "写明理由" in error.reason
    claimed.refresh_from_db()
    assert (claimed.state, claimed.progress) == (TaskState.COMPLETED, 100)


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_unreachable_state_is_refused_on_its_own_row_in_a_batch(world, make_task, ledger_xlsx, dry_run):
    """Row 2 is a valid change, row 3 asks for 尚未启动 on a task already in progress (no transition leads
    back): the refusal names row 3, and neither row is written."""
    first = _task(make_task, "1", TaskState.IN_PROGRESS, 20)
    second = _task(make_task, "2", TaskState.IN_PROGRESS, 30)
    report = _import(world, ledger_xlsx([HEADER, _row(world, "1", "正在整改", "60"),
                                         _row(world, "2", "尚未启动", "0")]), dry_run)
    assert [(e.row, e.column) for e in report.errors] == [(3, "整改状态")]
    assert "没有可由您执行的流转" in report.errors[0].reason
    assert list(Task.objects.filter(pk__in=[first.pk, second.pk]).order_by("number")
                .values_list("state", "progress")) == [(TaskState.IN_PROGRESS, 20), (TaskState.IN_PROGRESS, 30)]


def test_a_reachable_state_in_the_same_sheet_still_moves_the_task(world, make_task, ledger_xlsx):
    task = _task(make_task, "1", TaskState.IN_PROGRESS, 20)
    report = _import(world, ledger_xlsx([HEADER, _row(world, "1", "完成整改", "")]), False)
    assert report.ok, report.errors
    task.refresh_from_db()
    assert (task.state, task.progress) == (TaskState.COMPLETED, 100)
