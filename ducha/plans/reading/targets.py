"""Numeric targets and achieved results in the sentences of a plan.

A target is an indicator, a comparator and a value with its unit:
"市区PM2.5平均浓度低于24微克/立方米" → pm25_mean < 24 μg/m³ (region 市区).
Comparators: 低于 <; 不高于/不超过/控制在…以内 <=; 以上/不低于 >=; 达到/保持
depend on the indicator's direction (a concentration "达到35" means at most 35).
Results already achieved are kept apart (kind "achieved"): "由6.3%提高到7.5%",
"2020年…比例平均97.2%", a year before the document's, or 已/同比 wording.
Water classes are targets too: "断面水质保持在Ⅱ类以上" → section_water_class <= 2,
"无劣Ⅴ类水体断面" → inferior_v_sections <= 0.

Values stay the strings written ("96.63"), never floats.
"""

import re
from dataclasses import dataclass

from ducha.plans.reading.indicators import HIGHER, indicators_of
from ducha.plans.reading.sentences import Sentence

_UNITS = (r"%|‰|微克/立方米|μg/m3|毫克/立方米|mg/m3|毫克/升|mg/L|万公顷|公顷|万亩|亩|平方公里|平方千米|km2|"
          r"万吨|吨|公里|千米|天|个|家|项|处|座|小时")
_COMP = (r"不高于|不超过|不大于|不多于|不低于|不少于|不小于|低于|小于|少于|高于|大于|超过|控制在|保持在|稳定在|维持在|"
         r"提高到|提高至|提升到|提升至|上升到|上升至|增加到|增加至|增长到|下降到|下降至|降低到|降低至|降至|降到|减少到|"
         r"增至|升至|达到|达|保持|稳定|为|占|≤|≥|<|>|下降|降低|减少|削减")
# "排放总量分别下降8%、10%": a reduction of emissions; of anything else a relative
# change kept under "other" with its wording.
_REDUCTION = ("下降", "降低", "减少", "削减")
_EMISSION = re.compile(r"排放|减排|化学需氧量|氨氮|氮氧化物|挥发性有机物|二氧化硫|VOCs|碳排放|能耗")
_VALUE = re.compile(
    rf"(?P<comp>{_COMP})?(?:在)?(?<![A-Za-z\d.])(?P<num>\d+(?:\.\d+)?)(?![\d.]|\s*[年月日号])\s*(?P<unit>{_UNITS})?"
    r"(?P<post>及以上|或以上|以上|以下|以内|左右|达标)?"
)
# "由6.3%提高到7.5%", "从35微克/立方米下降到30", "自103年23.5 μg/m3降低至105年20.0" (years of
# the Republic of China calendar in Taiwan texts).
_FROM_TO = re.compile(rf"(?:由|从|自)\s*(?:\d{{2,4}}年(?:底|末)?的?)?\s*\d+(?:\.\d+)?\s*(?:{_UNITS})?\s*"
                      r"(?:提高|提升|上升|增加|增长|下降|降低|减少|改善)(?:到|至)\s*(?:\d{2,4}年(?:底|末)?的?)?")
_DIRECTION_POSTS = ("及以上", "或以上", "以上", "以下", "以内", "达标")
_NO_COMP_LEAD = re.compile(r"(?:目标值?为?|平均|均值为?|为|是)$")
_COMPARATOR = {
    "<": ("低于", "小于", "少于", "<"),
    "<=": ("不高于", "不超过", "不大于", "不多于", "≤", "控制在", "下降到", "下降至", "降低到", "降低至", "降至",
           "降到", "减少到"),
    ">=": ("不低于", "不少于", "不小于", "≥", "提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "增加到",
           "增加至", "增长到", "增至", "升至"),
    ">": ("高于", "大于", "超过", ">"),
}
_MEASURABLE = re.compile(r"(?:黑臭水体|率|比例|占比|比重|浓度|天数|面积|总量|指数|数量|家数|个数|盖度|强度|均值|量|数)$")
_REGION = re.compile(
    r"^(?:全[省市县区]域|全省|全市|全县|全区|全域|我省|我市|我县|我区|本市|市区|城区|主城区|中心城区|县城|城镇|城市|农村|"
    r"各县（市、区）|各县（市）|各县（区）|各县|(?:地级|县级|设区的?市)(?:及|或)?以上城市|设区市|地级市|"
    r"(?!列入|纳入|对|将|在|由)[\u4e00-\u9fff]{1,6}?(?:自治区|自治州|地区|省|(?<!城)市|县|区)(?![控级域属直管内])|"
    # A city's urban area: "衢州城市空气质量…", "丽水市区…".
    r"(?![^城市]{0,2}(?:达标|列入|纳入|对|将|在|由|重点|全国|沿海|其他|其余|所有|各|地级|县级|以上|试点|示范|文明|卫生|森林|园林|海绵|智慧|无废|低碳))[\u4e00-\u9fff]{2,3}?(?:城市|市区|城区)(?![建群规化生管])"
    r")(?!及?以上)"
)
_MARKER = re.compile(r"^(?:\d{1,2}[.、．）]|（\d{1,2}）|[①-⑳]|[一二三四五六七八九十]{1,3}[是要])")
_LEADING = re.compile(r"^(?:主要目标是|目标是|其中|同时|并|使|到(?:19|20)\d{2}年底?|(?:19|20)\d{2}年底?|年内|今年|去年|上年|目前|当前|"
                      r"确保|力争|全面|实现|持续|继续|稳定|进一步|努力|开展|完成|推动|促进|的)+")
