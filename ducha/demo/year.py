"""A year of life on the demo's open tasks (plain data; ducha.demo.life writes it).

Every date is in days before the day the demo is loaded (T): monthly progress reports from every
responsible unit, three dispatch rounds (the latest still open, past due, with a reminder sent),
warnings over three months, supervision records and office chronicle entries.
"""

# Open tasks of the demo: (plan key, number).
OPEN_TASKS = [("city", "2"), ("city", "2.3"), ("city", "2.4"), ("city", "3"), ("city", "3.1"), ("city", "5"),
              ("city", "6"), ("city", "10"), ("county", "2")]

# Plain monthly reports outside the rounds, in days before T: every unit, and the lead unit also in
# the months between.
ALL_UNITS_DAYS = (330, 270, 210, 150, 90)
LEAD_DAYS = (360, 300, 240, 180, 120)

# Rounds, titled by the month they open in: (key, kind, opened, due, closed) in days before T (closed None: still open).
ROUNDS = [
    ("r1", "monthly", 75, 68, 60),
    ("r2", "monthly", 45, 38, 30),
    ("r3", "monthly", 12, 5, None),
]
# The latest round's reminder to the units still missing went out this many days before T.
REMINDED = 1
# How a unit answered a round, when not left to chance: (round, plan, number, unit key) → status.
ON_TIME, LATE, MISSING = "on_time", "late", "missing"
FIXED = {
    # The latest round: tasks judged ahead / on schedule reported in full; 松阳 owes task 3 (its to-do).
    **{("r3", p, n, u): ON_TIME for p, n, units in [
        ("city", "2.4", ("longquan_gov", "longquan_eco")), ("county", "2", ("songyang_gov", "songyang_eco")),
        ("city", "5", ("publicity", "office", "city_gov")),
        ("city", "6", ("eco", "econ", "housing", "transport", "enforce"))] for u in units},
    # Tasks whose warnings should stay blue reported on time in every round.
    **{(r, p, n, u): ON_TIME for r in ("r1", "r2") for p, n, units in [
        ("city", "2.4", ("longquan_gov", "longquan_eco")), ("county", "2", ("songyang_gov", "songyang_eco"))]
       for u in units},
    ("r3", "city", "3", "songyang_gov"): MISSING,
    ("r3", "city", "3.1", "liandu_gov"): MISSING,
    ("r3", "city", "10", "housing"): MISSING,
    ("r3", "city", "3", "qingtian_gov"): LATE,
    ("r3", "city", "2", "nr"): LATE,
    ("r2", "city", "2.3", "jingning_gov"): MISSING,
    ("r2", "city", "3", "songyang_gov"): LATE,
    ("r1", "city", "10", "agri"): MISSING,
    ("r1", "city", "6", "transport"): LATE,
}
# Stages reported done (plan, number, stage position, days before T, unit key, text). The long-term
# tasks 5 and 6 (judged on schedule) also report every later stage that fell due before that day, so a
# demo loaded after their last stage date still shows them on schedule.
STAGES_DONE = [
    ("city", "3", 0, 100, "housing", "全市城区排水管网排查全部完成，破损点位清单已建立并逐一销号。"),
    ("city", "6", 0, 8, "eco", "2021年度空气质量目标经复核全部达成，年度目标考核材料已报送。"),
    ("city", "5", 0, 9, "publicity", "各级理论学习中心组专题学习已全部完成，学习台账已归档。"),
]
ALSO_LATER = {("city", "5"), ("city", "6")}
PHOTOS = 10

# Texts by unit kind, varied by month.
DONE_TEXTS = [
    "按整改方案推进各项措施，本月完成既定节点任务。",
    "开展现场核查，对发现的问题建立清单、逐项整改。",
    "召开专题推进会，协调解决资金和用地问题。",
    "完成阶段性工程量，组织第三方开展质量检测。",
    "对照整改目标开展自查，相关佐证材料已归档。",
    "督促责任单位加快施工进度，现场巡查未见反弹。",
]
PROBLEM_TEXTS = ["", "", "部分点位施工受天气影响，进度略有滞后。", "资金拨付进度偏慢。", ""]
NEXT_TEXTS = ["下月继续推进，确保按期完成。", "加强日常巡查和长效管护。", "完成剩余工程量并组织验收准备。"]

