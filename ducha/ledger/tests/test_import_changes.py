"""The import preview says what an update would change, so a sheet whose
numbers collide with another ledger's cannot silently overwrite its tasks."""

import io

from ducha.ledger.importing import import_ledger
from ducha.ledger.models import Category

CHANGES = "变更内容"


def test_updated_rows_name_the_columns_they_change(world, make_task, ledger_xlsx):
    make_task(number="1", target="完成整改", measures="开展扬尘污染专项整治，修复破损污水管网",
              deadline_text="2022年底前", category=Category.BY_DEADLINE)
    make_task(number="2", target="完成整改", measures="开展扬尘污染专项整治，修复破损污水管网",
              deadline_text="2022年底前", category=Category.BY_DEADLINE)
    problem = world.problem.description  # both tasks' problem, so it is no change
    sheet = ledger_xlsx([
        ["序号", "问题", "整改目标", "整改措施", "责任单位", "整改时限"],
        ["1", problem, "完成整改", "开展扬尘污染专项整治，修复破损污水管网", "丽水市生态环境局", "2022年底前"],
        ["2", problem, "矿山复绿", "开展扬尘污染专项整治，修复破损污水管网", "丽水市发展和改革委员会", "2022年底前"],
        ["3", problem, "新任务", "新措施", "丽水市生态环境局", "2023年底前"],
    ])
    report = import_ledger(acting_user=world.users["coord"], plan_code=world.plan.code, file=io.BytesIO(sheet),
                           dry_run=True, create_units=False)
    assert report.ok, report.errors
    assert [(r["序号"], r["操作"], r.get(CHANGES, "")) for r in report.rows] == [
        ("1", "未变", ""), ("2", "更新", "整改目标、责任单位"), ("3", "新增", "")]