_TRAILING = re.compile(r"(?:将|可|确保|力争|继续|持续|稳定|均|分别|要|需|必须|务必|逐步|进一步|基本|全部|全面|平均|目标值?|总体|整体|"
                       r"为|是|达|在|仅|只|约|近|首次|已)+$")
_FUTURE = re.compile(r"力争|确保|目标|计划|考核指标|将|(?<![重主需纲摘])要(?![求点素害])|(?<![截高升加长低降少善])(?:到|至)(?:19|20)\d{2}年|[“\"]十[一二三四五六]五[”\"]")
# "较2015年下降15%" names the base of a change, in a goal as in a result: no sign of the past.
_PAST = re.compile(r"已经|已|去年|上年|前年|目前|截至|截止|实现了|达到了|完成了|同比|较上年|比上年")
_MET_GOAL = re.compile(r"(?:优于|好于|完成|超过|超|高于|低于|达到|实现)[^，。；]{0,10}目标(?:（[^）]*）)?(?:要求)?")
# A sentence that reports the present state ("目前…，达标城市比例增至66.67%").
_PAST_SENTENCE = re.compile(r"目前|截至|截止|去年|同比")
# Verbs of a change to a value: a result reached, once achieved, is that value.
_CHANGE_TO = ("提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "增加到", "增加至", "增长到", "增至", "升至",
              "下降到", "下降至", "降低到", "降低至", "降至", "降到", "减少到")
# The base of a relative change: "比2015年", "较2017-2018年秋冬季".
_BASE = re.compile(r"(?:比|较|与)(?:19|20)\d{2}(?:[-—～至](?:19|20)\d{2})?年(?:同期|秋冬季|水平)?(?:相比)?")
# Amounts a plan sets without a comparator: "新增沙化土地治理面积2650万亩", "削减化学需氧量排放量1.2万吨".
_AMOUNT_UNITS = ("万亩", "亩", "万公顷", "公顷", "平方公里", "平方千米", "km2", "万吨", "吨", "公里", "千米")
_AMOUNT_VERB = re.compile(r"(?:已经?|累计|共|全年)?(?:新增|新建|建成|完成|削减|减排|减少|压减|治理|修复|造林|营造|种植|改造|整治|淘汰|化解|实施|推广)")
_LEADING_MARKS = re.compile(r"^(?:\d{1,2}[.、．）]|（\d{1,2}）|[①-⑳]|[一二三四五六七八九十]{1,3}[是要])")
# A rate of change ("改善率", "降幅") goes up for the better, whatever it measures.
_RELATIVE_RATE = re.compile(r"(?:改善率|下降率|削减率|降低率|减少率|降幅|改善幅度|减排率)$")
# "整改完成率94.2%": a rate or share followed directly by its percentage states a value.
_RATE_STATED = re.compile(r"(?:率|比例|比率)$")
_ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
_WATER_CLASS = re.compile(
    # "达到或好于Ⅱ类", "总磷浓度达到湖库Ⅲ类标准"
    r"(?<![-~～—至劣ⅠⅡⅢⅣⅤIV])(?:(?:保持在|稳定在|维持在|达到或好于|达到或优于|达到|保持|稳定|优于|好于|为)(?:湖库|河流)?)?"
    r"(?P<cls>Ⅲ|Ⅱ|Ⅰ|Ⅳ|Ⅴ|III|II|IV|I|V)\s*类"
    r"(?P<post>及以上|或以上|以上|标准|水质|及更优)?(?![水]?比例|水体比例|断面比例|[-~～—至])"
)
_NO_INFERIOR_V = re.compile(r"(?:无|消除|杜绝|消灭|全面消除|基本消除)(?:[ⅤV]\s*类及)?劣\s*[ⅤV]\s*类(?:水体|水质)?(?:断面)?")


