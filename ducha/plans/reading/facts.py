"""Title, issuer and date of a plan, from where official documents and their web pages put them.

Date, most authoritative first: a 成文日期/发文日期 field; the dateline of the
signature block at the end ("2021年9月30日" / "二〇二一年九月三十日", usually
under the issuer's name); a 发布时间/发布日期/日期 field of the web page.
Issuer: 发文机关/发布机构/发文单位 field; the line above the closing dateline;
来源 of the web page.
"""

import datetime as dt
import re

from ducha.plans.reading.outline import cn_number, is_heading

_CN = "〇零一二三四五六七八九十两"
_DATE_ARABIC = r"((?:19|20)\d{2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?"
_DATE_CN = rf"([{_CN}]{{4}})年([{_CN}]{{1,3}})月([{_CN}]{{1,3}})日"
_DATE_ANY = re.compile(rf"{_DATE_ARABIC}|{_DATE_CN}")

_FIELD = r"\s*[:：]\s*"
_FORMAL_DATE_FIELD = re.compile(rf"(?:成文日期|发文日期|印发日期|签发日期){_FIELD}")
_WEB_DATE_FIELD = re.compile(rf"(?:发布时间|发布日期|公开日期|日期|时间){_FIELD}")
# A page's time stamp without a label: "2021-06-25 16:57 来源：市生态环境局".
_WEB_STAMP = re.compile(rf"^(?=\s*{_DATE_ARABIC}\s*(?:\d{{1,2}}:\d{{2}}|来源|$))")
_ISSUER_FIELD = re.compile(rf"(?:发文机关|发文单位|发布机构|发布单位|制发机关){_FIELD}([^\s：:]{{2,40}}?)(?=\s|$|文号|索引号|发布|成文|主题)")
_SOURCE_FIELD = re.compile(rf"(?:来源|信息来源|文章来源){_FIELD}([^\s：:]{{2,40}}?)(?=\s|$|发布|日期|时间|作者|浏览)")
_TITLE_WORDS = re.compile(r"(方案|意见|通知|计划|要点|报告|办法|决定|规划|细则|规定|清单|通报|公告|情况)$")
_ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff（）、\s]{2,40}(?:委员会|人民政府|政府|党委|办公室|办公厅|局|厅|委|部|领导小组|小组|中心)$")


def parse_date(text: str) -> dt.date | None:
    m = _DATE_ANY.search(text)
    if not m:
        return None
    if m.group(1):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        y, mo, d = cn_number(m.group(4)), cn_number(m.group(5)), cn_number(m.group(6))
    try:
        return dt.date(y, mo, d)
    except (TypeError, ValueError):
        return None


def _field_date(pattern: re.Pattern, lines: list[str]) -> dt.date | None:
    for line in lines:
        m = pattern.search(line)
        if m:
            found = parse_date(line[m.end():m.end() + 30])
            if found:
                return found
    return None


def _closing(lines: list[str]):
    """(issuer, date) from a signature block: a dateline among the last lines, the issuer above it."""
    tail = lines[-6:]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i].strip("（）() ")
        if len(line) <= 16 and _DATE_ANY.fullmatch(line):
            issuer = None
            if i > 0 and _ISSUER_LINE.match(tail[i - 1]):
                issuer = tail[i - 1].replace(" ", "")
            return issuer, parse_date(line)
    return None, None


def _dated_sender(head: list[str]):
    """(issuer, date) from a briefing's header line "市整改攻坚指挥部办公室     2021年1月13日"."""
    for line in head:
        m = re.match(rf"^(\S{{2,40}}?)\s+({_DATE_ARABIC}|{_DATE_CN})$", line.strip())
        if m and _ISSUER_LINE.match(m.group(1)):
            return m.group(1), parse_date(m.group(2))
    return None, None


def _title(lines: list[str]) -> str | None:
    for line in lines[:15]:
        m = re.match(r"^(?:标\s*题|题\s*名|文件名称)\s*[:：]\s*(.+)$", line)
        if m:
            return m.group(1).strip()
    # The first line that is not a field ("发布时间：…") of a web page's header.
    candidates = [line for line in lines[:5] if not _FIELD_LINE.match(line) and not _NOT_TITLE.search(line)]
    if not candidates:
        return None
    # A heading of the page or a sender line may precede the title: prefer a line that
    # ends the way titles end ("…攻坚行动方案" under "生态环境部 发展改革委").
    titled = [line for line in candidates if len(line) <= 80 and _TITLE_WORDS.search(line.rstrip("）)"))
              and not re.search(r"[。！？；，：]$", line) and not is_heading(line)]
    first = titled[0] if titled else candidates[0]
    # A title has no sentence ending and is not a numbered heading.
    if len(first) <= 80 and not re.search(r"[。！？；]$", first) and not is_heading(first):
        if _TITLE_WORDS.search(first.rstrip("）)")) or ("：" not in first and len(lines) > 1):
            return first
    return None


