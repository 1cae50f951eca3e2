"""The reader on sentences of real published plans and reports it was not built against.

Each case quotes a short passage of a published text (issuer and year in the comment)
and checks what a careful reader would take from it.
"""

import datetime as dt

import opencc
import pytest

from ducha.plans.reading import parse_text
from ducha.plans.reading.normalize import normalize


def _targets(text):
    return [(t["indicator"], t["comparator"], t["value"], t["unit"], t["year"], t["region"], t["kind"])
            for t in parse_text(text)["targets"]]


def _counts(text):
    return [(c["what"], c["value"], c["unit"]) for c in parse_text(text)["counts"]]


def _damaged(text):
    """As the fixtures test it: Taiwan Traditional with pinyin pasted after some characters."""
    text = opencc.OpenCC("s2twp").convert(text)
    for word, pinyin in (("區", "qū"), ("環", "huán"), ("質", "zhì")):
        text = text.replace(word, f"{word}({pinyin})")
    return text


# --- targets ------------------------------------------------------------------

# 内蒙古自治区第二轮中央生态环境保护督察整改方案 (2023), as reported.
NMG = ("到2025年底，全区空气质量优良天数比率达到90.7%，细颗粒物平均浓度下降至26微克/立方米，"
       "森林覆盖率达到23.5%，草原综合植被盖度稳定在45%。")


@pytest.mark.parametrize("text", [NMG, _damaged(NMG)])
def test_a_list_of_targets_after_a_horizon(text):
    assert _targets(text) == [
        # 全区 named once at the head of the list covers every target of it.
        ("good_days_ratio", ">=", "90.7", "%", 2025, "全区", "target"),
        ("pm25_mean", "<=", "26", "微克/立方米", 2025, "全区", "target"),
        ("forest_coverage", ">=", "23.5", "%", 2025, "全区", "target"),
        ("grassland_vegetation_coverage", ">=", "45", "%", 2025, "全区", "target"),
    ]


def test_drinking_water_good_ratio_and_whole_area_scope():
    # 湖南省第二轮中央生态环境保护督察报告整改方案 (2021)
    assert _targets("到2021年底，地级及以上城市集中式饮用水水源水质优良比例达到100%。") == [
        ("drinking_water_attainment_ratio", ">=", "100", "%", 2021, "地级及以上城市", "target")]
    # 衢州市贯彻落实省环境保护督察反馈意见整改方案 (2018): 全市域 is the whole city area;
    # 将 (will) is not part of the indicator's name.
    targets = parse_text("到2020年，衢州城市空气质量优良天数比例将达到90%以上，全市域市控以上断面水质保持在Ⅲ类以上。")[
        "targets"]
    # A city's name before 城市 is its region.
    assert (targets[0]["name"], targets[0]["region"]) == ("空气质量优良天数比例", "衢州城市")
    assert (targets[1]["indicator"], targets[1]["name"], targets[1]["region"]) == (
        "section_water_class", "市控以上断面水质", "全市域")


def test_a_base_year_is_not_the_year_of_the_target():
    # 国务院《打赢蓝天保卫战三年行动计划》(2018)
    text = ("到2020年，二氧化硫、氮氧化物排放总量分别比2015年下降15%以上；"
            "PM2.5未达标地级及以上城市浓度比2015年下降18%以上，地级及以上城市空气质量优良天数比率达到80%。")
    assert _targets(text) == [
        ("emission_reduction", ">=", "15", "%", 2020, None, "target"),
        ("other", ">=", "18", "%", 2020, None, "target"),
        ("good_days_ratio", ">=", "80", "%", 2020, "地级及以上城市", "target"),
    ]


def test_a_reported_change_without_a_goal_is_an_achieved_result():
    # 生态环境部等《长三角地区2020-2021年秋冬季大气污染综合治理攻坚行动方案》(2020)
    text = "2019-2020年秋冬季，长三角地区细颗粒物（PM2.5）平均浓度较2017-2018年秋冬季下降22%，重污染天数下降79%。"
    assert [t[-1] for t in _targets(text)] == ["achieved", "achieved"]