def _mask_brackets(text: str) -> str:
    """Bracketed asides ("（达到或优于Ⅲ类）", "（2018-2025年）") hide their numbers and words."""
    return re.sub(r"（[^（）]*）", lambda m: "（" + "□" * (len(m.group()) - 2) + "）", text)


# A region that covers what the rest of its sentence lists ("全区空气质量…，细颗粒物…").
_PARTIAL_REGION = re.compile(r"城市$|城区$|市区$|城镇$|农村$|县城$|^各|^设区|及以上|或以上")


def _head_region(items: list[dict]) -> tuple[str | None, int]:
    """(region, position) of a sentence's first target when it names a whole area."""
    first = min(items, key=lambda i: i["_at"])
    region = first["region"]
    if not region or _PARTIAL_REGION.search(region) or "、" in region:
        return None, 0
    return region, first["_at"]


def _split_name(raw: str):
    """(region, name) from the words before a comparator."""
    # "14个设区市环境空气质量…", "112个国家地表水考核断面…": how many sites, not the name.
    unmarked = re.sub(r"^\d+个", "", _MARKER.sub("", raw.strip("，、；：")))
    name = _LEADING.sub("", unmarked)
    if len(name) < 2:
        name = unmarked  # "完成率97.4%": 完成 is part of the name here
    regions = []
    m = _REGION.match(name)
    while m:
        regions.append(m.group(0))
        name = name[m.end():]
        joined = re.match(r"(?:和|、|及)(?=" + _REGION.pattern[1:] + ")", name)
        if not joined:
            break
        name = name[joined.end():]
        m = _REGION.match(name)
    region = "、".join(regions) or None
    name = re.sub(r"^\d+个", "", name)  # "全区14个设区市…"
    name = _TRAILING.sub("", name.strip("的")).replace("分别", "")
    if region in ("我市", "本市"):
        region = "全市"
    elif region in ("我省",):
        region = "全省"
    elif region in ("我县",):
        region = "全县"
    return region, name


def _stated(raw: str, name: str, unit: str | None = None) -> bool:
    """A known indicator followed directly by its value: "全市PM2.5平均浓度22微克/立方米";
    any rate directly followed by its percentage: "整改完成率94.2%", "防治率90%以上"."""
    if not name or not raw.endswith(name):
        return False
    if unit in ("%", "‰") and _RATE_STATED.search(name):
        return True
    return indicators_of(name)[0][0] != "other" and bool(_MEASURABLE.search(name))


def _comparator(comp: str | None, post: str | None, polarity: str, goal: bool = False) -> str | None:
    if comp in _REDUCTION:
        return ">="  # reduced by at least
    for symbol, words in _COMPARATOR.items():
        if comp in words:
            return symbol
    if post in ("以上", "及以上", "或以上", "达标"):
        return ">="
    if post in ("以下", "以内"):
        return "<="
    if (comp == "为" or comp is None) and not goal:
        return None  # a plain statement of a value
    return ">=" if polarity == HIGHER else "<="


def _kind(sentence: Sentence, clause: str, doc_year: int | None, plain: bool, from_to: bool,
          relative: bool = False, report: bool = False, listed: bool = False) -> str:
    # "优于国家考核目标要求" compares a result with a target; it sets none.
    future = listed or _FUTURE.search(clause) or _FUTURE.search(_MET_GOAL.sub("", sentence.text))
    if _PAST.search(clause) or (not future and (report or _PAST_SENTENCE.search(sentence.text))):
        return "achieved"
    if relative and not future and not re.search(r"以上|以内|左右", clause):
        # "…平均浓度较2017-2018年秋冬季下降22%" reports a change; a target says 到/力争/以上.
        return "achieved"
    if from_to or plain:
        return "target" if future and not re.search(r"平均\s*\d", clause) else "achieved"
    if doc_year and sentence.year and sentence.year < doc_year and not future:
        return "achieved"
    return "target"


# "Ⅰ～Ⅲ类水质断面38个，占比为95%": a share named by what the clause before it counts.
_UNNAMED_SHARE = re.compile(r"(?:其中)?(?:占比|比例|比重|占)")
_COUNTED_TAIL = re.compile(r"(?:共|达到?|为|有)?\s*\d+(?:\.\d+)?\s*(?:个|家|处|条|座|项|件|天|公里|%)?$")