# A document number (丽政办发〔2021〕45号), a distribution note, a secrecy mark.
_NOT_TITLE = re.compile(r"[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$|^[（(]此件|^(?:机密|秘密|特急|加急)|^签发人")
_FIELD_LINE = re.compile(r"^[\u4e00-\u9fff\s]{1,8}[:：]|>>|＞＞|^您的位置|^当前位置")


_TITLE_ISSUER = re.compile(r"^([\u4e00-\u9fff（）]{2,30}?(?:人民政府办公室|人民政府办公厅|委员会|人民政府|政府|党委|办公室|办公厅|"
                           r"局|厅|委|领导小组))(?:\s*)关于")


def _issuer_in_title(title: str | None) -> str | None:
    """"南宁市人民政府关于…整改情况的函" names its sender before 关于."""
    m = _TITLE_ISSUER.match(title or "")
    return m.group(1) if m else None


_DOC_NUMBER = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号)")
_NUMBER_FIELD = re.compile(r"文\s*号\s*[:：]\s*([^\s:：]{4,40}号)")


def document_number(lines: list[str]) -> str | None:
    """The document number (文号) in the head of the text: "丽委发〔2021〕30号"."""
    for line in lines:
        # On a line of its own (a cited number inside a sentence is another document's).
        m = _NUMBER_FIELD.search(line) or _DOC_NUMBER.fullmatch(line.strip())
        if m:
            return re.sub(r"\s+", "", m.group(1))
    return None


def document_facts(clean_text: str) -> dict:
    """{"title", "issuer", "date" (datetime.date or None), "number"} of the cleaned text."""
    lines = [line for line in clean_text.split("\n") if line.strip()]
    head = lines[:12]
    closing_issuer, closing_date = _closing(lines)
    header_issuer, header_date = _dated_sender(head)
    date = _field_date(_FORMAL_DATE_FIELD, head) or closing_date or header_date or _field_date(_WEB_DATE_FIELD, head) \
        or _field_date(_WEB_STAMP, head)
    issuer = None
    for pattern in (_ISSUER_FIELD,):
        for line in head:
            m = pattern.search(line)
            if m:
                issuer = m.group(1)
                break
    issuer = issuer or closing_issuer or header_issuer or _issuer_in_title(_title(lines))
    if not issuer:
        for line in head:
            m = _SOURCE_FIELD.search(line)
            if m:
                issuer = m.group(1)
                break
    return {"title": _title(lines), "issuer": issuer, "date": date, "number": document_number(lines[:20])}


def document_year(facts: dict, clean_text: str, *, report: bool = False) -> int | None:
    """The year the plan is about: its date, else a year in its title, else the first year
    its opening paragraph names ("2020年是…收官之年"); a report is of the latest year its
    opening names ("2017年8月1日…反馈…截至2018年8月底…" is a report of 2018)."""
    if facts.get("date"):
        return facts["date"].year
    if report and not re.search(r"(?:19|20)\d{2}\s*年", facts.get("title") or ""):
        years = [int(y) for y in re.findall(r"(?<![到\d])(?<![^截]至)((?:19|20)\d{2})\s*年", clean_text[:400])]
        if years:
            return max(years)
    for text in (facts.get("title") or "", clean_text[:200]):
        m = re.search(r"((?:19|20)\d{2})\s*年", text)
        if m:
            return int(m.group(1))
    return None


# What a document is: a plan sets goals, a report (整改落实情况, 工作总结, 公报, 通报) states results.
_REPORT_TITLE = re.compile(r"(?:情况|报告|总结|公报|通报|简报|综述|进展|成效)(?:的(?:函|通知|报告|通报))?(?:（[^（）]*）)?$")
_PLAN_TITLE = re.compile(r"方案|计划|规划|意见|要点|清单|办法|措施")
_PAST_WORDS = re.compile(r"已|截至|截止|同比|累计|完成了|取得")
_FUTURE_WORDS = re.compile(r"(?<!截)到(?:19|20)\d{2}年|力争|确保|计划|目标|将|下一步")


def is_report(title: str | None, clean_text: str) -> bool:
    """Whether the document reports results rather than sets goals: from its title, else from
    how much more its text says 已/截至/同比 than 到…年/力争/确保."""
    if title:
        if _REPORT_TITLE.search(title):
            return True
        if _PLAN_TITLE.search(title):
            return False
    past = len(_PAST_WORDS.findall(clean_text))
    return past >= 3 and past > 2 * len(_FUTURE_WORDS.findall(clean_text))