def test_results_in_a_progress_report():
    # 四川日报 (2021-08-20) on 四川省 第一轮督察整改完成情况
    text = ("截至2021年6月底，我省督察反馈意见整改任务共155项，已完成146项，整改完成率94.2%，剩余9项整改任务正在积极推进。\n"
            "此外，去年全省优良天数率达90.8%，同比上升1.7个百分点。")
    assert _targets(text) == [
        ("other", "=", "94.2", "%", 2021, None, "achieved"),
        # 去年 in a report of 2021 is 2020, and it states a result, not a goal.
        ("good_days_ratio", ">=", "90.8", "%", 2020, "全省", "achieved"),
    ]
    # 四川省委、省政府 (2020) 回头看整改情况: 完成率 is the name, not a leading verb.
    assert _targets("已整改完成3569个，完成率97.4%。")[0][:3] == ("other", "=", "97.4")
    # 四川日报 (2021): 增至 reports where a share has risen to.
    assert _targets("目前空气质量达标城市达到14个，达标城市比例增至66.67%。") == [
        ("other", "=", "66.67", "%", None, None, "achieved")]


def test_a_rate_followed_by_its_percentage_is_a_target():
    # 广水市林业局 2022 年度目标: "防治率90%以上" has no verb before its value.
    text = "完成其他有害生物防治面积2万亩，防治率90%以上，损失率控制在0.5‰以下。"
    # The area to treat, with no comparator, is a goal too (at least 2万亩).
    assert [(t[1], t[2], t[3]) for t in _targets(text)] == [(">=", "2", "万亩"), (">=", "90", "%"), ("<=", "0.5", "‰")]


# --- counts -------------------------------------------------------------------

def test_disclosure_tallies_keep_their_qualifier():
    # 内蒙古自治区生态环境厅 (2025) 边督边改公开情况
    text = ("截至6月17日，全区已对1-11批395件信访件进行调查处理，其中，已办结151件、阶段性办结209件、未办结35件，"
            "责令整改88家，立案处罚46家，立案侦查18件，刑事拘留3人，约谈5人，问责8人。")
    assert _counts(text) == [
        ("信访件", 395, "件"), ("办结", 151, "件"), ("阶段性办结", 209, "件"), ("未办结", 35, "件"),
        ("责令整改", 88, "家"), ("立案处罚", 46, "家"), ("立案侦查", 18, "件"), ("刑事拘留", 3, "人"),
        ("约谈", 5, "人"), ("问责", 8, "人")]


def test_counted_nouns_in_a_report():
    # 四川日报 (2021): "共155项" and "正在积极推进" are not part of the noun.
    counts = _counts("截至2021年6月底，我省督察反馈意见整改任务共155项，已完成146项，剩余9项整改任务正在积极推进。")
    assert ("督察反馈意见整改任务", 155, "项") in counts
    assert ("整改任务", 9, "项") in counts
    # 四川省委、省政府 (2020): 处理 inside a noun names the kind of project.
    counts = _counts("新建城乡生活污水处理类项目693个、生活垃圾处理项目284个，实施大气重点减排项目285个。")
    assert counts == [("城乡生活污水处理类项目", 693, "个"), ("生活垃圾处理项目", 284, "个"),
                      ("大气重点减排项目", 285, "个")]
    # 安徽省 (2017) 整改进展: 转发 is the verb before the counted petitions.
    assert _counts("共向我省转发环境问题信访件3719件。") == [("环境问题信访件", 3719, "件")]
    # 四川日报 (2021): cities are counted too.
    assert ("空气质量达标城市", 14, "个") in _counts("目前空气质量达标城市达到14个。")


# --- deadlines ----------------------------------------------------------------

def test_dates_that_only_tell_when_are_not_deadlines():
    # 南宁市人民政府 (2022) 整改情况的函: "关于2022年…" in a title commits to nothing;
    # "长期坚持三个阶段" names a kind of stage, not a long-term commitment.
    text = ("南宁市人民政府关于2022年大气污染防治专项审计调查发现问题整改情况的函\n"
            "明确每个问题的整改措施、整改时限和责任单位，按短期攻坚、中期推进和长期坚持三个阶段，紧盯时间节点。")
    assert parse_text(text)["deadlines"] == []
    # 常德市 (2021): "于2021年2月25日向我市正式反馈" reports a past event.
    assert parse_text("督察组于2021年2月25日向我市正式反馈督察意见。")["deadlines"] == []
    # …while "于…前" still binds.
    deadlines = parse_text("于2021年6月30日前完成整改。")["deadlines"]
    assert [d["date"] for d in deadlines] == ["2021-06-30"]


