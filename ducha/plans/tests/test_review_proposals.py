"""Grouping a parse into draft tasks, spans, highlight runs and unit matching (no database)."""

from ducha.plans.highlight import runs
from ducha.plans.proposals import deadline_phrase, propose

from .review_samples import PARSE, PM25, TEXT, UNITS_1


def _by_kind(items, kind):
    return [i for i in items if i.kind == kind]


def test_each_leaf_section_with_a_deadline_or_a_category_marker_becomes_a_draft_task():
    tasks = _by_kind(propose(TEXT, PARSE), "task")
    assert [t.payload["number"] for t in tasks] == ["四（一）1", "四（一）2", "四（二）1"]
    first, immediate, long_term = tasks
    # The deadline as a ledger cell states it; its date and category are the importer's reading
    # (test_review_services: the same words give the same task either way).
    assert first.payload["deadline_text"] == "2022年6月底前"
    assert first.payload["problem"] == "推进挥发性有机物污染治理"
    assert first.payload["target"] == "全面完成加油站、储油库、油罐车油气回收治理任务"
    assert first.payload["measures"] == "2022年6月底前全面完成加油站、储油库、油罐车油气回收治理任务"
    assert immediate.payload["deadline_text"] == "立行立改"
    assert long_term.payload["deadline_text"] == "长期坚持"
    assert "责任单位" not in "".join(t.payload["measures"] for t in tasks)


def test_lead_unit_comes_first_and_names_are_not_repeated():
    tasks = _by_kind(propose(TEXT, PARSE), "task")
    assert tasks[0].payload["unit_names"] == ["丽水市生态环境局", "市发改委", "莲都区人民政府"]
    assert tasks[1].payload["unit_names"] == ["莲都区政府", "丽水市生态环境局"]


def test_supervising_units_are_not_responsible_units():
    units = PARSE["units"] + [{"name": "市纪委监委", "role": "supervising", "text": UNITS_1}]
    tasks = _by_kind(propose(TEXT, dict(PARSE, units=units)), "task")
    assert "市纪委监委" not in tasks[0].payload["unit_names"]


def test_every_item_points_at_its_sentence_in_the_cleaned_text():
    items = propose(TEXT, PARSE)
    for item in items:
        assert TEXT[item.start:item.end] == item.source_text
        assert item.end > item.start
    targets = _by_kind(items, "target")
    assert [t.source_text for t in targets] == [PM25, PM25]
    task = _by_kind(items, "task")[0]
    assert task.source_text.startswith("1.推进挥发性有机物污染治理") and task.source_text.endswith(UNITS_1)


def test_achieved_figures_are_not_proposed_as_targets():
    parse = dict(PARSE, targets=[dict(PARSE["targets"][0], kind="achieved")])
    assert _by_kind(propose(TEXT, parse), "target") == []


def test_a_deadline_outside_any_section_makes_its_paragraph_a_task():
    text = "各地要加快推进。\n2023年底前完成全部整改任务，由市生态环境局牵头。\n"
    parse = {"sections": [], "targets": [], "counts": [],
             "deadlines": [{"date": "2023-12-31", "text": "2023年底前完成全部整改任务，由市生态环境局牵头。"}],
             "units": [{"name": "市生态环境局", "role": "lead", "text": "2023年底前完成全部整改任务，由市生态环境局牵头。"}]}
    (task,) = _by_kind(propose(text, parse), "task")
    assert task.source_text == "2023年底前完成全部整改任务，由市生态环境局牵头。"
    assert task.payload["unit_names"] == ["市生态环境局"] and task.payload["deadline_text"] == "2023年底前"


def test_deadline_phrase():
    assert deadline_phrase("确保2021年12月31日前完成") == "2021年12月31日前"
    assert deadline_phrase("6月底前全面完成") == "6月底前"


def test_highlight_runs_nest_a_sentence_inside_its_section():
    text = "abcdefghij"
    out = runs(text, [(1, 0, 8, "task"), (2, 2, 4, "target")])
    assert [(r.text, r.items, r.kind) for r in out] == [
        ("ab", [1], "task"), ("cd", [1, 2], "target"), ("efgh", [1], "task"), ("ij", [], "")]
    assert "".join(r.text for r in out) == text


def test_table_rows_naming_a_deadline_and_units_are_tasks_of_their_own():
    row1 = "序号：1；整改目标：完成油气回收治理；整改措施：全面完成加油站油气回收治理；责任单位：丽水市生态环境局（牵头）、市发改委；整改时限：2022年6月底前。"
    row2 = "序号：2；整改目标：建成运行腊口污水处理厂；责任单位：莲都区人民政府；整改时限：2022年12月底前。"
    text = f"五、保障措施\n（一）加强领导，建立机构。各地成立相应的整改工作机构。\n序号\t整改目标\n{row1}\n{row2}\n"
    parse = {
        "sections": [{"level": 1, "marker": "五、", "heading": "保障措施", "line": 1},
                     {"level": 2, "marker": "（一）", "heading": "加强领导，建立机构", "line": 2}],
        "deadlines": [{"date": "2022-06-30", "text": row1}, {"date": "2022-12-31", "text": row2}],
        "units": [{"name": "丽水市生态环境局", "role": "lead", "text": row1},
                  {"name": "市发改委", "role": "responsible", "text": row1},
                  {"name": "莲都区人民政府", "role": "responsible", "text": row2}],
    }
    tasks = _by_kind(propose(text, parse), "task")
    assert [(t.payload["number"], t.payload["target"], t.payload["deadline_text"], t.payload["unit_cell"])
            for t in tasks] == [
        ("1", "完成油气回收治理", "2022年6月底前", "丽水市生态环境局（牵头）、市发改委"),
        ("2", "建成运行腊口污水处理厂", "2022年12月底前", "莲都区人民政府"),
    ]
    assert tasks[0].payload["measures"] == "全面完成加油站油气回收治理"
    assert [t.source_text for t in tasks] == [row1, row2]
