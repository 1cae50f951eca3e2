"""The correctness table of the review on unseen plans, recomputed so BENCHMARKS.md cannot drift."""

from pathlib import Path

from .review_scores import recorded, score, table

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
