"""Numeric targets and achieved results, from sentences as plans write them."""

import pytest

from ducha.plans.reading import parse_text


def _one(text, **kwargs):
    targets = parse_text(text, **kwargs)["targets"]
    assert len(targets) == 1, targets
    t = targets[0]
    return t["indicator"], t["comparator"], t["value"], t["unit"], t["year"], t["region"], t["kind"]


@pytest.mark.parametrize("sentence, expected", [
    ("2021年，市区PM2.5平均浓度低于24微克/立方米。",
     ("pm25_mean", "<", "24", "微克/立方米", 2021, "市区", "target")),
    ("2017年，我市PM10年均浓度不高于83微克/立方米。",
     ("pm10_mean", "<=", "83", "微克/立方米", 2017, "全市", "target")),
    ("到“十四五”末，全市细颗粒物（PM2.5）平均浓度控制在30微克/立方米以内。",
     ("pm25_mean", "<=", "30", "微克/立方米", 2025, "全市", "target")),
    ("空气质量优良天数比例保持在97%以上。", ("good_days_ratio", ">=", "97", "%", None, None, "target")),
    ("空气质量优良天数比例不低于73.4%。", ("good_days_ratio", ">=", "73.4", "%", None, None, "target")),
    ("县级以上饮用水水源地水质达标率继续保持100%。",
     ("drinking_water_attainment_ratio", ">=", "100", "%", None, None, "target")),
    ("地表水Ⅰ-Ⅲ类水比例占98%以上。", ("surface_water_good_ratio", ">=", "98", "%", None, None, "target")),
    ("重污染天数不超过3天。", ("heavy_pollution_days", "<=", "3", "天", None, None, "target")),
    ("工业危险废物利用处置率达到100%以上。", ("hazardous_waste_disposal_ratio", ">=", "100", "%", None, None, "target")),
    ("草原综合植被盖度达到46%以上。", ("grassland_vegetation_coverage", ">=", "46", "%", None, None, "target")),
    ("湿地面积不低于1200万亩。", ("wetland_area", ">=", "1200", "万亩", None, None, "target")),
    ("城市生活污水集中收集率达到70%。", ("sewage_treatment_ratio", ">=", "70", "%", None, "城市", "target")),
    ("劣Ⅴ类水体比例控制在3%以内。", ("inferior_v_sections", "<=", "3", "%", None, None, "target")),
])
def test_targets(sentence, expected):
    assert _one(sentence) == expected


def test_reaching_a_concentration_means_at_most():
    # "达到" reads with the indicator's direction: a concentration is reached from above.
    assert _one("PM2.5平均浓度达到53微克/立方米。")[:3] == ("pm25_mean", "<=", "53")
    assert _one("优良天数比例达到81%。")[:3] == ("good_days_ratio", ">=", "81")


def test_achieved_results_are_told_apart():
    assert _one("2020年全省环境空气质量优良天数比例平均97.2%。")[::6] == ("good_days_ratio", "achieved")
    t = _one("全市森林覆盖率由6.3%提高到7.5%。")
    assert t == ("forest_coverage", "=", "7.5", "%", None, "全市", "achieved")
    assert _one("到2025年，全市森林覆盖率由6.3%提高到7.5%。")[-1] == "target"


def test_a_year_before_the_plan_is_a_result_not_a_target():
    text = "某市整改方案\n发布时间：2021-06-01\n2020年，全市优良天数比例达到95.1%。"
    assert _one(text)[-1] == "achieved"
    text = "某市整改方案\n发布时间：2021-06-01\n2022年，全市优良天数比例达到96%。"
    assert _one(text)[-1] == "target"


def test_water_classes():
    assert _one("出境断面水质持续保持Ⅱ类。")[:4] == ("section_water_class", "<=", "2", "类")
    assert _one("交接断面水质保持在III类以上。")[:3] == ("section_water_class", "<=", "3")
    assert _one("全市国控断面无劣Ⅴ类水体断面。")[:3] == ("inferior_v_sections", "<=", "0")
    # A class inside a ratio's name is not a class target.
    assert _one("地表水达到或好于Ⅲ类水体比例达到85%以上。")[0] == "surface_water_good_ratio"


def test_two_values_of_one_indicator_and_two_regions():
    targets = parse_text("市区和农村生活垃圾分类收集覆盖率分别达到90%和80%以上。")["targets"]
    assert [(t["indicator"], t["region"], t["value"], t["comparator"]) for t in targets] == [
        ("garbage_sorting_coverage", "市区", "90", ">="), ("garbage_sorting_coverage", "农村", "80", ">=")]
    targets = parse_text("力争市区污水处理率达到96.63%以上、县城达到94.3%以上。")["targets"]
    assert [(t["region"], t["value"]) for t in targets] == [("市区", "96.63"), ("县城", "94.3")]
    targets = parse_text("市区PM2.5浓度确保达到35微克/立方米，力争达到31微克/立方米。")["targets"]
    assert [t["value"] for t in targets] == ["35", "31"]


