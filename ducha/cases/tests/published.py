"""Excerpts of REAL published complaint tables (信访件公开情况一览表), quoted as found — not invented.

Published government information, found through the project's search tool (corpus `pages`, a stored copy
of public web pages). Each excerpt keeps its source address and date, the title lines, the header exactly
as published and the rows VERBATIM as the stored copy has them. Notes that hold for all of them:

- The stored copy is NFKC-normalised: full-width commas, colons and brackets of the originals appear as
  ASCII (`,` `:` `(`); 〔〕, “” and 、 are unchanged. Imports read them as delivered.
- The stored copy holds only the opening of each page, so a table yields the rows that fit there: one or
  two whole rows. A row cut by the end of the stored copy is marked `CUT` below, its last cell kept as far
  as the copy goes and the cells after it left empty. Nothing is completed or invented.
- Where a page flattened the table into text (newspaper print, PDF), the cell boundaries are our reading
  of it; the text of every cell is unchanged.
- Personal names are kept only where the source published them (officials named in 问责情况 / 处理和整改
  情况, a villager named in an investigation). No row here carries a phone number.
"""

# 1. 海南 东方市, central inspection 2017, batch 7 — standard set with 问责情况; "受理 编号" broken by a space;
#    short local numbers (D07062). Source: http://dongfang.hainan.gov.cn/ztzl/lszt/hbdc/zgcx/201708/
#    t20170830_1193671.html (2017-08-27). Row 2 (D07067) is cut in the stored copy and left out.
DONGFANG_2017 = {
    "source": "http://dongfang.hainan.gov.cn/ztzl/lszt/hbdc/zgcx/201708/t20170830_1193671.html",
    "date": "2017-08-27", "province": "46", "level": "central", "script": "简体",
    "title": "东方市群众信访举报转办和边督边改公开情况一览表",
    "subtitle": "(第 七 批 201 7 年 8 月 27 日)",
    "header": ["序号", "受理 编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
               "处理和整改情况", "问责情况"],
    "rows": [
        ["1", "D07062",
         "东方八所镇二环南路与工业大道交界处一石英砂场,堆砂高度达4,刮风时,扬尘污染严重。曾拨打12345投诉,仍未解决。",
         "东方", "扬尘",
         "经检查,发现该厂矿已停产,厂矿石英砂项目办公房东侧、南侧堆了很多原砂(石英砂),与矿区围墙同高,东侧遮盖的防尘网"
         "已破损,没有及时更换,南侧堆点没有遮盖;厂矿西侧围墙堆放的半成品高过围墙,没有遮盖;靠近二环南路的成品砂没有遮盖。"
         "刮风时,有扬尘污染。存在未批先建、未验先投问题。",
         "属实",
         "1.责令完善环保手续,对未批先建、未验先投和扬尘等环保违法行为立案处罚;对未批先建问题,下发《行政处罚事先告知书》,"
         "处以项目总投资额1%的罚款,共计人民币79300的罚款;对未验先投问题,下发《行政处罚事先告知书》处以1万元罚款;对扬尘"
         "污染问题,下发《行政处罚事先告知书》,处以1万元罚款。 2.责令该厂做好建设项目需要配套建设的环境保护设施,达不到"
         "验收要求的不给予投入生产。 3.当天已购买防尘布40捆,每捆长、宽,对露天成品、半成品进行遮盖,总遮盖面积4000平方米;"
         "原料堆场周围安装上喷淋设施并用防尘网遮盖;堆放过高的原料堆场,已用挖机把堆高部分清理;厂区未砌筑的围墙已砌筑加高。",
         "无"],
    ],
}

