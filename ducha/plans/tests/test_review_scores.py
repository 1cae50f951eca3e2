"""The correctness table of the review on unseen plans, recomputed so BENCHMARKS.md cannot drift."""

from pathlib import Path

from .review_scores import ANSWERS, recorded, score, table

BENCHMARKS = Path(__file__).resolve().parents[3] / "BENCHMARKS.md"


def test_the_recorded_table_is_what_the_review_proposes_today():
    assert recorded(BENCHMARKS.read_text(encoding="utf-8")) == table()


def test_exposure_notices_with_bracket_labels_give_their_task():
    # 芜湖: "【主管单位】市城管局 … 【整改期限】立行立改"
    assert score("芜湖 2021 曝光问题") == {"plan": "芜湖 2021 曝光问题", "items": 1, "proposed": 1, "correct": 1,
                                         "missed": 0, "wrong": 0}


def test_goal_and_principle_parts_of_unseen_plans_give_no_task():
    for name in ("常德 2021 整改方案（开篇）", "常德 2021 整改方案（繁体）", "许昌 2020 实施方案（开篇）"):
        assert score(name)["proposed"] == 0


def test_the_sample_holds_at_least_ten_published_texts_with_task_items_from_different_places():
    # Issue 11 item 7: the three texts of the first round with task items and ten more, not only openings.
    with_tasks = {file for file, _source, _variant, tasks, _targets in ANSWERS.values() if tasks}
    assert len(with_tasks) >= 13
    assert len({file.split("-")[0] for file in with_tasks}) >= 12


def test_notices_of_one_item_give_that_item_and_nothing_else():
    # 和布克赛尔: "一、整改任务 … 二、整改责任单位 … 三、整改完成情况" was three tasks, one dated 2015年底.
    # 新宾 2020: the problem's "河流水质优良比例应达到75%" and "…2017年达到45.4%" were proposed as targets.
    for name in ("和布克赛尔 2020 督察整改任务公示", "新宾 2020 回头看整改结果公示", "新宾 2023 督察整改任务公示"):
        row = score(name)
        assert (row["missed"], row["wrong"]) == (0, 0), row