def _share_subject(before: str) -> str | None:
    clause = re.split(r"[，；：。,;]", before.rstrip("，,；; "))[-1]
    subject = _COUNTED_TAIL.sub("", clause).strip()
    subject = re.sub(r"^(?:其中|全市|全省|全县|全区|我市)", "", subject)
    return f"{subject}占比" if len(subject) >= 2 else None


def _item(key, name, comparator, value, unit, sentence, region, kind, at):
    if key == "good_days_ratio" and unit == "天":
        key = "good_days"  # "优良天数达到330天": a number of days, not a ratio
    return {"indicator": key, "name": name, "comparator": comparator, "value": value, "unit": unit or "",
            "year": sentence.year, "region": region, "kind": kind, "text": sentence.text, "_at": at}


def _numeric(sentence: Sentence, doc_year, report=False, listed=False):
    text = sentence.text
    masked = _mask_brackets(text)
    out = []
    last_end = 0
    previous = None  # the _Clause of the last value taken in this sentence
    group = []
    for m in _VALUE.finditer(masked):
        if not m.group("unit") and not m.group("comp"):
            continue
        boundary = max(masked.rfind(c, 0, m.start()) for c in "，；：")
        start = max(boundary + 1, last_end)
        gap = masked[last_end:m.start()] if previous else ""
        raw = text[start:m.start()]
        joined = previous and gap in ("和", "、", "，") and not m.group("comp") and "分别" in previous.text
        change = _FROM_TO.search(masked, start, m.end())
        from_to = bool(change)
        if from_to:
            raw = text[start:change.start()]
        region, name = _split_name(raw)
        if _UNNAMED_SHARE.fullmatch(name or ""):
            name = _share_subject(text[:start]) or name
        comp, post = m.group("comp"), m.group("post")
        if joined:
            group.append((m, post))
            last_end = m.end()
            continue
        # "新增沙化土地治理面积2650万亩", "削减化学需氧量排放量1.2万吨": an amount to do.
        amount = comp is None and not from_to and m["unit"] in _AMOUNT_UNITS and bool(_AMOUNT_VERB.match(raw.strip()))
        plain = comp in (None, "为") and not from_to and post not in _DIRECTION_POSTS and not amount
        if comp is None and not from_to and not _NO_COMP_LEAD.search(raw) and post != "达标" \
                and not _stated(raw, name, m["unit"]) and not amount:
            continue
        if not name and previous:
            # "…达到35微克/立方米，力争达到31微克/立方米" / "…、县城达到94.3%以上"
            name, keys = previous.name, previous.keys
            region = region or previous.region
        else:
            if post == "达标" and not name.endswith("率"):
                name += "达标率"  # "饮用水源地水质100%达标"
            bare = _BASE.sub("", name)
            if not amount and not _MEASURABLE.search(bare) and indicators_of(bare)[0][0] == "other":
                continue
            keys = indicators_of(name)
            if amount:
                name = re.sub(r"^(?:已经?|累计|共|全年)", "", _LEADING_MARKS.sub("", raw.strip()))
                cut = _AMOUNT_VERB.match(name).group() in _REDUCTION + ("减排",)
                keys = [("emission_reduction" if cut else "other", HIGHER)]
            elif _RELATIVE_RATE.search(name):
                # "細懸浮微粒改善率達15%": a rate of improvement, not a concentration.
                keys = [("emission_reduction" if _EMISSION.search(name) else "other", HIGHER)]
            if comp in _REDUCTION:
                if _EMISSION.search(name):
                    keys = [("emission_reduction", HIGHER)]
                else:
                    # "PM10年均浓度较2012年下降12%" is a relative target: not a concentration.
                    keys, name = [("other", HIGHER)], name + comp
        _flush(out, group, previous, sentence, doc_year, report, listed)
        group = [(m, post)]
        previous = _Clause(region, name, keys, comp, from_to, plain, text[start:m.end()], amount)
        last_end = m.end()
    _flush(out, group, previous, sentence, doc_year, report, listed)
    return out


@dataclass
class _Clause:
    """The words before a value: where, which indicator, how compared."""

    region: str | None
    name: str
    keys: list
    comp: str | None
    from_to: bool
    plain: bool
    text: str
    amount: bool = False


