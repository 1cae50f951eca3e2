"""Dated commitments in the running text of a plan.

A date counts as a commitment when the sentence binds something to it:
"2017年底前…", "6月底前…", "到2027年…", "2021年12月31日前", "年内…",
"到“十四五”末…", or a year followed by what is to be done ("2022年全面完成…").
A bare year that sets the scene ("2021年，市区PM2.5…") is not one.

A date without a year ("10月底前") takes the year the sentence speaks of
(see `sentences.assign_years`): its paragraph, its section, else the document's.
The date itself is resolved by `ducha.text.deadlines.parse_deadline`, the reader
the ledger import uses, so a plan and its ledger agree on "月底" and "年底".
Markers 立行立改 (immediate) and 长期坚持 (long-term) are reported without a date.
"""

import re

from ducha.plans.reading.sentences import FIVE_YEAR_PLANS, Sentence
from ducha.text.deadlines import IMMEDIATE, LONG_TERM, DeadlineError, parse_deadline

BY_DEADLINE = "by_deadline"

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_PART = rf"(?:上半年|下半年|第?[一二三四1-4]季度|{_N}月(?:份)?(?:{_N}[日号]|底|末|上旬|中旬|下旬)?|底|末)"
_BEFORE = r"(?:前|之前|以前)"
_DONE = r"(?:全面|基本|全部|力争|确保|要|前)?(?:完成|建成|实现|达到|投运|投入|取缔|关闭|淘汰|整改到位)"

_DATED_YEAR = re.compile(
    rf"(?<!截)(?P<pre>到|至|(?<![关对由属位基鉴等])于|在)?(?<![\d.])(?P<year>(?:19|20)\d{{2}})年(?P<part>{_PART})?(?P<post>{_BEFORE}|内)?"
)
_MONTH_ONLY = re.compile(
    rf"(?<![年\d])(?P<month>{_N})月(?:份)?(?P<part>{_N}[日号]|底|末|上旬|中旬|下旬)?(?P<post>{_BEFORE})?"
)
_YEAR_END = re.compile(rf"(?<![\d年一二三四五六七八九十两几])(?:今年|本年度?|当年)?(?:年底{_BEFORE}?|年内|年末{_BEFORE}?)")
_FIVE_YEAR_END = re.compile(r"(?:到|至)?[“\"']?(十[一二三四五六]五)[”\"']?(?:规划)?(?:末|期末|时期末)")
_MARKERS = ((re.compile(r"立行立改|立即整改|即知即改"), IMMEDIATE), (re.compile(r"长期坚持(?=[，。；、）\s]|$)"), LONG_TERM))


_LABEL = re.compile(r"(?:时限|期限|完成时间|截止时间|时间节点|完成时限)\s*[:：]\s*$")
_FIELD = re.compile(r"(?:日期|(?<!完成|截止)时间|发布|成文)\s*[:：]")


def _resolve(fragment: str):
    try:
        return parse_deadline(fragment).date
    except DeadlineError:
        return None


def _in_sentence(s: Sentence):
    """(date, position) pairs for the dated commitments of one sentence."""
    found = []
    text = s.text
    taken = []
    for m in _DATED_YEAR.finditer(text):
        if text[max(0, m.start() - 2):m.start()] in ("截至", "截止"):
            continue  # "截至2022年6月底，…已完成" reports a state, it commits to nothing
        # A dated day or month binds only with 前 ("9月30日前") or under a deadline label
        # ("整改时限：2021年12月"); a year end always does.
        # "到2022年" binds; "于2021年2月25日向我市反馈" and "在2021年" only tell when.
        binding = m["pre"] in ("到", "至") or m["post"] or (m["part"] and re.search(r"[底末]$", m["part"])) \
            or re.match(_DONE, text[m.end():]) or _LABEL.search(text[:m.start()])
        if not binding:
            continue
        date = _resolve(f"{m['year']}年{m['part'] or ''}")
        if date:
            found.append((date, m.start()))
            taken.append((m.start(), m.end()))
    # Dates without a year take the year the sentence speaks of.
    yearless = [
        (_MONTH_ONLY, lambda m: m["post"] or m["part"] in ("底", "末"), lambda m: f"{m['month']}月{m['part'] or ''}"),
        (_YEAR_END, lambda m: True, lambda m: "底"),
    ]
    for pattern, binds, fragment in yearless:
        for m in pattern.finditer(text):
            reported = text[max(0, m.start() - 2):m.start()] in ("截至", "截止")  # "截至10月底，…共检查企业"
            if s.year and binds(m) and not reported and not any(a <= m.start() < b for a, b in taken):
                date = _resolve(f"{s.year}年{fragment(m)}")
                if date:
                    found.append((date, m.start()))
    for m in _FIVE_YEAR_END.finditer(text):
        date = _resolve(f"{FIVE_YEAR_PLANS[m.group(1)]}年底")
        found.append((date, m.start()))
    return found


def find_deadlines(sentences: list[Sentence]) -> list[dict]:
    """[{"date": date|None, "kind", "text"}] in document order, one per date per sentence."""
    out = []
    for s in sentences:
        if _FIELD.search(s.text):
            continue  # 发文日期：… is the document's date, not a commitment
        seen = set()
        for date, _pos in sorted(_in_sentence(s), key=lambda x: x[1]):
            if date and date not in seen:
                seen.add(date)
                out.append({"date": date, "kind": BY_DEADLINE, "text": s.text})
        for pattern, kind in _MARKERS:
            if pattern.search(s.text):
                out.append({"date": None, "kind": kind, "text": s.text})
    return out