# 2. 山东, central inspection 2017, batch 18 — 处理类别 between 是否属实 and 处理和整改情况, 责任人被处理情况,
#    bare serial numbers (2145), verdict 是. Source (a mirror of the provincial page, text flattened with
#    spaces): http://www.it214.net/c2831536.aspx (figures "截至9月7日", 2017). 责任人被处理情况 is empty in
#    the copy (the next row's serial follows 处理和整改情况 directly). Row 2 (2147) is cut and left out.
SHANDONG_2017 = {
    "source": "http://www.it214.net/c2831536.aspx", "date": "2017-09-07", "province": "37", "level": "central",
    "script": "简体",
    "title": "中央环保督察组向山东转办群众信访举报件及边督边改公开情况一览表(第十八批)",
    "header": ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实", "处理类别",
               "处理和整改情况", "责任人被处理情况"],
    "rows": [
        ["1", "2145", "青岛市即墨市龙山街道办事处前北葛村西北侧有两家砖厂,排放大量粉尘、噪声,影响周边村民生活。", "青岛市",
         "大气、噪声",
         "1.信访人反映的两家砖厂实际为同一家企业,名称为即墨市仕美新型建材厂,该企业位于即墨市龙山街道办事处前北葛村西,"
         "主要从事生产页岩砖。该企业主要生产设备有地窑1座、蒸压釜5个、制砖流水线1条,年生产页岩砖300万块。因企业没有环保"
         "手续,现已被停产、停电。2.经现场调查核实,该砖厂已于2017年6月份停产,目前正在按程序办理环评手续,料场已经覆盖,"
         "主要道路已经硬化,砖厂购置了洒水车不定期进行洒水,目前不存在排放大量粉尘、噪声问题,但前期正常生产期间会产生粉尘"
         "和噪声,对环境有一定的影响。",
         "是", "停产整治",
         "对该企业实施停产整治,督促其尽快办理环保手续,完善污染防治设施,杜绝粉尘、噪音扰民行为。即墨市已要求龙山街道办事处"
         "加强对该企业的监管,发现违法行为,立即依法处理。",
         ""],
    ],
}

# 3. 湖南 临湘市, central inspection (回头看) 2020, batch 14 — 转办问题基本情况 instead of 交办…, 问责情况
#    (暂无), 备注 (办结); number D1YU202000234. Officials of the investigation are named as published.
#    Source: http://www.linxiang.gov.cn/24733/24759/61793/61796/content_1763418.html (2020-11-10).
LINXIANG_2020 = {
    "source": "http://www.linxiang.gov.cn/24733/24759/61793/61796/content_1763418.html", "date": "2020-11-10",
    "province": "43", "level": "central", "script": "简体",
    "title": "临湘市群众信访举报转办及地方查处情况一览表(第十四批)",
    "subtitle": "(第十四批 2020年11月10日上报)",
    "header": ["序号", "受理编号", "转办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
               "处理和整改情况", "问责情况", "备注"],
    "rows": [
        ["1", "D1YU202000234", "反映临湘市石田村袁岭组正昌矿业日夜生产开采石头,货运噪声扰民、扬尘严重影响周边居民。",
         "临湘市", "噪声、扬尘",
         "2020年11月6日,联合调查组李永忠、曹源、刘俊辉、乔朝和4人到临湘市正昌矿业有限公司现场调查,具体如下:\n\n"
         "1、该公司矿山因在界外治理区动用和对外销售了整治区内多余的开采资源,已于2020年8月26日停产整治,已停产2个多月。"
         "2、该公司矿山加工区已实行全封闭式处理,降尘降噪;破碎区域安装了喷淋装置和收尘系统。同时,出入矿山口建有洗水槽,"
         "2台洒水车在生产期间不间断在矿区和外运道路洒水降尘作业。3、自然资源、生态环境、应急等部门手续齐全,该公司按地质"
         "环境恢复治理和生态修复方案进行整治,未造成水土流失、生态环境破坏和安全隐患等问题。4、该矿山原来在采期间爆破时间"
         "白天,破碎等加工生产时间为全天(晚上生产主要是矿山考虑晚上电费比白天低的原因)。另外,矿山货车运输量较大、重车较多,"
         "存在局部道路扬尘、噪声问题。",
         "属实",
         "市自然资源局李永忠、刘俊辉及长塘镇政府乔朝和等3人组成调查组到长塘镇石田村袁岭组进行调查,该矿山证照齐全有效,"
         "从8月26日开始停产整治至今。如复工复产,则责成其进行整改:\n\n(1)、进一步完善防尘降噪设施设备,加强巡查,确保所有"
         "设施运行正常,特别是交通运输扬尘管理和管控。\n\n(2)、加强该矿区超限超载车辆的监督管理。",
         "暂无", "办结"],
    ],
}

