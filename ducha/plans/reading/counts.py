"""Counted things in a plan: "个性问题整改任务4项", "3个典型案例", "10个责任单位、50名责任人".

Two ways Chinese writes a count: numeral + classifier + noun ("3个典型案例",
"十二项任务") and noun + numeral + classifier at the end of a clause
("工业VOCs治理项目15个，"). Measures (万吨, 公里, %) are not counts; slogans in
quotation marks (“两个维护”) and the numeral 一 in set phrases (一岗双责,
一个支部一个品牌) are left out, and so are ordinals (第三).
"""

import re

from ducha.plans.reading.outline import cn_number
from ducha.plans.reading.sentences import Sentence, in_quotes

_NUM = r"\d{1,6}|[两二三四五六七八九十百千零〇一]{1,5}"
_CLASSIFIER = r"人次|家次|件次|户次|项|个|件|名|人|家|起|批|条|宗|座|处|例|户|所"
# Where the noun after a count ends: a verb, an adverb, a connective before the next count.
_STOP = (r"(?:主要|全面|彻底|有效|切实|采取|正在|正加快|仍在|尚未|分赴|赴|以(?![上下])|已经|已|均|全部|都|要|将|被|予以|进行|开展|实施|落实|组织|达到|完成|实现|办结|验收|销号|分别|以上|以下|"
         r"左右|整改到位|纳入|列入|(?:和|及|与|或|有)(?=\d|[两二三四五六七八九十])|有$|等|，|。|；|、|：|（|）|\)|“|$)")
# (?!次): "出动人员4113人次，" counts 人次 or nothing, never 4113 人 of "次".
_NUMBER_FIRST = re.compile(
    rf"(?<![第\d.\-～~至])(?<![一二三四五六七八九十])(?P<n>{_NUM})(?P<cls>{_CLASSIFIER})(?!次)"
    rf"(?P<what>[^，。；、：（“”\s\d]{{1,30}})"
)
_NOUN_FIRST = re.compile(rf"(?P<what>[^，。；、：“”（\s]{{2,30}}?)(?P<n>{_NUM})(?P<cls>{_CLASSIFIER})(?=[，。；、（）]|和|$)")
# Fines in a disclosure: "罚款989.8万元", "共计罚款33587.86万元", "罚款金额251542.71元".
_FINE = re.compile(r"(?P<what>罚款|罚没款|处罚金额)(?:金额)?(?:约|共计|合计|累计|总计)?(?P<n>\d+(?:\.\d+)?)(?P<cls>亿元|万元|元)")
_COUNTABLE = r"(?:问题|任务|案件|案例|信访件|信访|交办件|转办件|举报|举报件|单位|责任人|项目|企业|地块|点位|断面|园区|工程|线索|部门|干部|措施|城市|设区市|专案|设施|站点|矿山|河段|水体|湖泊|养殖场)"
# Enforcement tallies as disclosures write them: "责令整改1130家，立案处罚128家，约谈56人".
# "已办结7件、阶段性办结17件、未办结3件" are three different tallies.
_ACTIONS = r"(?:(?:阶段性|未)?办结|(?:基本)?(?:完成整改|整改完成)|验收销号|销号|完成|责令整改|立案处罚|立案侦查|行政拘留|刑事拘留|拘留|约谈|问责|办结|移送|关停|取缔|查处)"
_NOT_COUNTED = re.compile(r"^(?:为|是|未|仍|尚|月|日|小时|工作日|季度|年|百分点|以上|以下|左右|多|余|倍|批次|方面的工作)")
_LEADING = re.compile(r"^(?:目前|截至目前|我市|全市|本市|全省|我省|全县|我县|本地|其中|共有|共(?!性)|累计|合计|涉及|包括|的)+")
_VERB = re.compile(r"(?:实施|完成|开展|推进|新建|建成|淘汰|关停|督办|移交|交办|查处|共有|排查|发现|梳理|问责|处理|立案|涉及|整治|包括|制定|出台|转发|转办|受理|收到|移送)")
_TOTAL = re.compile(r"(?:共计|合计|累计|总计|共|达到|增至|达|有)$")


