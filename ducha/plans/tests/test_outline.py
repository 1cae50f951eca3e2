"""The outline from the numbering Chinese official documents use."""

from ducha.plans.reading import parse_text
from ducha.plans.reading.outline import cn_number, enclosing, outline


def _rows(text):
    return [(s.level, s.marker, s.heading, s.line) for s in outline(text)]


def test_the_usual_four_levels():
    text = "\n".join([
        "一、总体要求",
        "（一）指导思想",
        "1.坚持问题导向。对督察反馈的问题逐一整改。",
        "（1）建立台账。逐项明确责任。",
        "①每月调度一次。",
        "2、强化责任落实。",
        "二、保障措施",
    ])
    assert _rows(text) == [
        (1, "一、", "总体要求", 1),
        (2, "（一）", "指导思想", 2),
        (3, "1.", "坚持问题导向", 3),
        (4, "（1）", "建立台账", 4),
        (5, "①", "每月调度一次", 5),
        (3, "2、", "强化责任落实", 6),
        (1, "二、", "保障措施", 7),
    ]


def test_a_skipped_level_does_not_leave_a_gap():
    # 一、 directly followed by 1. (the Quzhou work plan does this).
    assert _rows("一、全力创建示范市\n1. 强化创建总体协调。牵头组织实施规划。") == [
        (1, "一、", "全力创建示范市", 1),
        (2, "1.", "强化创建总体协调", 2),
    ]


def test_enumerations_inside_a_paragraph():
    text = "（二）打好污染防治攻坚战。一是持续改善环境空气质量。加强治理。二是深化碧水行动。三是强化土壤风险管控。"
    rows = _rows(text)
    assert rows[0] == (1, "（二）", "打好污染防治攻坚战", 1)
    assert rows[1:] == [(2, "一是", "持续改善环境空气质量", 1), (2, "二是", "深化碧水行动", 1),
                        (2, "三是", "强化土壤风险管控", 1)]


def test_a_lone_yishi_is_not_an_enumeration():
    # "统一是…" or a single 一要 without 二要 is ordinary text.
    assert _rows("标准统一是关键。一要坚持到底。") == []


def test_numbers_that_are_not_markers():
    text = "1.3万吨/日污水处理工程投入运行。\n2020年是收官之年。\n6.5世界环境日开展宣传。"
    assert _rows(text) == []


def test_chapters_and_articles():
    rows = _rows("第一章 总则\n第一条 为规范整改销号工作，制定本办法。\n第二章 验收")
    assert [(r[0], r[1]) for r in rows] == [(1, "第一章"), (2, "第一条"), (1, "第二章")]


def test_heading_cut_where_the_body_starts_without_a_full_stop():
    rows = _rows("（二）紧盯目标任务，持续改善生态环境质量2017年，我市PM10年均浓度不高于83微克/立方米，优良天数比例不低于73.4%。")
    assert rows[0][2] == "紧盯目标任务，持续改善生态环境质量"


def test_sections_span_until_the_next_one_of_their_level():
    sections = outline("一、目标\n正文一\n（一）空气\n正文二\n二、措施\n正文三")
    first = sections[0]
    assert (first.line, first.end_line) == (1, 4)
    assert [s.marker for s in enclosing(sections, 4)] == ["一、", "（一）"]
    assert [s.marker for s in enclosing(sections, 6)] == ["二、"]


def test_chinese_numerals():
    assert [cn_number(t) for t in ("一", "十", "十二", "二十", "三十一", "一百零五", "两", "二〇二一")] == \
        [1, 10, 12, 20, 31, 105, 2, 2021]
    assert cn_number("个") is None


def test_other_marker_spellings():
    # Through parse_text, so half-width brackets are normalised first.
    sections = parse_text("第一部分 工作目标\n一. 总体要求\n1）强化领导。\n(2)落实责任。")["sections"]
    assert [(s["level"], s["marker"], s["heading"]) for s in sections] == [
        (1, "第一部分", "工作目标"), (2, "一.", "总体要求"), (3, "1）", "强化领导"), (3, "（2）", "落实责任")]


def test_enumeration_after_a_colon():
    rows = _rows("主要任务：一是加强源头管控；二是推进末端治理。")
    assert [(r[1], r[2]) for r in rows] == [("一是", "加强源头管控"), ("二是", "推进末端治理")]