# 4. 湖南 华容县, central inspection 2017 — 行政区域 BEFORE 交办问题基本情况, 问责情况 naming the officials
#    interviewed (as published), 备注 (已办结), a bare ten-digit number, 畜禽养殖污染. One case per page.
#    Source: https://huarong.gov.cn/33856/content_1031615.html (2017, number 2017043052).
HUARONG_2017 = {
    "source": "https://huarong.gov.cn/33856/content_1031615.html", "date": "2017-05-13", "province": "43",
    "level": "central", "script": "简体",
    "title": "群众信访举报转办及地方查处情况(编号:2017043052)",
    "header": ["序号", "受理编号", "行政区域", "交办问题基本情况", "污染类型", "调查核实情况", "是否属实",
               "处理和整改情况", "问责情况", "备注"],
    "rows": [
        ["48", "2017043052", "华容县", "华容县章华镇治湖村九、十、十一组居民养猪,从镇上收集潲水,污水对环境影响很大。",
         "畜禽养殖污染", "该区域有散养小型生猪养殖户33户,养殖者为失地老年村民。", "属实",
         "按照县政府畜禽养殖“三区划定方案”,该区域为禁养区。为彻底改善该区域村民生活环境,将该区域纳入华容河畜禽养殖环境"
         "整治退养范围,同华容河沿岸退养范围内的畜禽养殖户在2017年10月30日前同步退出生猪养殖,按照属地管理的原则,由章华镇"
         "人民政府实施,章华镇人民政府镇长蔡远鸣为第一责任人,分管负责人李成香为直接责任人,县畜牧兽医局负责监督和组织验收。"
         " 5月11日,华容县畜牧兽医局、章华镇人民政府组织相关人员完成该区域养殖场面积进行精确采集。按《华容县章华镇治湖村"
         "生猪养殖污染整治方案》的整治要求实施,于5月30日前完成养殖户周边环境粪污治理,于10月30日前完成治湖村33户养殖户"
         "生猪退养任务。截止5月13日已完成50%的粪污清理工作,退养工作正在进行中。",
         "已对畜牧局局长王文清、章华镇党委书记包金跃约谈(约谈2人)", "已办结"],
    ],
}

