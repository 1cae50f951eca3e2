"""More real sentences the reader had not seen (issue 3, second round).

Each case quotes a published text (issuer and year in the comment) and checks
what a careful reader takes from it, clean and as damaged Taiwan Traditional.
"""

import opencc
import pytest

from ducha.plans.reading import parse_text
from ducha.plans.reading.normalize import normalize


def _targets(text):
    return [(t["indicator"], t["comparator"], t["value"], t["unit"], t["year"], t["region"], t["kind"])
            for t in parse_text(text)["targets"]]


def _fields(text, *keys):
    return [tuple(t[k] for k in keys) for t in parse_text(text)["targets"]]


def _damaged(text):
    text = opencc.OpenCC("s2twp").convert(text)
    for word, pinyin in (("區", "qū"), ("環", "huán"), ("質", "zhì")):
        text = text.replace(word, f"{word}({pinyin})")
    return text


# 天门市贯彻落实中央第三环境保护督察组督察反馈意见整改方案 (2017)
TIANMEN = "到2020年，天门市优良天数比例达到81%，PM2.5平均浓度达到53微克/立方米。"


@pytest.mark.parametrize("text", [TIANMEN, _damaged(TIANMEN)])
def test_a_region_at_the_head_of_a_list_covers_the_later_targets(text):
    assert [t[5] for t in _targets(text)] == ["天门市", "天门市"]


def test_a_partial_area_at_the_head_is_not_carried():
    # 河北省 (2016) as reported: 各市 names its own scope; 市区 covers only what it names.
    text = "到2017年，河北省PM2.5平均浓度下降到67微克/立方米左右，各市城市建成区黑臭水体控制在30%以内。"
    assert [t[5] for t in _targets(text)] == ["河北省", "各市"]
    # 丽水市 (2021): 市区 at the head is the urban area only.
    assert [t[5] for t in _targets("2021年，市区PM2.5平均浓度低于24微克/立方米，空气质量优良天数比例保持在97%以上。")] == [
        "市区", None]


def test_a_city_name_before_its_urban_area_is_the_region():
    # 衢州市贯彻落实省环境保护督察反馈意见整改方案 (2018)
    targets = parse_text("到2020年，衢州城市空气质量优良天数比例将达到90%以上。")["targets"]
    assert [(t["region"], t["name"]) for t in targets] == [("衢州城市", "空气质量优良天数比例")]
    # 四川日报 (2021): 达标城市 is what is counted, not a place.
    assert _targets("目前空气质量达标城市达到14个，达标城市比例增至66.67%。")[0][5] is None


def test_years_of_the_republic_of_china():
    # 行政院環境保護署 (2021) 空氣污染防制方案: "民國110年" and "110年底前" are 2021.
    text = "民國109年細懸浮微粒年平均濃度為15.8微克/立方米，預計110年底前完成鍋爐改善。"
    result = parse_text(text)
    assert [d["date"] for d in result["deadlines"]] == ["2021-12-31"]
    assert "roc_years" in result["source"]["repairs"]
    assert result["targets"][0]["year"] == 2020
    # A flood standard or an age stays as written.
    assert normalize("防洪標準100年一遇，已有120年歷史。")[0] == "防洪标准100年一遇，已有120年历史。"


def test_taiwan_words_of_s2twp_in_a_text_with_few_others():
    # 丽水市 (2021) through s2twp: 社区 becomes 社群, 默认 預設, 质量 in 生态质量 stays.
    clean, repairs = normalize(opencc.OpenCC("s2twp").convert("加强社区环境治理，提升生态质量。"))
    assert clean == "加强社区环境治理，提升生态质量。" and "taiwan_phrasing" in repairs
    assert normalize("提升生態品質，社區綠化。")[0] == "提升生态质量，社区绿化。"
    # 品質 by itself in mainland Traditional proves nothing.
    assert normalize("加強社區治理，品質化服務。")[0] == "加强社区治理，品质化服务。"


