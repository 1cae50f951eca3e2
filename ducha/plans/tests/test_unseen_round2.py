"""Notices of one rectification item the review had not seen (issue 11, item 7, second round).

County and district governments publish each rectification item as they close it
(整改情况公示, 整改结果公示): the problem the inspectors found, the target, the measures,
the unit, the deadline and the work reported done, each part headed by its field.
Each case quotes the published notice (source in review_scores.ANSWERS).
"""

from ducha.plans.proposals import propose
from ducha.plans.proposing import quality_indicators
from ducha.plans.reading.parse import analyse


def _review(text):
    clean, parse = analyse(text)
    items = propose(clean, parse, quality_indicators())
    return ([p.payload for p in items if p.kind == "task"],
            [(p.payload["indicator"], p.payload["value"]) for p in items if p.kind == "target"])


# 和布克赛尔县 (2020): numbered parts, the unit a part of its own, no deadline stated.
HOBOKSAR = """中央环保督察反馈意见第二十七项整改任务,经县委、县政府及相关部门按照自治区、地区整改方案的整改目标、整改措施和整改时限要求已完成整改任务,现将有关情况公示如下:
一、整改任务
自治区住建厅推进落实环保基础设施建设不力,“十二五”确定的新改建污水处理设施和污水再生利用工程,到2015年底分别完成规划目标81%、42%和27%,目前对相关工程掌握不清。
二、 整改责任单位
和布克赛尔县住房和城乡建设局
三、 整改完成情况
对照“十二五”规划中列入国家、自治区投资建设计划和地方政府建设计划的污水处理设施和污水再生利用工程项目,和布克赛尔县污水处理系统及附属工程于2018年开工建设,2019年6月29日进行工程竣工验收。已完成整改任务。"""


def test_the_parts_of_a_notice_are_the_fields_of_one_task():
    (task,), _ = _review(HOBOKSAR)
    assert task["problem"].startswith("自治区住建厅推进落实环保基础设施建设不力")
    assert task["unit_cell"] == "和布克赛尔县住房和城乡建设局"
    # "到2015年底分别完成规划目标81%" is what the inspectors found, not a deadline: neither the task's
    # nor one offered for review on its own; nor are the dates of the work reported done.
    assert task["deadline_text"] == ""
    clean, parse = analyse(HOBOKSAR)
    assert [p for p in propose(clean, parse, quality_indicators()) if p.kind == "deadline"] == []


# 新宾县 (2023): the deadline stands in a measure; the work reported done repeats it and says 立行立改.
XINBIN_2023 = """一、整改任务

河道管理仍有差距,部分河段未开展巡河工作,河道垃圾未及时清理。

二、整改目标

层层压实责任,深入开展全市河道清理整治,实现水清岸净。

三、整改措施

1.严格落实河长制。进一步压实各级河长责任,把河流治理和保护作为主要内容进行巡查,发现问题及时整改。

2.开展河道垃圾清理行动。各县区要全面清理辖区内河道垃圾,2021年3月底前新抚区、东洲区、顺城区和新宾县要完成海新河、鲍家河、苏子河河道垃圾清理工作,并建立长效机制。

四、整改主要工作及成效

1.压实各级河长责任,加大各级河长巡河频次和检查力度,积极主动发现问题,对发现的问题做到立行立改。

2.结合河长巡河工作,开展河道清四乱及垃圾清理专项行动工作,2021年3月底前完成了苏子河河道垃圾清理工作。"""


def test_the_deadline_of_a_notice_comes_from_its_measures_not_from_the_work_done():
    (task,), _ = _review(XINBIN_2023)
    assert task["deadline_text"] == "2021年3月底前"
    assert task["target"] == "层层压实责任，深入开展全市河道清理整治，实现水清岸净"
    assert "开展河道垃圾清理行动" in task["measures"]
    assert "巡河频次" not in task["measures"]


# 新宾县 (2020): the page lost its line breaks, so "二、整改目标" follows the problem's last sentence.
XINBIN_2020 = ("一、中央环境保护督察反馈意见整改任务 问题编号十四:有的地方对待督察整改态度消极。按照省政府与抚顺市政府"
               "签订的水污染防治目标责任书要求,抚顺市2016年河流水质优良比例应达到75%,但在制订督察整改方案时,"
               "抚顺市仍将整改目标设定为全市河流水质优良比例2017年达到45.4%、2020年达到51.2%。 "
               "二、整改目标 实施浑河流域综合整治,确保考核断面优良比例达到75%以上。 三、整改措施 "
               "(一)2019年6月至8月,开展重点水污染源“百日攻坚”专项执法行动。")


def test_figures_of_the_problem_found_are_no_targets():
    (task,), targets = _review(XINBIN_2020)
    assert targets == [("surface_water_good_ratio", "75")]
    assert task["target"] == "实施浑河流域综合整治，确保考核断面优良比例达到75%以上"
    assert task["problem"].startswith("问题编号十四")


# 四平市铁东区 (2019): "整改任务：" and "整改目标：" as line labels, the work done numbered below.
TIEDONG = """整改任务:在一些具体整改任务中,一些地方仍然存在不作为、慢作为,甚至敷衍应对等突出问题。
整改目标:压实责任落实,健全机制体制。
整改完成情况:
1、区委区政府及各乡镇针对环保整改问题不定期召开任务推进会议,压实责任。
2、每月调度预警,强化督查督办,及时召开任务推进会议解决问题难题。
特此公示!"""


def test_a_labelled_item_without_a_deadline_is_proposed_with_its_deadline_left_open():
    (task,), _ = _review(TIEDONG)
    assert "不作为、慢作为" in task["problem"]
    assert task["target"] == "压实责任落实，健全机制体制"
    assert task["deadline_text"] == ""


# 海东市乐都区 (2020): the notice is a two-column table, one row per field.
LEDU = """整改任务概述 | 重点地区大气污染问题凸显。海东市2019年上半年PM2.5浓度同比上升24.2%,被生态环境部预警提醒。 |
整改责任单位 | 海东市乐都区生态环境局 |
整改目标 | 进一步强化重点地区大气污染防治工作,全面实施西宁、海东大气污染联防联控,促进区域环境空气质量稳中向好。 |
整改措施及成效 | 措施:1、按照《海东市乐都区打赢蓝天保卫战三年行动实施方案2018—2020年)》的要求,落实部门职责,完成目标任务。 成效:2020年上半年乐都区PM2.5平均浓度为35.94μg/m3,同比下降8.83%。 |
整改时间 | 2020年5月至2020年10月 |"""


def test_a_notice_as_table_rows_gives_its_period_and_unit():
    (task,), targets = _review(LEDU)
    assert task["deadline_text"] == "2020年5月至2020年10月"
    assert task["unit_cell"] == "海东市乐都区生态环境局"
    assert task["problem"].startswith("重点地区大气污染问题凸显")
    assert targets == []


def test_measures_that_each_have_a_deadline_stay_separate_tasks():
    # 新宾县's notice with a deadline added to its first measure (made up for this test): measures
    # each with a deadline of their own are a list of tasks, not one item's parts.
    text = XINBIN_2023.split("四、")[0].replace(
        "1.严格落实河长制。", "1.严格落实河长制。2021年12月底前建立河长巡河通报制度。")
    tasks, _ = _review(text)
    assert [t["deadline_text"] for t in tasks] == ["2021年12月底前", "2021年3月底前"]