# --- title, issuer, date ------------------------------------------------------

def test_issuer_named_in_the_title_before_guanyu():
    # 南宁市人民政府 (2022)
    facts = parse_text("南宁市人民政府关于2022年大气污染防治专项审计调查发现问题整改情况的函\n自治区审计厅：\n现将整改情况函告如下。")
    assert facts["issuer"] == "南宁市人民政府"


def test_a_government_page_with_a_breadcrumb_and_a_spaced_title_field():
    # 长白山管委会办公室 (2022) information disclosure page
    text = ("长白山管理委员会信息公开专栏 >> 长白山管委会办公室 >> 政府信息公开基础平台\n"
            "索  引 号: 79114715-5/2022-00710\n分  类: 综合政务(其他) ; 通知\n发文机关: 长白山管委会办公室\n"
            "成文日期: 2022年06月10日\n"
            "标      题: 中共长白山保护开发区工委办公室关于印发长白山保护开发区贯彻落实第二轮中央生态环境保护督察反馈问题整改方案的通知\n"
            "发文字号: 长白山党办发〔2022〕10号\n发布日期: 2022年06月15日\n一、指导思想\n以习近平生态文明思想为指导。")
    result = parse_text(text)
    assert result["title"].startswith("中共长白山保护开发区工委办公室关于印发")
    assert (result["issuer"], result["date"]) == ("长白山管委会办公室", "2022-06-10")


def test_a_page_stamp_without_a_label_and_a_title_under_the_senders():
    # 常德市生态环境局 (2021) web page
    text = ("您的位置: 首页 >常德资讯>公示公告>详细内容\n"
            "常德市贯彻落实省生态环境保护督察“回头看”及西洞庭湖生态环境保护专项督察反馈意见整改方案(公开版)\n"
            "2021-06-25 16:57 来源:市生态环境局\n一、指导思想\n持续改善生态环境质量。")
    result = parse_text(text)
    assert result["title"].startswith("常德市贯彻落实") and result["date"] == "2021-06-25"
    # 生态环境部等 (2020): the senders' line above the title is not the title.
    text = "生态环境部 发展改革委\n2020年10月30日\n（此件社会公开）\n长三角地区2020-2021年秋冬季大气污染综合治理攻坚行动方案\n一、总体要求"
    assert parse_text(text)["title"] == "长三角地区2020-2021年秋冬季大气污染综合治理攻坚行动方案"
    assert dt.date.fromisoformat(parse_text(text)["date"]) == dt.date(2020, 10, 30)


def test_a_real_traditional_page_with_pinyin_damage():
    # 四川日报 (2021-08-20) as republished in Traditional with broken pinyin conversion.
    text = ("截至2021年6月底,我省第一輪中央生態(tài)環(huán)境保護(hù)例行及“回頭看”督察反饋意見整改任務(wù)共155項(xiàng),"
            "已完成 146 項(xiàng),整改完成率94.2%,剩余9項(xiàng)整改任務(wù)正在積極推進(jìn)。")
    result = parse_text(text)
    assert ("督察反馈意见整改任务", 155, "项") in [(c["what"], c["value"], c["unit"]) for c in result["counts"]]
    assert [(t["value"], t["kind"]) for t in result["targets"]] == [("94.2", "achieved")]


# --- more provinces and cities ------------------------------------------------

def test_water_quality_rates_are_not_air_quality():
    # 海南省贯彻落实中央第四环境保护督察组督察反馈意见整改方案 (2018)
    text = ("到2020年，森林覆盖率稳定在62%以上，主要河流湖库水质优良率不低于95%，"
            "县城以上城市(镇)集中式饮用水源地水质达标率100%，近岸海域水环境质量优良率不低于95%。")
    assert [(t[0], t[5]) for t in _targets(text)] == [
        ("forest_coverage", None), ("surface_water_good_ratio", None),
        # 县城以上 is a scope of cities, not the county seat.
        ("drinking_water_attainment_ratio", None), ("other", None)]