# 5. 山东 青岛市, provincial inspection 2021 — 受理方式 column, 问责情况, local numbers 访受〔2021〕0517031号,
#    verdicts 是 / 否, 污染类型 as 大气污染 / 生态破坏、土壤污染. Printed in 青岛日报 (continued from page 7,
#    no title on this page). Source: https://epaper.guanhai.com.cn/conpaper/qdrb/h5/html5/2021-05/26/
#    content_18548_4507933.htm (2021-05-26). Delivered here as a Word table. Row 33 is cut and left out.
QINGDAO_2021 = {
    "source": "https://epaper.guanhai.com.cn/conpaper/qdrb/h5/html5/2021-05/26/content_18548_4507933.htm",
    "date": "2021-05-26", "province": "37", "level": "provincial", "script": "简体",
    "docx_title": "(上接第七版)",
    "header": ["序号", "受理编号", "受理方式", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
               "处理和整改情况", "问责情况"],
    "rows": [
        ["31", "访受〔2021〕0517031号", "来电", "平度市田庄镇商家村南侧100米道路,扬尘污染、道路积水严重。", "平度市",
         "大气污染",
         "5月18日,平度市政府组织田庄镇政府对信访件反映的问题进行了调查核实,有关情况如下:投诉人反映的村南侧100米处道路"
         "长约1.5公里,为该村生产路。该道路有重型车辆行驶痕迹,路面凹陷不平,车辆通过时有扬尘,下雨时路面有积水。",
         "是",
         "平度市田庄镇政府组织商家村两委已5月22日对该生产路进行路面整平、压实,并采取清扫、保洁、管护等措施,减少扬尘污染。",
         "无"],
        ["32", "访受〔2021〕0517032号", "来电",
         "1.李沧区世园街道天水路与合川路交叉口西北侧路边,绿化带外侧,山林地被毁坏。2.李沧区世园街道长涧社区居委会办公楼"
         "前南侧挖种植土留下大坑(6-7亩),用石头填埋。",
         "李沧区", "生态破坏、土壤污染",
         "5月18日,李沧区政府组织世园街道办事处、市自然资源和规划局李沧分局、区综合行政执法局对信访件反映的问题进行了现场"
         "核查,有关情况如下: 1.李沧区世园街道天水路与合川路交叉口西北侧路边为园地(农用地),2021年3月,该地已被长涧社区"
         "租赁给个人使用。该区域按地形高差分为南北两部分,南侧区域堆放木材;北侧区域为裸露土地,有少量设备零件和旧砖堆放,"
         "设备零件上有篷布覆盖,无毁坏山林地情况。2.长涧社区居委会办公楼南侧原为自然坡地,地类为园地(农用地)。2021年1月,"
         "社区将该区域租赁给个人。由承租人对该处原自然坡地进行平整,共4亩左右,放置3个集装箱,现场没有挖种植土留下大坑和用"
         "石头填埋的情况,目前集装箱已移走。",
         "否", "无", "无"],
    ],
}

# 6. 江苏 新曹农场 (a state farm, not a GB/T 2260 division), 2023, batch 3 — no 序号, 是否办结; a PDF turned
#    into a web page: header words and cell texts broken by spaces and line breaks ("污染 类型", "新曹\n\n农场",
#    "大气\n\n污染"). Source: http://xincao.jsnk.com.cn/2023/1107/c335a251420/page.htm (2023-11-06).
XINCAO_2023 = {
    "source": "http://xincao.jsnk.com.cn/2023/1107/c335a251420/page.htm", "date": "2023-11-06", "province": "32",
    "level": "provincial", "script": "简体",
    "title": "群众信访举报转办和边督边改公开情况一览表",
    "subtitle": "(第  3           2023    11  6   日)",
    "header": ["受理 编号", "交办问题基本情况", "行政\n\n区域", "污染 类型", "调查核实情况", "是否 属实", "处理和整改情况",
               "是否\n\n办结"],
    "rows": [
        ["3",
         "向阳河东岸正在新建 一个大型鸡场 ,不符合农 场出台的养殖文件 ,建设 好后如果遇到东南风、西 北风或者东北风 ,粪臭味 "
         "将影响 42 连队居民点的正\n\n常生活。",
         "新曹\n\n农场", "大气\n\n污染",
         "经调查了解,信访举 报事项不属实。该鸡场原 为林下养殖,2023年经农 场批准改造升级为蛋鸡  养殖棚,符合农场养殖文 件。"
         "鸡舍内部采用H型层 叠式笼具养殖蛋鸡,使用 输送带进行干清粪,正常 情况下每2天出一次鸡粪 , 运送至有机肥厂进行处 理。"
         "实地查看,鸡棚出粪 口离42居民点直线距离  超过200米,在鸡舍内、\n\n外及42大队居民点靠近 鸡场端均未感受到明显 的粪臭味。",
         "不属实", "新曹农场要求养鸡场 继续照正常的生产安排进 行生产 ,定期出粪并做好\n\n出粪记录。", "已办结"],
    ],
}

