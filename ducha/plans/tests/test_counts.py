"""Counted things: problems, tasks, cases, units, people."""

from ducha.plans.reading import parse_text


def _counts(text):
    return [(c["what"], c["value"], c["unit"]) for c in parse_text(text)["counts"]]


def test_tasks_counted_after_their_noun():
    assert _counts("我市个性问题整改任务4项，共性问题整改任务7项。") == [
        ("个性问题整改任务", 4, "项"), ("共性问题整改任务", 7, "项")]


def test_counts_before_their_noun():
    assert _counts("督察组交办3个典型案例。") == [("典型案例", 3, "个")]
    assert _counts("对移交的3个涉及责任追究的重点问题案件开展调查。") == [("涉及责任追究的重点问题案件", 3, "个")]
    assert _counts("已对10个责任单位、50名责任人进行了严肃问责。") == [("责任单位", 10, "个"), ("责任人", 50, "名")]


def test_chinese_numerals():
    assert _counts("十二项整改任务已完成，两个典型案例整改到位。") == [("整改任务", 12, "项"), ("典型案例", 2, "个")]
    assert _counts("对未完成的12项省环保督察整改任务和4件中央环保督察转办信访件，进一步倒排工期。") == [
        ("省环保督察整改任务", 12, "项"), ("中央环保督察转办信访件", 4, "件")]


def test_slogans_set_phrases_ordinals_and_measures_are_not_counts():
    for text in ("践行“两个维护”，增强“四个意识”。",
                 "落实一岗双责，实现一个支部一个品牌。",
                 "开展第三方审核，第二轮督察反馈问题。",
                 "新建污水管网105公里，日处理能力30吨以上。",
                 "国家水十条考核断面水质达标。",
                 "下降3个百分点，历时5个月。"):
        assert _counts(text) == [], text


def test_projects_and_companies_counted_after_their_noun():
    assert _counts("重点实施工业VOCs治理项目15个，淘汰落后产能涉及企业20家。") == [
        ("工业VOCs治理项目", 15, "个"), ("企业", 20, "家")]


def test_enforcement_tallies_of_a_progress_report():
    text = ("截至2022年6月底，11项整改任务已完成9项。督察组交办的1268件信访件已办结1260件，"
            "责令整改1130家，立案处罚128家，罚款金额1563.2万元，约谈56人，问责23人。")
    assert _counts(text) == [
        ("整改任务", 11, "项"), ("完成", 9, "项"), ("信访件", 1268, "件"), ("办结", 1260, "件"),
        # The fine is a tally too, in its own unit.
        ("责令整改", 1130, "家"), ("立案处罚", 128, "家"), ("罚款", 1563.2, "万元"), ("约谈", 56, "人"), ("问责", 23, "人")]


def test_counts_in_a_damaged_traditional_report():
    text = "第一輪督察反饋的150個問題驗收銷號149個;兩批交辦的5000件信訪件已全部辦結。"
    assert _counts(text) == [("问题", 150, "个"), ("验收销号", 149, "个"), ("信访件", 5000, "件")]


def test_person_times_are_not_people_of_something_called_times():
    # 新宾县 2023 整改情况公示: "出动人员4113人次，出动工程机械853台次" was read as 4113 人 of "次".
    counts = _counts("投入资金76.27万元，出动人员4113人次，出动工程机械853台次。")
    assert ("次", 4113, "人") not in counts
    assert all(what != "次" for what, _, _ in counts)