# Warnings: (months before this month, plan, number, decision, colour, reason). Proposed for those
# tasks only in the two earlier months; for every open task in this month. Each red is confirmed once
# (the rules draft one 约谈 per red).
WARNING_DECISIONS = [
    (2, "city", "6", "confirm", "", ""),
    (2, "city", "2.4", "confirm", "", ""),
    (2, "county", "2", "confirm", "", ""),
    (1, "city", "6", "confirm", "", ""),
    (1, "city", "2.4", "confirm", "", ""),
    (1, "county", "2", "confirm", "", ""),
    (0, "city", "2", "override", "yellow",
     "庆元、缙云两地复绿已销号，景宁、龙泉剩余地块已明确补植计划和完成时间，经整改办研究改定为黄牌，下月复核。"),
    (0, "city", "2.3", "confirm", "", ""),
    (0, "city", "3", "confirm", "", ""),
    (0, "city", "3.1", "confirm", "", ""),
    (0, "city", "10", "confirm", "", ""),
    (0, "city", "6", "confirm", "", ""),
    (0, "city", "2.4", "confirm", "", ""),
    (0, "county", "2", "confirm", "", ""),
    # city 5 is left proposed: the office still has this month's proposal to decide (its to-do).
]
EXTERNAL_EVENT = dict(plan="city", number="2.3", kind="bulletin", level="provincial",
                      source="浙江省生态环境保护督察整改工作通报（第5期）",
                      note="通报景宁县毁林垦地复绿地块苗木成活率低、管护不到位问题。")

LETTER = dict(plan="city", number="6", days_ago=20, reply_days=15,
              required="你单位牵头的第6项整改任务连续两个月被亮黄牌，2021年度目标阶段节点未报告完成。"
                       "请于回复期限前书面报告滞后原因、整改措施和完成时限。",
              reply="已对照年度目标逐项复核，2021年度目标阶段已报告完成并附考核材料；"
                    "今后按月调度报送进展，确保2026年度目标按期完成。")
ORDER = dict(plan="city", number="3", unit="songyang_gov", days_ago=40, reply_days=20,
             required="请松阳县加快县城区雨污分流改造和破损管网修复，按时报送调度进展，书面报告整改情况。",
             reply="县城区破损管网已修复126处，剩余城中村片区正在施工，预计年底前完工；已落实专人按时报送调度进展。")
LISTED = dict(plan="city", number="3.1", unit="liandu_gov", days_ago=25, reply_days=30,
              required="莲都区城区雨污分流改造逾期未完成，汛期仍有溢流，予以挂牌督办，请每半月报告整改进展。",
              reason="督导组现场核查发现雨污混接点仍有溢流，整改已超过时限。")
INTERVIEW = dict(plan="city", number="10", unit="housing", days_ago=15,
                 required="就城镇污水处理厂提标改造逾期问题约谈市住房和城乡建设局主要负责人。",
                 participants="市整改办主任；市住房和城乡建设局局长、分管副局长；相关县（市、区）住建部门负责人",
                 minutes="约谈指出：剩余2座城镇污水处理厂清洁排放技术改造逾期近一年，进水水量不足不是延期理由。"
                         "要求倒排工期、挂图作战，每周报告工程进度。",
                 commitments="市住房和城乡建设局承诺：2027年3月底前完成剩余2座污水处理厂改造并通水试运行；"
                             "每周向市整改办报送工程进度。")
# Supervisors' flags with their story: (plan, number, note, reply by the unit's officer or "", closed).
FLAG_STORIES = [
    ("county", "2", "城中村雨污分流改造现场施工围挡不规范，请说明剩余两个片区的完工时间。",
     "已整改施工围挡，剩余两个片区计划12月底前完工，已附施工计划。", True),
    ("county", "2", "县城区破损管网修复点位未见影像佐证，请补充修复前后对比照片。", "", False),
    ("city", "6", "扬尘专项执法数据与月报数据不一致，请核实。",
     "经核实，月报统计口径为市区，执法数据含各县，已在本期报告中分别列明。", False),
]
# Office chronicle entries: (plan or task number or None for the plan, days ago, title, text).
CHRONICLE = [
    (None, 70, "召开全市督察整改工作月度调度会",
     "市整改办通报第一次调度情况，对迟报、漏报单位提出批评，部署下阶段重点任务。"),
    (None, 40, "召开全市督察整改工作调度会", "听取各牵头单位整改进展汇报，研究垦造耕地复绿和污水管网改造难点问题。"),
    ("3.1", 22, "现场督导：莲都区城区雨污分流改造", "市督导组赴莲都区实地查看雨污混接点整改情况，发现仍有溢流，提出挂牌督办建议。"),
    ("2.3", 10, "现场督导：景宁县复绿地块管护", "市督导组抽查复绿地块，苗木成活率偏低地块已安排补植。"),
]
