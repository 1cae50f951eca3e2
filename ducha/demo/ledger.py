"""The inspection, its problems, the plans and their tasks (plain data).

Problems, targets and measures follow the published plan
(data/lishui-2021-plan.txt). Deadlines marked SOON are set relative to the
day the demo is loaded, so the "due soon" views always have something in
them; every other date is fixed.
"""

import datetime as dt

SOON = "soon"  # deadline = load day + SOON_DAYS
SOON_DAYS = 18
LATER = "later"  # deadline = load day + LATER_DAYS (a task the plan added later: it began recently)
LATER_DAYS = 240
D = dt.date

INSPECTION = dict(
    name="第二轮中央生态环境保护督察", level="central", round_number=2, team="中央第三生态环境保护督察组",
    division="330000", on_site_start=D(2020, 8, 26), on_site_end=D(2020, 9, 26), feedback_date=D(2021, 4, 28),
)

CITY_PLAN = dict(
    code="LS-2021-ZY2", title="丽水市贯彻落实第二轮中央生态环境保护督察报告整改方案",
    issuer="中共丽水市委 丽水市人民政府", issued_on=D(2021, 10, 27), division="331100",
)
COUNTY_PLAN = dict(
    code="SY-2021-ZY2", title="松阳县贯彻落实第二轮中央生态环境保护督察报告整改实施方案",
    issuer="中共松阳县委 松阳县人民政府", issued_on=D(2021, 11, 20), division="331124",
)

# Problem code → (kind, division, description)
PROBLEMS = {
    "GX-1": ("specific", "331100", "松阳县、龙泉市不锈钢行业放松监管，部分企业超标排放，酸洗废水、废气治理不到位。"),
    "GX-2": ("specific", "331100", "庆元、缙云、景宁、龙泉等地垦造耕地项目毁林垦地，严重破坏生态。"),
    "GX-3": ("specific", "331100", "部分地区污水管网破损、雨污分流改造滞后或不彻底，汛期污水溢流。"),
    "GX-4": ("specific", "331121", "青田县腊口镇污水处理设施建设滞后，集镇生活污水未得到有效收集处理。"),
    "GG-1": ("common", "331100", "学习贯彻习近平生态文明思想不够深入，生态环境保护“党政同责、一岗双责”压得不实。"),
    "GG-2": ("common", "331100", "细颗粒物和臭氧协同控制不力，挥发性有机物、工业炉窑、扬尘等领域治理存在短板。"),
    "GG-3": ("common", "331100", "部分国控、省控断面水质不稳定，工业园区和乡镇“污水零直排区”建设质量不高。"),
    "GG-4": ("common", "331100", "涉重金属行业污染防治和受污染耕地、污染地块风险管控存在薄弱环节。"),
    "GG-5": ("common", "331100", "小微产废企业危险废物收运体系不健全，清运难问题突出，“无废城市”建设推进不快。"),
    "GG-6": ("common", "331100", "城镇污水处理厂提标改造和农村生活污水处理设施运维不到位，部分设施出水不达标。"),
    "GG-7": ("common", "331100", "督察移交的生态环境损害责任追究问题查处和问责工作需按时完成。"),
}

# A task: number, problem code, lead + co-units (keys in units.UNITS), five
# clarities, category, domains, and the history of progress reports
# (actor, fields), applied in order through ducha.ledger.actions (a state
# is reached through the declared transitions).
# Sub-tasks are listed under "children"; "plan": "county" puts one in 松阳's plan.
IN, DONE, OFF = "in_progress", "completed", "signed_off"