def test_progress_tallies_of_a_provincial_report():
    # 海南省 (2021) 公开第二轮督察整改落实情况, Traditional page of the ministry
    text = ("截至2021年6月，中央第三生態環境保護督察組反饋的44個問題190項具體任務，已基本達到整改進度要求。"
            "其中，已達整改期限要求的91項整改任務，已完成整改89項，其他整改任務正在全力推進。")
    assert _counts(text) == [("问题", 44, "个"), ("具体任务", 190, "项"), ("整改任务", 91, "项"),
                             ("完成整改", 89, "项")]
    # 人民日报 (2022) on 海南: "44个问题中31个…" counts problems; 措施 are counted too.
    counts = _counts("第二轮中央生态环保督察整改44个问题中31个已完成整改，到期应完成整改措施137项，已完成135项。")
    assert ("问题", 44, "个") in counts and ("整改措施", 137, "项") in counts
    # 六盘水市 (2021): 基本整改完成 is not 整改完成.
    assert _counts("涉及我市问题2个，整改完成1个，基本整改完成1个。") == [
        ("问题", 2, "个"), ("整改完成", 1, "个"), ("基本整改完成", 1, "个")]


def test_the_unit_that_brings_others_in_leads():
    # 六盘水市 (2021) 督查情况通报
    text = "近期，市生态环境保护督察整改工作领导小组办公室会同市委督查机构、市政府督查机构，组成4个督查组分赴六枝特区。"
    assert [(u["name"], u["role"]) for u in parse_text(text)["units"]] == [
        ("市生态环境保护督察整改工作领导小组办公室", "lead"), ("市委督查机构", "co"), ("市政府督查机构", "co")]
    assert ("督查组", 4, "个") in _counts(text)


def test_a_briefing_header_names_its_sender_and_date():
    # 鄂州市 (2021) 环境保护督察反馈意见整改工作简报
    text = ("鄂州市环境保护督察反馈意见整改工作简报(第六期)\n日期:2021-05-18\n"
            "市环境保护督察反馈整改攻坚指挥部办公室     2021年1月13日\n"
            "我市近期对全市突出生态环境问题进行了梳理排查，对62个问题以清单的形式，实行挂图作战。")
    result = parse_text(text)
    assert (result["issuer"], result["date"]) == ("市环境保护督察反馈整改攻坚指挥部办公室", "2021-01-13")
    assert [(c["what"], c["value"]) for c in result["counts"]] == [("问题", 62)]


def test_a_state_of_environment_bulletin_reports_results():
    # 广西壮族自治区生态环境厅 (2023) 《2022广西生态环境状况公报》, as reported
    text = ("2022年，112个国家地表水考核断面水质优良（达到或优于Ⅲ类）比例达98.2%以上，劣Ⅴ类水质断面比例为0；"
            "国家重要江河湖泊水功能区水质达标率为100%，优于国家考核目标要求；"
            "列入自治区最严格水资源管理考核的水功能区水质达标率为98.7%。"
            "近岸海域优良水质面积比例94.5%，优于国家考核目标（92%）要求。")
    targets = parse_text(text)["targets"]
    named = {t["name"]: t for t in targets}
    # How many sites were measured is not part of the indicator's name…
    assert "国家地表水考核断面水质优良（达到或优于Ⅲ类）比例" in named
    # …"优于国家考核目标要求" compares with a target, and 重要 is no "要".
    assert named["国家重要江河湖泊水功能区水质达标率"]["kind"] == "achieved"
    assert named["近岸海域优良水质面积比例"]["kind"] == "achieved"
    # "列入自治区…" qualifies the name; it is no region.
    assert named["列入自治区最严格水资源管理考核的水功能区水质达标率"]["region"] is None
    assert ("国家地表水考核断面", 112, "个") in _counts(text)