def test_one_name_for_two_indicators():
    targets = parse_text("受污染耕地和污染地块安全利用率达到93%。")["targets"]
    assert [t["indicator"] for t in targets] == ["farmland_safe_use_ratio", "contaminated_site_safe_use_ratio"]


def test_other_indicators_keep_their_name():
    t = parse_text("确保水站质控比对合格率达到85%以上。")["targets"][0]
    assert (t["indicator"], t["name"], t["value"]) == ("other", "水站质控比对合格率", "85")


def test_numbers_that_are_not_targets():
    for text in ("确保化学需氧量和氨氮浓度低于前3年平均水平。",
                 "年危废产生量5吨以上、一般固废100吨以上的企业全部纳入监管平台。",
                 "加快巨化污水处理厂1.3万吨/日污水处理工程建设。",
                 "细颗粒物（PM2.5）和臭氧（O3）实现“双控双减”。"):
        assert parse_text(text)["targets"] == [], text


def test_values_are_exact_strings_and_text_is_the_sentence():
    text = "一、目标\n到2025年，全市PM2.5平均浓度降至25.50微克/立方米，优良天数比例达到92.35%。"
    targets = parse_text(text)["targets"]
    assert [t["value"] for t in targets] == ["25.50", "92.35"]
    assert all(isinstance(t["value"], str) for t in targets)
    assert targets[0]["text"] == "到2025年，全市PM2.5平均浓度降至25.50微克/立方米，优良天数比例达到92.35%。"


def test_the_year_comes_from_the_paragraph_or_the_section():
    text = "（二）2023年工作目标\n全市PM2.5平均浓度低于30微克/立方米。\n到2025年，优良天数比例达到90%。PM10平均浓度低于50微克/立方米。"
    years = [(t["indicator"], t["year"]) for t in parse_text(text)["targets"]]
    assert years == [("pm25_mean", 2023), ("good_days_ratio", 2025), ("pm10_mean", 2025)]


def test_traditional_taiwan_sentence():
    t = _one("到2025年，全縣細懸浮微粒(PM2.5)年平均濃度降至25微克/立方米。")
    assert t == ("pm25_mean", "<=", "25", "微克/立方米", 2025, "全县", "target")


def test_a_progress_report_states_results_without_comparators():
    text = ("某市整改落实情况报告\n发布时间：2022-07-15\n"
            "2021年，全市PM2.5平均浓度22微克/立方米，同比下降8.3%；空气质量优良天数比例为98.6%。")
    targets = parse_text(text)["targets"]
    assert [(t["indicator"], t["comparator"], t["value"], t["year"], t["kind"]) for t in targets] == [
        ("pm25_mean", "=", "22", 2021, "achieved"), ("good_days_ratio", "=", "98.6", 2021, "achieved")]


def test_reductions_of_emissions_and_relative_reductions():
    text = "到2025年，化学需氧量、氨氮、氮氧化物、挥发性有机物排放总量分别下降8%、8%、10%和10%，PM2.5浓度比2020年下降10%。"
    targets = parse_text(text)["targets"]
    assert [(t["indicator"], t["name"], t["comparator"], t["value"]) for t in targets] == [
        ("emission_reduction", "化学需氧量排放总量", ">=", "8"), ("emission_reduction", "氨氮排放总量", ">=", "8"),
        ("emission_reduction", "氮氧化物排放总量", ">=", "10"), ("emission_reduction", "挥发性有机物排放总量", ">=", "10"),
        ("other", "PM2.5浓度比2020年下降", ">=", "10")]


def test_respectively_over_two_pollutants():
    targets = parse_text("PM2.5和PM10平均浓度分别控制在30微克/立方米和50微克/立方米以内。")["targets"]
    assert [(t["indicator"], t["comparator"], t["value"]) for t in targets] == [
        ("pm25_mean", "<=", "30"), ("pm10_mean", "<=", "50")]


def test_a_traditional_provincial_plan_damaged_by_pinyin():
    text = ("到2022年底，全區(qū)設區(qū)城市PM2.5平均濃度控制在33微克/立方米以下，優良天數比例達到91.5%以上，"
            "地級及以上城市集中式飲用水水源水質達到或優於Ⅲ類比例總體高於93%，近岸海域水質優良（一、二類）比例保持在90%以上。")
    targets = parse_text(text)["targets"]
    assert [(t["indicator"], t["comparator"], t["value"], t["year"], t["region"]) for t in targets] == [
        ("pm25_mean", "<=", "33", 2022, "全区"),
        # 全区 at the head of the list covers the targets after it (issue 3).
        ("good_days_ratio", ">=", "91.5", 2022, "全区"),
        ("drinking_water_attainment_ratio", ">", "93", 2022, "地级及以上城市"),
        ("other", ">=", "90", 2022, "全区"),  # sea water is not surface water
    ]
    assert targets[3]["name"] == "近岸海域水质优良（一、二类）比例"


def test_a_year_is_not_a_value():
    assert parse_text("某市可吸入颗粒物年均浓度不超过2015年水平。")["targets"] == []