TASKS = [
    dict(
        number="1", problem="GX-1", units=["econ", "eco", "songyang_gov", "longquan_gov"],
        target="不锈钢企业稳定达标排放，行业监管责任落实到位，完成“一县一品”改造提升。",
        measures="开展不锈钢行业专项整治，逐家排查酸洗、退火工序废水废气治理设施；对超标排放企业依法查处并限期整改；"
                 "深化“低散乱”企业整治，推进行业集聚、绿色化改造；举一反三排查合成革、阀门等传统行业。",
        responsible_people="市经信局主要负责人；市生态环境局主要负责人；松阳县、龙泉市政府主要负责人",
        supervising_leader="分管工业经济工作副市长", supervising_unit="office", acceptance_unit="eco",
        category="staged", deadline=D(2022, 12, 31), deadline_text="2022年底前",
        stages=[("2021年底前完成排查和立案查处", D(2021, 12, 31)), ("2022年底前完成改造提升", D(2022, 12, 31))],
        domains=["大气", "水"],
        history=[
            ("coordinator", dict(state=IN, progress=30, progress_note="已完成全市不锈钢企业“一企一档”排查，立案查处超标排放企业。")),
            ("ecology", dict(progress=75, progress_note="松阳、龙泉两地酸洗废水治理设施改造基本完成，在线监测联网率100%。")),
            ("coordinator", dict(state=DONE, completed_on=D(2022, 12, 28),
                                 progress_note="龙泉市子任务已销号；松阳县子任务已完成整改，待市级验收后统一申请销号。")),
        ],
        children=[
            dict(number="1", plan="county", problem="GX-1", units=["songyang_gov", "songyang_eco", "songyang_steel"],
                 target="县域不锈钢企业全部稳定达标排放。",
                 measures="对园区内不锈钢企业逐家开展废水、废气治理设施核查；对超标排放企业停产整治；建设园区酸洗废水集中处理设施。",
                 responsible_people="松阳县人民政府县长；县经济商务科技局、丽水市生态环境局松阳分局主要负责人",
                 supervising_leader="县委副书记、县长", category="by_deadline", deadline=D(2022, 12, 31),
                 deadline_text="2022年12月底前", domains=["大气", "水"],
                 history=[
                     ("songyang", dict(state=IN, progress=40, progress_note="完成园区不锈钢企业全面排查，对3家超标企业立案处罚并责令停产整治。")),
                     ("songyang", dict(progress=80, progress_note="园区酸洗废水集中处理设施主体完工，试运行出水达标。")),
                     ("songyang", dict(state=DONE, completed_on=D(2022, 12, 20),
                                       progress_note="集中处理设施正式运行，整改企业经复查全部达标，已提交销号申请。")),
                 ]),
            dict(number="1.2", problem="GX-1", units=["longquan_gov", "longquan_eco", "longquan_steel"],
                 target="龙泉市不锈钢企业稳定达标排放，完成整治提升。",
                 measures="关停淘汰落后产能，保留企业完成废气收集处理提升改造，纳入重点排污单位管理。",
                 responsible_people="龙泉市人民政府市长", supervising_leader="龙泉市委书记",
                 category="by_deadline", deadline=D(2022, 6, 30), deadline_text="2022年6月底前", domains=["大气", "水"],
                 history=[
                     ("coordinator", dict(state=IN, progress=50, progress_note="关停淘汰落后不锈钢企业，保留企业启动提升改造。")),
                     ("coordinator", dict(state=DONE, completed_on=D(2022, 6, 15), progress_note="提升改造全部完成，监测达标。")),
                     ("coordinator", dict(state=OFF, progress_note="经市级验收、公示无异议，予以销号。")),
                 ]),
        ],
    ),
    dict(
        number="2", problem="GX-2", units=["nr", "forest", "ndrc", "eco", "qingyuan_gov", "jinyun_gov",
                                           "jingning_gov", "longquan_gov"],
        target="退耕还林“应还尽还”、生态复绿“应复必复”、管护提质“应提尽提”，垦造耕地项目闭环管理。",
        measures="成立垦造耕地问题整改工作领导小组和市县两级工作专班，全面排查摸清底数；对不符合选址要求的项目予以撤销并复绿；"
                 "建立选址论证、立项审批、施工监管、竣工验收、后期管护全流程监管制度。",
        responsible_people="市自然资源和规划局主要负责人；市林业局主要负责人；相关县（市）政府主要负责人",
        supervising_leader="市委、市政府主要领导（双组长）", supervising_unit="office", acceptance_unit="nr",
        category="staged", deadline=D(2025, 12, 31), deadline_text="2025年底前",
        stages=[("2021年底前完成排查", D(2021, 12, 31)), ("2023年底前完成复绿", D(2023, 12, 31)),
                ("2025年底前完成管护提质", D(2025, 12, 31))],
        domains=["生态", "土壤"],
        history=[
            ("coordinator", dict(state=IN, progress=20, progress_note="完成全市垦造耕地项目排查，建立问题清单。")),
            ("coordinator", dict(progress=70, progress_note="庆元、缙云完成复绿；景宁、龙泉复绿和管护提质推进中。")),
        ],
        children=[
            dict(number="2.1", problem="GX-2", units=["qingyuan_gov", "qingyuan_eco"],
                 target="庆元县毁林垦地地块全部复绿。", measures="撤销不符合选址要求的项目，实施退耕还林和生态修复。",
                 responsible_people="庆元县人民政府县长", supervising_leader="庆元县委书记",
                 category="by_deadline", deadline=D(2023, 6, 30), deadline_text="2023年6月底前", domains=["生态"],
                 history=[("coordinator", dict(state=IN, progress=60, progress_note="已撤销项目并完成补植。")),
                          ("coordinator", dict(state=DONE, completed_on=D(2023, 5, 30), progress_note="复绿完成。")),
                          ("coordinator", dict(state=OFF, progress_note="市级验收通过，公示期满无异议，已销号。"))]),
            dict(number="2.2", problem="GX-2", units=["jinyun_gov", "jinyun_eco"],
                 target="缙云县毁林垦地地块全部复绿。", measures="实施复绿和管护，落实林长制日常巡查。",
                 responsible_people="缙云县人民政府县长", supervising_leader="缙云县委书记",
                 category="by_deadline", deadline=D(2023, 12, 31), deadline_text="2023年底前", domains=["生态"],
                 history=[("coordinator", dict(state=IN, progress=55, progress_note="复绿面积过半。")),
                          ("coordinator", dict(state=DONE, completed_on=D(2023, 12, 10),
                                               progress_note="复绿完成，已提交销号申请，待现场核查。"))]),
            dict(number="2.3", problem="GX-2", units=["jingning_gov"],
                 target="景宁县毁林垦地地块复绿并完成管护提质。", measures="补植补造，落实三年管护期。",
                 responsible_people="景宁畲族自治县人民政府县长", supervising_leader="景宁县委书记",
                 category="by_deadline", deadline=D(2025, 6, 30), deadline_text="2025年6月底前", domains=["生态"],
                 history=[("coordinator", dict(state=IN, progress=45, progress_note="完成第一批补植。")),
                          ("coordinator", dict(progress=80, progress_note="管护提质推进中，部分地块苗木成活率偏低需补植。"))]),
            dict(number="2.4", problem="GX-2", units=["longquan_gov", "longquan_eco"],
                 target="龙泉市毁林垦地地块复绿并完成管护提质。", measures="复绿、补植和管护，建立项目闭环管理台账。",
                 responsible_people="龙泉市人民政府市长", supervising_leader="龙泉市委书记",
                 category="by_deadline", deadline=LATER, started_days_ago=120, domains=["生态"],
                 history=[("coordinator", dict(state=IN, progress=65, progress_note="复绿完成，管护提质进行中。"))]),
        ],
    ),
    dict(
        number="3", problem="GX-3", units=["housing", "eco", "enforce", "liandu_gov", "songyang_gov", "qingtian_gov"],
        target="城市排水管网和工业园区管网完成排查修复，雨污分流改造到位，根治污水溢流。",
        measures="全面开展管网问题短板大排查；加快城市排水管网、工业园区管网改造修复和完善；推进雨污分流改造；"
                 "建成运行腊口污水处理厂；推进城镇污水处理厂清洁排放技术改造。",
        responsible_people="市住房和城乡建设局主要负责人；相关县（市、区）政府主要负责人",
        supervising_leader="分管城建工作副市长", supervising_unit="office", acceptance_unit="housing",
        category="long_term", deadline=None, deadline_text="“十四五”期间持续推进",
        stages=[("2021年底前完成管网排查", D(2021, 12, 31)), ("2025年底前完成雨污分流改造", D(2025, 12, 31))],
        domains=["水"],
        history=[
            ("coordinator", dict(state=IN, progress=35, progress_note="完成市区及各县城区排水管网排查，建立破损点位清单。")),
            ("ecology", dict(progress=60, progress_note="青田县腊口污水处理厂已建成运行；市区雨污分流改造持续推进。")),
        ],
        children=[
            dict(number="3.1", problem="GX-3", units=["liandu_gov", "housing"],
                 target="莲都区城区雨污分流改造全面完成。", measures="实施老旧小区和背街小巷雨污分流改造，修复破损管网。",
                 responsible_people="莲都区人民政府区长", supervising_leader="莲都区委书记",
                 category="by_deadline", deadline=D(2025, 12, 31), deadline_text="2025年底前", domains=["水"],
                 history=[("coordinator", dict(state=IN, progress=40, progress_note="完成改造片区过半。")),
                          ("coordinator", dict(progress=70, progress_note="剩余片区受施工条件限制，进度滞后。"))]),
            dict(number="2", plan="county", problem="GX-3", units=["songyang_gov", "songyang_eco"],
                 target="松阳县城区破损管网全部修复，雨污分流改造完成。",
                 measures="对县城区排水管网开展CCTV检测，修复破损点位，完成城中村雨污分流改造。",
                 responsible_people="松阳县人民政府分管副县长；县住建局局长", supervising_leader="松阳县人民政府县长",
                 category="by_deadline", deadline=SOON, domains=["水"],
                 history=[("songyang", dict(state=IN, progress=50, progress_note="完成县城区管网CCTV检测，修复破损点位。")),
                          ("songyang", dict(progress=85, progress_note="城中村雨污分流改造剩余两个片区，年底前完工。"))]),
        ],
    ),
    dict(
        number="4", problem="GX-4", units=["qingtian_gov", "housing", "eco"],
        target="建成运行腊口污水处理厂，集镇生活污水收集处理率明显提升。",
        measures="加快腊口污水处理厂及配套管网建设，同步实施截污纳管和出水在线监控。",
        responsible_people="青田县人民政府县长；市住房和城乡建设局分管负责人",
        supervising_leader="分管城建工作副市长", acceptance_unit="housing",
        category="by_deadline", deadline=D(2022, 12, 31), deadline_text="2022年底前", domains=["水"],
        history=[("coordinator", dict(state=IN, progress=50, progress_note="配套管网建设完成。")),
                 ("coordinator", dict(state=DONE, completed_on=D(2022, 11, 30), progress_note="腊口污水处理厂建成通水。")),
                 ("coordinator", dict(state=OFF, progress_note="经市级验收，公示无异议，予以销号。"))],
    ),
    dict(
        number="5", problem="GG-1", units=["publicity", "office", "city_gov"],
        target="深入学习贯彻习近平生态文明思想，压紧压实生态环境保护政治责任。",
        measures="通过理论学习中心组学习会等形式深入学习；完善市直部门生态环境保护责任清单；"
                 "把GEP和GDP一并确立为核心发展指标；健全督察整改问责机制，适时开展“回头看”。",
        responsible_people="市委宣传部、市整改办主要负责人", supervising_leader="市委副书记",
        category="long_term", deadline=None, deadline_text="长期坚持",
        stages=[("2021年底前完成专题学习", D(2021, 12, 31)), ("每年开展一次整改“回头看”", D(2026, 12, 31))],
        domains=["其他"],
        history=[("coordinator", dict(state=IN, progress=60, progress_note="各级理论学习中心组完成专题学习，责任清单已印发。")),
                 ("coordinator", dict(progress=80, progress_note="2026年度整改“回头看”已部署。"))],
    ),
    dict(
        number="6", problem="GG-2", units=["eco", "econ", "housing", "transport", "enforce"],
        target="市区PM2.5平均浓度低于24微克/立方米，空气质量优良天数比例保持在97%以上，PM2.5和臭氧“双控双减”。",
        measures="统筹固定源、移动源和面源治理；深入开展挥发性有机物、工业炉窑、柴油货车、扬尘、露天焚烧等重点领域治理；"
                 "挥发性有机物和氮氧化物协同防控。",
        responsible_people="市生态环境局主要负责人", supervising_leader="分管生态环境工作副市长",
        supervising_unit="office", acceptance_unit="eco",
        category="long_term", deadline=D(2021, 12, 31), deadline_text="2021年底前并长期坚持",
        stages=[("2021年度目标", D(2021, 12, 31)), ("2026年度目标", D(2026, 12, 31))], domains=["大气"],
        history=[("ecology", dict(state=IN, progress=50, progress_note="完成重点行业挥发性有机物治理提升。")),
                 ("ecology", dict(progress=80, progress_note="年度空气质量目标按月调度，扬尘和露天焚烧专项执法持续开展。"))],
    ),
    dict(
        number="7", problem="GG-3", units=["water", "eco", "housing", "agri"],
        target="地表水Ⅰ-Ⅲ类水比例占98%以上，县级以上饮用水水源地水质达标率100%，“污水零直排区”全覆盖。",
        measures="国控、省控断面“一点一策”治理；推进饮用水水源保护区规范化建设；全面推进工业园区、乡镇（街道）、"
                 "生活小区“污水零直排区”建设。",
        responsible_people="市水利局、市生态环境局主要负责人", supervising_leader="分管水利工作副市长",
        acceptance_unit="eco", category="by_deadline", deadline=D(2022, 12, 31), deadline_text="2022年底前",
        domains=["水"],
        history=[("ecology", dict(state=IN, progress=60, progress_note="“一点一策”方案全部制定。")),
                 # The lead unit (市水利局) has no demo account: the office records its claim.
                 ("coordinator", dict(state=DONE, completed_on=D(2022, 12, 25), progress_note="“污水零直排区”建设通过省级验收。")),
                 ("coordinator", dict(state=OFF, progress_note="资料审核、现场核查通过，公示10个工作日无异议，予以销号。"))],
    ),
    dict(
        number="8", problem="GG-4", units=["eco", "agri", "nr"],
        target="受污染耕地和污染地块安全利用率达到93%。",
        measures="深化涉重金属行业污染综合防治；实施农用地分类管控；加强污染地块风险管控，完善部门联动监管机制。",
        responsible_people="市生态环境局、市农业农村局主要负责人", supervising_leader="分管生态环境工作副市长",
        acceptance_unit="eco", category="by_deadline", deadline=D(2021, 12, 31), deadline_text="2021年底前",
        domains=["土壤"],
        history=[("ecology", dict(state=IN, progress=70, progress_note="完成农用地分类清单更新。")),
                 ("ecology", dict(state=DONE, completed_on=D(2021, 12, 20), progress_note="安全利用率达到年度目标。")),
                 ("coordinator", dict(state=OFF, progress_note="验收通过，予以销号。"))],
    ),
    dict(
        number="9", problem="GG-5", units=["eco", "econ", "housing", "enforce", "yunhe_gov", "jingning_gov"],
        target="小微产废企业固体废物集中收运体系县（市、区）全覆盖，2022年完成全域“无废城市”建设。",
        measures="加快小微产废企业及实验室固体废物集中统一收运体系建设；推进固废产生、收集、运输、利用、处置全流程监管；"
                 "支持云和县、景宁县率先完成“无废城市”建设。",
        responsible_people="市生态环境局主要负责人", supervising_leader="分管生态环境工作副市长",
        acceptance_unit="eco", category="by_deadline", deadline=D(2022, 12, 31), deadline_text="2022年底前",
        domains=["固废"],
        history=[("ecology", dict(state=IN, progress=50, progress_note="收运体系覆盖7个县（市、区）。")),
                 ("ecology", dict(state=DONE, completed_on=D(2022, 12, 28), progress_note="收运体系实现全覆盖，已申请销号。"))],
    ),
    dict(
        number="10", problem="GG-6", units=["housing", "agri", "eco"],
        target="城镇污水处理厂完成清洁排放技术改造，农村生活污水处理设施标准化运维全覆盖。",
        measures="推进城镇污水处理厂清洁排放技术改造；加强农村生活污水处理设施改造提升和标准化运维。",
        responsible_people="市住房和城乡建设局、市农业农村局主要负责人", supervising_leader="分管城建工作副市长",
        category="by_deadline", deadline=D(2025, 12, 31), deadline_text="2025年底前", domains=["水"],
        history=[("coordinator", dict(state=IN, progress=60, progress_note="7座城镇污水处理厂完成改造。")),
                 ("coordinator", dict(progress=85, progress_note="剩余2座改造工程受进水水量影响延期。"))],
    ),
    dict(
        number="11", problem="GG-7", units=["discipline", "office"],
        target="按要求完成督察移交生态环境损害责任追究问题的调查处理和问责。",
        measures="逐一厘清责任，依规依纪依法严肃精准问责，按要求报送调查处理情况。",
        responsible_people="市纪委市监委分管负责人", supervising_leader="市委常委、市纪委书记、市监委主任",
        category="immediate", deadline=D(2021, 10, 31), deadline_text="立行立改，2021年10月底前",
        domains=["其他"],
        history=[("coordinator", dict(state=DONE, completed_on=D(2021, 10, 20), progress_note="调查处理情况已按要求报送。")),
                 ("coordinator", dict(state=OFF, progress_note="已销号。"))],
    ),
]

# Supervisors' flags: (plan, task number, note)
FLAGS = [
    ("city", "2.3", "现场核查发现部分复绿地块苗木成活率偏低，报送进度80%与现场不符，请核实。"),
    ("city", "3.1", "雨污混接点仍有溢流，已超过整改时限，建议列入挂牌督办。"),
    ("city", "10", "剩余2座污水处理厂改造已逾期，请说明延期原因和新的完成时间。"),
]