def _flush(out, group, clause: _Clause | None, sentence, doc_year, report=False, listed=False):
    """Emit the items of one clause: one value, or several under 分别."""
    if not group or not clause:
        return
    region, name, keys, comp = clause.region, clause.name, clause.keys, clause.comp
    from_to, plain = clause.from_to, clause.plain
    regions = [region] * len(group)
    if len(group) > 1 and region:
        # "市区和农村生活垃圾分类收集覆盖率分别达到90%和80%以上"
        found = region.split("、")
        if len(found) == len(group):
            regions = found
    names = [(name, keys)] * len(group)
    parts = re.split(r"、|和|及", name)
    tail = re.search(r"(?:排放总量|排放量|平均浓度|浓度|比例|覆盖率|利用率|处理率|达标率)$", parts[-1])
    if len(group) > 1 and len(parts) == len(group) and tail:
        # "化学需氧量、氨氮排放总量分别下降8%、10%": one value per named pollutant.
        named = [p if p.endswith(tail.group()) else p + tail.group() for p in parts]
        names = [(n, keys if keys[0][0] == "emission_reduction" else indicators_of(n)) for n in named]
    last_post = group[-1][1]
    for (m, post), reg, (name, keys) in zip(group, regions, names):
        for key, polarity in keys:
            goal = clause.amount or listed or bool(_GOALS_FOLLOW.search(sentence.text, 0, m.start())) \
                or bool(re.search(r"目标值?为?$", clause.text[: clause.text.rfind(m.group("num"))]))
            comparator = "=" if from_to else _comparator(comp, post or last_post, polarity, goal)
            kind = _kind(sentence, clause.text, doc_year, plain or comparator is None, from_to, comp in _REDUCTION,
                         report, listed)
            if kind == "achieved" and comp in _CHANGE_TO:
                comparator = "="  # "达标城市比例增至66.67%" is where it stands
            out.append(_item(key, name, comparator or "=", m.group("num"), m.group("unit"), sentence, reg, kind,
                             m.start()))
    group.clear()


def _water_classes(sentence: Sentence, doc_year, report=False, listed=False):
    text = sentence.text
    masked = _mask_brackets(text)
    out = []
    for m in _WATER_CLASS.finditer(masked):
        boundary = max(masked.rfind(c, 0, m.start()) for c in "，；：")
        region, name = _split_name(text[boundary + 1:m.start()])
        if not re.search(r"水质|断面|水体|出境水|水功能区|水源", name) or re.search(r"\d+个", text[boundary + 1:m.start()]):
            continue  # "115个国控监测断面有112个断面达到或优于Ⅲ类" is a tally
        # "2020年，滇池全湖水质为Ⅳ类" states a class, like "比例为97.3%".
        plain = m.group().startswith("为") and not m.group("post")
        kind = _kind(sentence, text[boundary + 1:m.end()], doc_year, plain, False, report=report, listed=listed)
        out.append(_item("section_water_class", name, "=" if plain else "<=", str(_ROMAN[m.group("cls")]), "类",
                         sentence, region, kind, m.start()))
    for m in _NO_INFERIOR_V.finditer(masked):
        boundary = max(masked.rfind(c, 0, m.start()) for c in "，；：")
        region, name = _split_name(text[boundary + 1:m.start()])
        kind = _kind(sentence, text[boundary + 1:m.end()], doc_year, False, False, report=report, listed=listed)
        out.append(_item("inferior_v_sections", name + "劣Ⅴ类断面", "<=", "0", "个", sentence, region, kind,
                         m.start()))
    return out


# A sentence that opens a list of goals: "2019年各市（区）空气质量考核指标为，西安市…；宝鸡市…".
_GOALS_FOLLOW = re.compile(r"(?:目标|指标|任务)(?:值|分别)?(?:为|是|如下)[，：:]?|目标(?:任务)?[：:]")


def find_targets(sentences: list[Sentence], doc_year: int | None, *, report: bool = False) -> list[dict]:
    """Targets and results; in a report (`report`), values without a word of the future are results.
    The sentences of a paragraph after one that opens a list of goals set goals too."""
    out, seen = [], set()
    goal_line = None
    for s in sentences:
        listed = goal_line == s.line
        if _GOALS_FOLLOW.search(s.text):
            goal_line = s.line
        items = _numeric(s, doc_year, report, listed) + _water_classes(s, doc_year, report, listed)
        head, head_at = _head_region(items) if items else (None, 0)
        for item in items:
            if head and not item["region"] and item["_at"] > head_at:
                item["region"] = head
            del item["_at"]
            key = tuple(item[k] for k in ("indicator", "name", "comparator", "value", "unit", "year", "region", "kind"))
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out