def test_monitored_sites_are_counted_not_read_as_a_class_target():
    # 广西日报 (2022-01-26) on 2021 results
    text = ("2021年，全区14个设区市环境空气质量优良天数比例为95.8%；"
            "全区115个国控监测断面有112个断面达到或优于Ⅲ类水质，地表水水质优良比例为97.3%。")
    assert [(t[0], t[2], t[5], t[6]) for t in _targets(text)] == [
        ("good_days_ratio", "95.8", "全区", "achieved"), ("surface_water_good_ratio", "97.3", None, "achieved")]
    assert _counts(text) == [("设区市", 14, "个"), ("国控监测断面", 115, "个"), ("断面", 112, "个")]


def test_black_and_odorous_water_share_is_a_target():
    # 河北省贯彻落实中央环境保护督察组督察反馈意见整改方案 (2016), as reported
    text = "到2017年，河北省PM2.5平均浓度下降到67微克/立方米左右，各市城市建成区黑臭水体控制在30%以内。"
    assert [(t[0], t[1], t[2], t[5]) for t in _targets(text)] == [
        ("pm25_mean", "<=", "67", "河北省"), ("other", "<=", "30", "各市")]


def test_a_taiwan_word_for_project_in_a_traditional_text():
    # 河北省 (2016) sentence through s2twp: 项目 becomes 專案, which in mainland Traditional
    # only names a special case (專案組).
    text = _damaged("对2015年环境保护大检查中查出的13784个违规建设项目，依法依规分类处理。")
    assert _counts(text) == [("违规建设项目", 13784, "个")]
    assert normalize("成立專案組，專案盯辦。")[0] == "成立专案组，专案盯办。"


def test_a_stated_water_class_of_a_past_year_is_a_result():
    # 新华社 (2021-01-12) on 云南 九大高原湖泊, Traditional
    targets = _targets("2018年以來，九大高原湖泊保護治理取得成效。\n2020年，滇池全湖水質為Ⅳ類。")
    assert targets == [("section_water_class", "=", "4", "类", 2020, None, "achieved")]
    # 云南 (2021): 制定 is the verb before the counted measures.
    assert _counts("共制定整改措施1736條，已整改完成1620條。") == [("整改措施", 1736, "条"), ("整改完成", 1620, "条")]


def test_counts_in_an_inspection_case():
    # 中央第七生态环境保护督察组 (2024) 云南 典型案例
    text = ("于2022年底前36个社区采取工程措施实现精准截污。36个社区涉及的155个自然村中，仍有61个未建成污水收集处理设施。"
            "方案明确应于2023年底前完成的20个治理项目，仍有13个未完成。")
    # "36个社区涉及的…" counts what follows 的, and "13个未完成" counts nothing new.
    assert _counts(text) == [("社区", 36, "个"), ("自然村", 155, "个"), ("治理项目", 20, "个")]


def test_changes_from_one_value_to_another():
    # Plans write 由, 从 or 自 before the starting value; "平均浓度" in the name makes no result.
    assert _targets("到2025年，全市细颗粒物平均浓度从35微克/立方米下降到30微克/立方米。") == [
        ("pm25_mean", "=", "30", "微克/立方米", 2025, "全市", "target")]
    # 行政院环境保护署 (2017) project summary, Taiwan: years of the Republic's calendar
    # between 自…降低至… do not hide the values.
    text = "細懸浮微粒年平均濃度自103年23.5 μg/m3降低至105年20.0 μg/m3。"
    # Without a marker of Taiwan, a Traditional text's three-digit years are still the Republic's.
    assert _targets(text) == [("pm25_mean", "=", "20.0", "μg/m3", 2016, None, "achieved")]


def test_adverbs_and_a_second_noun_end_the_counted_noun():
    # 河北省贯彻落实第二轮中央生态环境保护督察报告整改方案 (2023, 公开稿)
    text = "中央督察组进驻期间移交的2388件群众信访举报问题有效解决，4个方面问题全面彻底整改到位。"
    assert _counts(text) == [("群众信访举报问题", 2388, "件"), ("方面问题", 4, "个")]
    # 石家庄市 (2019) 省督察“回头看”整改方案
    assert _counts("对照督察期间群众举报的2486个信访环境问题和反馈意见交办的问题，全面查找短板。") == [
        ("信访环境问题", 2486, "个")]