def test_values_in_a_results_report_are_results():
    # 广西壮族自治区生态环境厅 (2023) 《2022广西生态环境状况公报》: 达…以上 and 稳定在…以上 report.
    text = ("2022广西生态环境状况公报\n"
            "2022年，112个国家地表水考核断面水质优良比例达98.2%以上，近岸海域水质优良比例稳定在90%以上。")
    assert [t[-1] for t in _targets(text)] == ["achieved", "achieved"]
    # A work summary (工作总结) that looks ahead still sets its next year's goal.
    text = ("2021年度生态环境保护工作总结\n2021年，全县空气质量优良天数比例稳定在90%以上。\n"
            "2022年，力争全县优良天数比例达到92%。")
    assert [(t[2], t[-1]) for t in _targets(text)] == [("90", "achieved"), ("92", "target")]
    # The same sentence in a plan (方案) is a goal.
    text = "整改方案\n到2022年，全县空气质量优良天数比例稳定在90%以上。"
    assert [t[-1] for t in _targets(text)] == ["target"]


def test_a_report_without_a_title_is_known_by_its_past_tense():
    # 四川省 (2021) 整改落实情况, body only: 截至, 已, 同比.
    text = ("截至2021年6月底，已完成整改任务146项。全省已关停企业120家。"
            "全省优良天数比例达90.8%，同比上升1.7个百分点。")
    assert [t[-1] for t in _targets(text) if t[2] == "90.8"] == ["achieved"]


@pytest.mark.parametrize("text", ["細懸浮微粒改善率達15%。", "细颗粒物改善率达15%。"])
def test_a_rate_of_improvement_without_a_year_is_a_target(text):
    # 行政院環境保護署 (2020) 空氣污染防制方案 as reported: no document year, no comparator word.
    assert _targets(text) == [("other", ">=", "15", "%", None, None, "target")]


def test_amounts_without_a_comparator_are_goals():
    # 国务院 (2016) 《"十三五"生态环境保护规划》 as reported.
    text = "到2020年，新增沙化土地治理面积2650万亩，削减化学需氧量排放量1.2万吨。"
    assert [(t["indicator"], t["name"], t["comparator"], t["value"], t["unit"], t["kind"])
            for t in parse_text(text)["targets"]] == [
        ("other", "新增沙化土地治理面积", ">=", "2650", "万亩", "target"),
        ("emission_reduction", "削减化学需氧量排放量", ">=", "1.2", "万吨", "target")]
    # 已完成 in a report states what was done.
    assert _targets("2021年，已完成造林面积12万亩。")[0][-1] == "achieved"


# --- texts found in the second round ------------------------------------------

GUIZHOU_2018 = ("贵州省落实中央环境保护督察反馈意见整改情况的报告\n"
                "2017年8月1日，中央第七环境保护督察组向我省反馈督察意见后，省委、省政府高度重视。"
                "截至2018年8月底，中央环保督察组反馈的72个问题已完成整改49个。\n"
                "今年1月至10月，9个中心城市均达到国家规定的环境空气质量二级标准，环境空气质量优良天数比率平均为97.1%。\n"
                "截至10月底，全省共出动执法人员64462人（次），共检查企业25071家。")


@pytest.mark.parametrize("text", [GUIZHOU_2018, _damaged(GUIZHOU_2018)])
def test_a_report_is_of_the_latest_year_its_opening_names(text):
    # 贵州省 (2018) 落实中央环境保护督察反馈意见整改情况的报告: 今年 is 2018, the year of 截至2018年…,
    # not 2017, the year of the feedback; "截至10月底" reports a state and commits to nothing.
    assert _fields(text, "indicator", "value", "year", "kind") == [("good_days_ratio", "97.1", 2018, "achieved")]
    assert parse_text(text)["deadlines"] == []