# 7. 广西 来宾市, central inspection (回头看) 2018 — the standard set mirrored in Traditional script by a
#    converting site that broke it further: pinyin glued after characters ("區(qū)", "經(jīng)"), "?" where
#    spaces were, the older six-digit-code number D450000201806110023. Source: http://365ljcf.com/content/
#    2018-06/18/content_46805.htm (2018-06). CUT: 處理和整改情況 ends where the stored copy ends;
#    責任人被處理情況 is not in the copy.
LAIBIN_2018 = {
    "source": "http://365ljcf.com/content/2018-06/18/content_46805.htm", "date": "2018-06-18", "province": "45",
    "level": "central", "script": "繁體",
    "header": ["序號", "受理編號", "交辦問題基本情況", "行政 區(qū)域", "污染類型", "調查核實情況", "是否屬實",
               "處理和整改情況", "責任人被處理情況"],
    "rows": [
        ["1", "? ? ? ? ? ? D450000201806110023",
         "? ? ? ? ? 迎賓路磨東小區(qū)內的瑞豐大理石加工廠在加工過程中產生噪聲、粉塵污染以及將廢水排至路面和下水道中。",
         "來賓市 興賓區(qū)", "廢水",
         "經(jīng)查,群眾舉報的“瑞豐大理石加工廠”實為“來賓市興賓區(qū)豐瑞石材經(jīng)營部”,群眾舉報內容基本屬實。同時,"
         "磨東安置小區(qū)一巷、二巷一帶除豐瑞外,還存在“興賓區(qū)達萬石材店”“興賓區(qū)安之吉石材經(jīng)營部”、“興賓區(qū)"
         "大江南石材店”、“興賓區(qū)建安石材經(jīng)營部”等4家大理石加工經(jīng)營部,以上5家經(jīng)營部主要經(jīng)營石材零售及加工服務,"
         "各有1臺石材切割機作為生產設備。 興賓區(qū)豐瑞石材經(jīng)營部,石材切割機露天使用,沒有建設有任何降噪、除塵設施;"
         "切割污水直接排入市政污水管道。“興賓區(qū)達萬石材店”和“興賓區(qū)安之吉石材經(jīng)營部”的石材切割機均露天使用,"
         "沒有建設有任何降噪、除塵設施;切割污水經(jīng)過簡單的沉淀后直接排入市政污水管道。“興賓區(qū)大江南石材店”和“興賓區(qū)"
         "建安石材經(jīng)營部”均蓋有切割棚,但沒有建設降噪、除塵設施;建有污水沉淀池,切割污水循環(huán)使用。 ?",
         "基本屬實",
         "(一)責令豐瑞、達萬、安之吉、大江南、建安5家石材經(jīng)營門面立即停止生產,20日內建設完善相應的封閉的隔音降噪設施,"
         "并建設配套的污水沉淀池,切割污水未經(jīng)處理不能直接排入市政污水管道,要定期清理沉淀池內石渣。 (二)若在整改期限內"
         "未能達到整改要求,則責成豐瑞、達萬、安之吉、大江南、",
         ""],
    ],
}