def _what_after(raw: str) -> str:
    m = re.search(_STOP, raw)
    what = raw[: m.start()] if m else raw
    if len(what) > 20:
        what = what[:20]
    what = re.sub(r"[和及与或]$", "", what)  # the next count follows: "3个方面的问题和4个…"
    joined = re.match(rf"^(.*?{_COUNTABLE})(?:和|及|与)", what)
    if joined:
        what = joined.group(1)  # "2486个信访环境问题和反馈意见交办的问题"
    rate = re.search(r"率|比例|浓度|指数|水质|空气质量", what)
    if rate and rate.start() > 0:
        # "112个国家地表水考核断面水质优良比例…": the count is of the sites before the rate.
        sites = re.match(rf"^.*?(?:{_COUNTABLE}|水源地)", what[: rate.start()])
        what = sites.group() if sites else ""
    if len(what) > 2 and what.endswith("中") and not what.endswith(("集中", "其中", "空中", "水中", "途中")):
        what = what[:-1]  # "44个问题中31个已完成", "155个自然村中"
    among = re.match(rf"^(.*?{_COUNTABLE})中(?!心|央|型|小)", what)
    if among:
        what = among.group(1)  # "19个问题中涉及页岩砖厂…": the problems are counted
    return re.sub(r"(?<=..)(?:整改|工作)$", "", what)


def _after_verbs(what: str) -> str:
    """The noun after the last verb: "淘汰落后产能涉及企业" → 企业. A verb inside a noun
    names a kind and stays: "新建城乡生活污水处理类项目", "生活垃圾处理项目"."""
    verbs = [v for v in _VERB.finditer(what)
             if not (v.group() == "处理" and v.start() > 0) and not what[v.end():].startswith(("类", "型"))]
    return what[verbs[-1].end():] if verbs else what


def _value(token: str):
    n = cn_number(token)
    return n


def find_counts(sentences: list[Sentence]) -> list[dict]:
    out = []
    for s in sentences:
        text = s.text
        used = []
        found = []  # (position, item): reported in the order of the text
        for m in _NUMBER_FIRST.finditer(text):
            # 一 is a set phrase (一岗双责); "水十条" names a policy, not ten articles.
            if in_quotes(text, m.start()) or m["n"] == "一" or (m["cls"] == "条" and not m["n"].isdigit()):
                continue
            value = _value(m["n"])
            what = _what_after(m["what"])
            if re.search(r"[A-Za-z]+$", what) and text[m.end():m.end() + 1].isdigit():
                what = re.sub(r"[A-Za-z]+$", "", what)  # "10个国考城市PM2.5浓度": the cities are counted
            # "两批交办的…": the count belongs to a noun further on, not to 交办的.
            if value is None or not what or _NOT_COUNTED.match(what) or what.endswith("的"):
                continue
            # "3个方面的问题" keeps its noun; "5个以上" has none.
            found.append((m.start(), {"what": what, "value": value, "unit": m["cls"], "text": text}))
            used.append((m.start("n"), m.end("cls")))
        for m in _NOUN_FIRST.finditer(text):
            if any(a <= m.start("n") < b for a, b in used) or in_quotes(text, m.start("n")) or m["n"] == "一":
                continue
            what = m["what"]
            action = re.search(f"{_ACTIONS}$", what)
            if action:
                found.append((m.start("n"), {"what": action.group(), "value": _value(m["n"]), "unit": m["cls"],
                                             "text": text}))
                continue
            what = _TOTAL.sub("", what)  # "整改任务共155项"
            what = re.sub(r"(?<=..)(?:整改|工作)$", "", _LEADING.sub("", _after_verbs(what)))
            value = _value(m["n"])
            if value is None or not re.search(f"{_COUNTABLE}$", what) or len(what) < 2:
                continue
            found.append((m.start("n"), {"what": what, "value": value, "unit": m["cls"], "text": text}))
        for m in _FINE.finditer(text):
            amount = float(m["n"])
            found.append((m.start("n"), {"what": "罚款", "value": int(amount) if amount.is_integer() else amount,
                                         "unit": m["cls"], "text": text}))
        out += [item for _, item in sorted(found, key=lambda f: f[0])]
    return out
