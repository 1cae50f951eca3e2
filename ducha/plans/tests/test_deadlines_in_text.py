"""Dated commitments in running text, resolved to dates."""

import pytest

from ducha.plans.reading import parse_text

HEADER = "某市整改方案\n发布时间：2017-08-03\n"


def _dates(text):
    return [d["date"] for d in parse_text(text)["deadlines"] if d["date"]]


@pytest.mark.parametrize("sentence, date", [
    ("2017年底前全面建成并完善市镇两级河湖长制体系。", "2017-12-31"),
    ("2020年底前完成全市乡镇饮用水水源保护区清理整治工作。", "2020-12-31"),
    ("到2027年，全市生态环境质量根本好转。", "2027-12-31"),
    ("2021年12月31日前完成整改。", "2021-12-31"),
    ("2022年6月底前完成验收销号。", "2022-06-30"),
    ("2023年上半年全面完成。", "2023-06-30"),
    ("2022年第三季度前完成管网改造。", "2022-09-30"),
    ("到“十四五”末，基本消除城市黑臭水体。", "2025-12-31"),
    ("2022年全面完成雨污分流改造。", "2022-12-31"),
])
def test_dated_commitments(sentence, date):
    assert _dates(sentence) == [date]


def test_a_month_without_a_year_takes_the_documents_year():
    text = HEADER + "推进挥发性有机物污染治理，6月底前全面完成油气回收治理任务；10月底前基本淘汰黄标车。"
    assert _dates(text) == ["2017-06-30", "2017-10-31"]


def test_a_month_without_a_year_takes_the_year_of_its_paragraph():
    text = HEADER + "2018年重点任务：3月底前完成排查，9月30日前完成整治。"
    assert _dates(text) == ["2018-03-31", "2018-09-30"]


def test_within_the_year_is_the_documents_year_end():
    assert _dates(HEADER + "年内完成全部整改任务。") == ["2017-12-31"]
    assert _dates(HEADER + "力争年底前建成并投入使用。") == ["2017-12-31"]


def test_scene_setting_years_and_document_fields_are_not_deadlines():
    text = HEADER + "发文日期：2017年08月03日\n2021年，市区PM2.5平均浓度低于24微克/立方米。\n4月14日召开反馈会。"
    assert _dates(text) == []


def test_immediate_and_long_term_markers():
    deadlines = parse_text("对能够立即整改的，立行立改；对需要长期推进的，长期坚持、久久为功。")["deadlines"]
    assert [(d["date"], d["kind"]) for d in deadlines] == [(None, "immediate"), (None, "long_term")]
    deadlines = parse_text("整改时限：立行立改，长期坚持。")["deadlines"]
    assert {(d["date"], d["kind"]) for d in deadlines} == {(None, "immediate"), (None, "long_term")}


def test_each_deadline_keeps_its_sentence():
    text = "一、目标\n2021年10月底前完成排查。到2022年完成全部整改。"
    deadlines = parse_text(text)["deadlines"]
    assert [(d["date"], d["text"]) for d in deadlines] == [
        ("2021-10-31", "2021年10月底前完成排查。"), ("2022-12-31", "到2022年完成全部整改。")]


def test_a_reporting_date_is_not_a_deadline():
    assert _dates("截至2022年6月底，11项整改任务已完成9项。截止2021年底，已办结信访件1260件。") == []


def test_a_month_under_a_deadline_label_is_a_deadline():
    text = "序号：1；整改任务：加快污水管网改造；整改时限：2021年12月；完成时间：2022年6月。"
    assert _dates(text) == ["2021-12-31", "2022-06-30"]