# 8. 湖北 (随州市), central inspection 2024, batch 32 — Traditional mirror with 問題類型, 辦結目標, 是否辦結 and
#    "責任人被 處理情況" broken by a space. A villager is named in the investigation as published. Source:
#    http://www.gaoxiao555.com/zt/zwzt/2024zt/zysthbdc/bdbg/202406/t20240619_1232589.shtml (2024-06-18).
#    CUT: 調查核實情況 ends where the stored copy ends; the cells after it are not in the copy.
SUIZHOU_2024 = {
    "source": "http://www.gaoxiao555.com/zt/zwzt/2024zt/zysthbdc/bdbg/202406/t20240619_1232589.shtml",
    "date": "2024-06-18", "province": "42", "level": "central", "script": "繁體",
    "title": "中央生態環境保護督察群眾信訪舉報轉辦和邊督邊改公開情況一覽表",
    "subtitle": "(第32批 ?????????2024年6月18日)",
    "header": ["序號", "受理編號", "交辦問題基本情況", "行政區域", "問題類型", "調查核實情況", "是否屬實", "辦結目標",
               "處理和整改情況", "是否辦結", "責任人被 處理情況"],
    "rows": [
        ["1", "D3HB202406080057",
         "隨州市隨縣新街鎮隨州市綠墾農業有限公司,養雞場雞糞和污水混合物直接抽排到公司西邊圍墻外約50米處的露天水池內,"
         "該水池原為基本農田,嚴重影響周邊農田基本生產,污染周邊生態環境。",
         "隨州市", "水、土壤",
         "信訪人反映4個事項。(一)關于信訪人反映的“隨州市隨縣新街鎮隨州市綠懇農業有限公司西邊圍墻外約50米處的露天水池”"
         "問題。 該情況屬實。經查: 該公司在西側圍墻外50米處自建有一個露天收集池(約600立方米),采取了水泥硬化防滲措施,"
         "主要用于收集廠區內的初級雨水。 (二)關于信訪人反映的“隨州市隨縣新街鎮隨州市綠懇農業有限公司,養雞場雞糞和污水"
         "混合物直接抽排”問題。 該情況不屬實。經查: 該公司養殖過程中產生的主要污染物為雞糞,養殖過程中不產生廢水。雞糞經"
         "干濕分離後集中收集到干糞堆場內,配套建有封閉式的干糞堆場及雨污分流溝;雞糞存放于封閉式的干糞堆場內,沒有產生雞糞"
         "和污水混合物。2023年3月1日,該公司與隨縣新街鎮王寺村村民孫成喜簽訂雞糞綜合利用承包合同,將公司所有雞糞以每月6000元"
         "的價格承包給孫成喜,承包人孫成喜定期將雞糞清運到農田、果園、魚塘進行綜合利用。 現場檢查時,未發現該公司將雞糞和污水"
         "混合物直接抽排到公司西邊圍墻外水池內的情況。 (三)關于信訪人反映的“該水池原為基本農田”問題。 該情況不屬實。經查: "
         "隨縣自然資源和規劃局現場通過對比“第三次全國國土",
         "", "", "", "", ""],
    ],
}

TABLES = {"dongfang2017": DONGFANG_2017, "shandong2017": SHANDONG_2017, "linxiang2020": LINXIANG_2020,
          "huarong2017": HUARONG_2017, "qingdao2021": QINGDAO_2021, "xincao2023": XINCAO_2023,
          "laibin2018": LAIBIN_2018, "suizhou2024": SUIZHOU_2024}

# Case numbers quoted from other published pages (whole rows not in the stored copies), with their source:
NUMBERS = {
    # 新乡日报 2021-05-07, a key case (序号24): http://rb.xxrb.com.cn/html/2021-05/07/content_94606.htm
    "X2HA202104270093*": ("X", 2, "HA", "2021-04-27", "0093", True),
    # 阳泉 2025-07-01: https://yq.gov.cn/zthj/zyzt/dslzysthjbhdczsx/bdbg/202507/t20250701_2082743.shtml
    "D3SX202505280018": ("D", 3, "SX", "2025-05-28", "0018", False),
    # 湖北日报 2024-06-15: https://epaper.hubeidaily.net/pc/content/202406/15/content_277313.html
    "X3HB202406020025": ("X", 3, "HB", "2024-06-02", "0025", False),
    # 孟州 2018 (older six-digit form): http://tereromobility.com/news/c26-i91128.html
    "D410000201806050043": ("D", None, "410000", "2018-06-05", "0043", False),
    # 沂源县 2025-11-26, a provincial inspection's number (三位 serial): http://www.yiyuan.gov.cn/gongkai/
    #   site_yyxswj/channel_c_5f9f6cb0744146b464b6e88c_n_1605853249.5747/doc_6926662dffede1f585c32bc1.html
    "D3ZB20240803767": ("D", 3, "ZB", "2024-08-03", "767", False),
}
# Numbers of other forms, kept verbatim with nothing parsed: 珠山区 2020 (https://www.jdzzsq.gov.cn/sy/gggs/
# t568049.shtml), 绵阳 2017 (http://yzyba.cn/youxixinwen/15784.html), 临湘 2020 (above).
UNPARSED_NUMBERS = ("X3600220200711005", "信20170816134", "D1YU202000234", "访受〔2021〕0517031号", "2145")