def test_adverbs_before_a_stated_value_are_not_the_name():
    # 生态环境部 (2022) 中央第二生态环境保护督察组 on 贵州: 仅为 states a (low) result.
    targets = parse_text("全省污水收集率不高，其中紫云县污水收集率仅为3.2%。")["targets"]
    assert [(t["name"], t["region"], t["comparator"], t["kind"]) for t in targets] == [
        ("污水收集率", "紫云县", "=", "achieved")]
    # 安徽省生态环境厅 (2021), Traditional with pinyin: 首次 is no part of the name.
    text = "2020年，全省PM2.5平均濃(nóng)度首次達30微克/立方米，同比下降15.2%。"
    assert parse_text(text)["targets"][0]["name"] == "PM2.5平均浓度"


def test_a_share_of_days_with_good_aqi_is_the_good_days_ratio():
    # 贵州省人民政府办公厅 (2015) 全省环境保护攻坚行动工作方案, as copied with its years lost ("到年").
    text = "在大气环境质量方面，到年，全省县级以上城市全年空气质量指数(AQI)达到优良标准的天数占比85%以上。"
    assert [(t[0], t[1], t[2], t[-1]) for t in _targets(text)] == [("good_days_ratio", ">=", "85", "target")]


def test_a_list_of_assessment_goals_across_semicolons():
    # 陕西省人民政府办公厅 (2019) 陕西省蓝天保卫战2019年工作方案, as reported by 陕西网.
    text = ("根据《方案》要求，2019年各市（区）空气质量考核指标为，西安市优良天数257天，PM2.5浓度为54微克/立方米；"
            "宝鸡市优良天数276天，PM2.5浓度为53微克/立方米。")
    # Good days given in 天 stay days (issue 11), never a ratio of 257 %.
    assert [(t[0], t[1], t[2], t[5], t[6]) for t in _targets(text)] == [
        ("good_days", ">=", "257", "西安市", "target"), ("pm25_mean", "<=", "54", "西安市", "target"),
        ("good_days", ">=", "276", "宝鸡市", "target"), ("pm25_mean", "<=", "53", "宝鸡市", "target")]


def test_a_relative_goal_after_a_horizon_is_a_goal():
    # 陕西省人民政府 (2018) 铁腕治霾打赢蓝天保卫战三年行动方案（2018-2020年）: 较2015年 is the base.
    text = "到2020年，全省设区市优良天数比例达到80.3%，PM2.5浓度较2015年下降15%，PM10浓度明显下降。"
    assert [(t[0], t[2], t[-1]) for t in _targets(text)] == [("good_days_ratio", "80.3", "target"),
                                                           ("other", "15", "target")]


def test_results_beating_the_national_goal_are_results():
    # 谷腾环保网 (2022) on 陕西 2021, Traditional with the variant 陜: "超国考目标" sets no goal.
    text = ("初步核算結果顯示，陜西省10個國考城市PM2.5濃度為35微克/立方米，同比下降14.6%，超國考目標17個百分點。"
            "優良天數295.4天，優良率80.9%，同比增加0.1個百分點，超過國考目標任務2.8個百分點。")
    result = parse_text(text)
    assert [(t["indicator"], t["region"], t["kind"]) for t in result["targets"]][:1] == [
        ("pm25_mean", "陕西省", "achieved")]
    assert {t["kind"] for t in result["targets"]} == {"achieved"}
    assert ("国考城市", 10, "个") in [(c["what"], c["value"], c["unit"]) for c in result["counts"]]


def test_a_disclosure_of_enforcement_tallies_with_its_fine():
    # 生态环境部 (2017) 第三批督察进驻结束 各地继续推进边督边改工作
    text = ("截至2017年5月28日20:00，共计受理举报35523个（其中，来电举报20811个，来信举报14712个）；"
            "经梳理分析并合并重复举报，累计向被督察地方交办有效举报28966件。地方已办结23599件，责令整改20359家，"
            "立案处罚7086家，共计罚款33587.86万元；立案侦查354件，行政和刑事拘留355人，约谈6079人，问责4018人。")
    counts = [(c["what"], c["value"], c["unit"]) for c in parse_text(text)["counts"]]
    assert counts[:4] == [("举报", 35523, "个"), ("来电举报", 20811, "个"), ("来信举报", 14712, "个"),
                          ("有效举报", 28966, "件")]
    assert ("罚款", 33587.86, "万元") in counts and ("责令整改", 20359, "家") in counts
    assert not [c for c in counts if c[0] in ("）", "")]


