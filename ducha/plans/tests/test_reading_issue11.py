"""The reader's known misses from issue 11, each with the sentence that showed it (no database)."""

from ducha.plans.reading import parse_text
from ducha.plans.reading.facts import document_number
from ducha.plans.reading.tasklabels import is_task_section, split_labels, unit_cell, work_quantities


def _targets(text):
    return [(t["indicator"], t["name"], t["comparator"], t["value"], t["unit"])
            for t in parse_text("某市整改方案\n一、工作目标\n" + text)["targets"]]


def _counts(text):
    return [(c["what"], c["value"], c["unit"]) for c in parse_text("某县整改情况报告\n" + text)["counts"]]


def test_a_tally_split_across_a_line_break_is_read():
    assert ("信访件", 125, "件") in _counts("督察组交办的信访件共计\n125件，已办结120件。")


def test_good_days_given_in_days_stay_days():
    assert _targets("到2022年，全市空气质量优良天数达到330天以上。") == [
        ("good_days", "空气质量优良天数", ">=", "330", "天")]


def test_an_unnamed_share_is_named_by_what_it_counts():
    found = _targets("到2022年，全市地表水省控断面中，Ⅰ～Ⅲ类水质断面38个，占比达到95%以上。")
    assert ("surface_water_good_ratio", "Ⅰ～Ⅲ类水质断面占比", ">=", "95", "%") in found


def test_a_rate_of_removal_rises():
    assert _targets("到2022年，城市建成区黑臭水体消除比例达到90%。")[0][2] == ">="


def test_work_quantities_keep_number_and_unit():
    assert work_quantities("新建改造污水管网80公里，淘汰燃煤小锅炉3449蒸吨。") == [
        {"value": "80", "unit": "公里", "text": "新建改造污水管网80公里"},
        {"value": "3449", "unit": "蒸吨", "text": "淘汰燃煤小锅炉3449蒸吨"}]


def test_labels_are_taken_out_of_the_text_they_introduce():
    rest, fields = split_labels("排查整治饮用水水源地保护区内的排污口。牵头单位：市生态环境局；配合单位：市水利局、"
                                "各县（市、区）政府。责任人：张三。完成时限：长期坚持。")
    assert rest == "排查整治饮用水水源地保护区内的排污口"
    assert fields == {"lead": "市生态环境局", "co": "市水利局、各县（市、区）政府", "people": "张三",
                      "deadline": "长期坚持"}
    assert unit_cell(fields) == "市生态环境局、市水利局、各县（市、区）政府"


def test_goal_principle_and_safeguard_parts_hold_no_tasks():
    assert [h for h in ("工作目标", "目标任务", "基本原则", "指导思想", "保障措施", "组织保障", "主要措施",
                        "重点任务", "整改措施", "存在问题及整改措施") if is_task_section(h)] == [
        "主要措施", "重点任务", "整改措施", "存在问题及整改措施"]


def test_the_document_number_is_read_from_its_own_line_not_from_a_cited_document():
    assert document_number(["丽水市人民政府文件", "丽政发〔2021〕30号"]) == "丽政发〔2021〕30号"
    assert document_number(["根据《关于印发…的通知》（浙政办发〔2020〕12号）要求"]) is None
    assert document_number(["索引号：001 文号：鄂天政发〔2017〕9号"]) == "鄂天政发〔2017〕9号"


def test_units_named_only_in_a_closing_paragraph_reach_every_item_and_say_so():
    from ducha.plans.proposals import propose
    from ducha.plans.reading.parse import analyse

    text, parse = analyse("某市整改方案\n二、主要任务\n（一）推进挥发性有机物污染治理。2022年6月底前全面完成加油站油气回收治理。\n"
                          "（二）加快污水处理设施建设。2022年12月底前完成城镇污水处理厂提标改造。\n"
                          "以上任务由市生态环境局牵头，市住房和城乡建设局配合。\n")
    tasks = [p.payload for p in propose(text, parse) if p.kind == "task"]
    assert [(t["number"], t["unit_source"]) for t in tasks] == [("二（一）", "closing"), ("二（二）", "closing")]
    assert tasks[0]["unit_names"][0] == "市生态环境局"