def test_tallies_of_a_county_report_copied_from_a_pdf():
    # A county's 突出环境问题整改情况 report (2019) as found on a document site, wrapped at the page width.
    text = ("函)X个,已整改完成 16 个,剩余两个为 X书库水质问题;信访 25 个,已\n"
            "完成 24 个,剩余一个为污水处理问题;反馈意见问题 49 个,已整改完成\n"
            "40 件,剩余 9个问题主要为 4个污水处理厂建设问题,1个X水库水质问\n"
            "题,1个垃圾填埋厂问题,1个砖瓦行业问题,1个土壤问题,1个饮用水源\n"
            "规范化建设问题)。3.X 平原大气污染防治强化督察问题整改情况。X平原大\n"
            "气污染防治强化督察移交我县 73 个问题中,已完成整改 54 个问题,剩余\n"
            "19 个问题正在整改中,整改率 74%。剩余 19 个问题中涉及页岩砖厂整改 5\n"
            "个,落后淘汰产能 7个,企业环境问题整改 7个。")
    result = parse_text(text)
    counts = [(c["what"], c["value"]) for c in result["counts"]]
    assert ("信访", 25) in counts and ("问题", 9) in counts and ("饮用水源规范化建设问题", 1) in counts
    assert counts.count(("问题", 19)) == 2  # "19个问题中涉及…" counts the problems
    assert not [w for w, _ in counts if w.startswith(("为", "问题主")) or w.endswith(")")]
    assert [(t["name"], t["value"], t["kind"]) for t in result["targets"]] == [("整改率", "74", "achieved")]


JIANGXI_2020 = ("通过百日冲刺攻坚行动，江西力争到2020年底，确保全省设区城市PM2.5年均浓度达到38微克/立方米（标况）的同时，"
                "力争空气质量优良天数比例达到92.8%以上（标况）；确保全省国考断面地表水水质优良比例不低于93.33%，"
                "消灭Ⅴ类及劣Ⅴ类水断面；设区市城市建成区黑臭水体消除比例90%以上。")


@pytest.mark.parametrize("text", [JIANGXI_2020, _damaged(JIANGXI_2020)])
def test_a_provincial_campaign_with_no_class_v_sections(text):
    # 江西省 (2020) 污染防治攻坚战百日冲刺攻坚行动, as reported; damaged, "區(qū)" gets a second bracket.
    assert _fields(text, "indicator", "comparator", "value", "region") == [
        ("pm25_mean", "<=", "38", "全省"), ("good_days_ratio", ">=", "92.8", "全省"),
        ("surface_water_good_ratio", ">=", "93.33", "全省"), ("inferior_v_sections", "<=", "0", "全省"),
        ("other", ">=", "90", "设区市")]
    assert "（qū）" not in "".join(name for name, in _fields(text, "name"))


def test_water_classes_reached_or_bettered_and_lake_classes():
    # 中国环境报 (2023) on 江西's 2023 goals: "达到或好于Ⅱ类" and "达到湖库Ⅲ类标准" end the name.
    text = ("2023年，江西要继续保持主要环境指标持续改善态势，力争鄱阳湖国考断面总磷浓度达到湖库Ⅲ类标准，"
            "长江干流江西段、赣江干流断面水质达到或好于Ⅱ类。")
    assert [(t["name"], t["value"], t["kind"]) for t in parse_text(text)["targets"]] == [
        ("鄱阳湖国考断面总磷浓度", "3", "target"), ("长江干流江西段、赣江干流断面水质", "2", "target")]
    # 南昌市 (2023) 落实中央生态环境保护督察整改情况: "22个断面水质达到Ⅱ类" tallies sites.
    text = "南昌市对外公开落实中央生态环境保护督察整改情况\n2022年，22个断面水质达到Ⅱ类，占比为66.67%。"
    assert [t["indicator"] for t in parse_text(text)["targets"]] == ["other"]
