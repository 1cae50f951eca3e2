"""The parts of one task item of a plan, as a ledger row holds them (plain Python).

A task item in a plan reads like "1.推进挥发性有机物污染治理。2022年6月底前全面完成
加油站油气回收治理任务。责任单位：市生态环境局（牵头）、市发改委。完成时限：2022年6月底前。"
`split_labels` takes the labelled parts out ("责任单位：", "牵头单位：", "完成时限：", …),
so the measures never carry them and each part reaches the field it names.
`is_task_section` tells the sections that hold task items from those that state
goals, principles or safeguards, which never become tasks.
"""

import re

# label → field, as plans write them (longest first, so 主要责任单位 wins over 责任单位).
LABELS = {
    "主要责任单位": "units", "责任单位": "units", "责任主体": "units", "整改责任单位": "units",
    "牵头单位": "lead", "牵头部门": "lead", "配合单位": "co", "配合部门": "co", "协办单位": "co",
    "参与单位": "co", "责任领导": "people", "责任人": "people", "牵头领导": "people",
    "完成时限": "deadline", "整改时限": "deadline", "完成时间": "deadline", "时限要求": "deadline",
    "整改期限": "deadline", "整改目标": "target", "目标任务": "target", "整改措施": "measures",
    "具体措施": "measures", "督办领导": "supervising", "督导单位": "supervising", "序号": "number",
    "整改类别": "category", "整改类型": "category", "问题": "problem", "存在问题": "problem", "整改问题": "problem",
    "整改进展情况": "progress", "整改情况": "progress", "进展情况": "progress", "整改时间": "deadline",
    "主管单位": "units", "整改要求": "measures", "点位名称": "place", "所属区域": "place", "位置": "place",
}
_NAMES = "|".join(sorted(LABELS, key=len, reverse=True))
# "责任单位：…" after a sentence or clause, or "【整改期限】立行立改" as exposure notices write them.
_LABEL = re.compile(rf"(?:^|(?<=[。；;，,.\s（(]))[（(]?({_NAMES})[)）]?[:：]|【({_NAMES})】")
_TRIM = "。；;，,.、 \t\n\u3000"
# Top-level headings of parts that state principles or safeguards (never task items), and goals
# (task items only when the heading also names tasks or measures: "目标任务" is goals, "目标和措施" not).
_NOT_TASKS = re.compile(r"指导思想|总体要求|基本原则|工作原则|保障|工作要求|组织领导|组织实施|实施步骤|进度安排"
                        r"|基本情况|总体思路|工作机制")
_GOALS = re.compile(r"目标")
_TASK_WORDS = re.compile(r"措施|问题|举措|清单|重点工作|(?:主要|重点|整改|工作)任务")


def split_labels(body: str) -> tuple[str, dict]:
    """(the text without its labelled parts, {field: value}); several unit labels
    of one field are joined with "、" in the order written."""
    body, noted = duty_note(body or "")
    matches = list(_LABEL.finditer(body))
    if not matches:
        return body.strip(_TRIM), noted
    fields: dict[str, str] = {}
    rest = [body[:matches[0].start()]]
    for m, nxt in zip(matches, matches[1:] + [None]):
        stop = nxt.start() if nxt else len(body)
        end = stop
        if m.group(1):  # "责任单位：…" ends with its line; what follows is text again
            newline = body.find("\n", m.end(), stop)
            end = stop if newline < 0 else newline
            rest.append(body[end:stop])
        value = re.sub(r"[（(]$", "", body[m.end():end].strip(_TRIM)).strip(_TRIM)
        if not value:
            continue
        field = LABELS[m.group(1) or m.group(2)]
        fields[field] = f"{fields[field]}、{value}" if field in fields else value
    text = "\n".join(part.strip(_TRIM) for part in rest if part.strip(_TRIM))
    return text, {**noted, **fields}


# "…（市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责）" closing an item.
_DUTY_NOTE = re.compile(r"[（(]([^（）()]+?)牵头(?:[，,、]([^（）()]+?)(?:按职责分工|按职责)?(?:负责|配合|参与))?[)）]\s*[。.]?\s*$")


def duty_note(text: str) -> tuple[str, dict]:
    """(text without it, {"lead", "co"}) of a closing note naming who leads and who helps."""
    m = _DUTY_NOTE.search(text or "")
    if not m:
        return text, {}
    fields = {"lead": m.group(1).strip()}
    if m.group(2):
        fields["co"] = m.group(2).strip()
    return text[:m.start()].rstrip(_TRIM), fields


def unit_cell(fields: dict) -> str:
    """The units as a ledger cell writes them: the lead first, then the others."""
    parts = [fields.get(k, "") for k in ("lead", "units", "co")]
    return "、".join(p for p in parts if p)


def is_task_section(top_heading: str) -> bool:
    """False for the parts of a plan that state goals, principles or safeguards."""
    heading = (top_heading or "").strip()
    if _NOT_TASKS.search(heading):
        return False
    return not (_GOALS.search(heading) and not _TASK_WORDS.search(heading))


# Quantities of work a task states: "新建改造污水管网80公里", "淘汰燃煤小锅炉3449蒸吨".
_WORK_UNITS = (r"平方公里|平方千米|万平方米|平方米|万立方米|立方米|公里|千米|米|蒸吨|万吨|吨|万亩|亩|公顷|万千瓦|千瓦|兆瓦"
               r"|个|座|家|处|台|辆|套|条|户|宗|项|艘|根|口|只|眼|块|批")
_QUANTITY = re.compile(rf"(?<![\d.年月])(\d+(?:\.\d+)?)\s*({_WORK_UNITS})(?![\d年月日号])")
_CLAUSE_END = "。；;，,\n"


def work_quantities(text: str) -> list[dict]:
    """[{"value", "unit", "text"}] of the work quantities in text, each with the clause it is in."""
    out = []
    for m in _QUANTITY.finditer(text or ""):
        start = max(text.rfind(ch, 0, m.start()) for ch in _CLAUSE_END) + 1
        ends = [i for i in (text.find(ch, m.end()) for ch in _CLAUSE_END) if i >= 0]
        clause = text[start:min(ends) if ends else len(text)].strip()
        out.append({"value": m.group(1), "unit": m.group(2), "text": clause})
    return out


# A notice of one rectification item (整改情况公示, 销号公示) states it in parts, each headed by
# the field it holds: "一、整改任务 … 二、整改目标 … 三、整改措施 … 四、整改完成情况",
# "整改任务：… 整改目标：…", or as table rows "整改任务概述 | … |".
RECORD_LABELS = {
    "整改任务概述": "problem", "整改问题概述": "problem", "问题概述": "problem", "问题描述": "problem",
    "反馈问题": "problem", "整改任务": "problem", "存在问题": "problem", "整改问题": "problem",
    "整改目标": "target", "整改措施及完成情况": "measures", "整改措施及成效": "measures", "整改措施": "measures",
    "整改责任单位": "units", "责任单位": "units", "牵头单位": "units",
    "整改时限": "deadline", "整改时间": "deadline", "完成时限": "deadline", "整改期限": "deadline",
    "整改完成情况": "progress", "整改主要工作及成效": "progress", "完成情况": "progress", "整改情况": "progress",
    "整改成效": "progress", "整改结论": "progress",
}
_RECORD_NAMES = "|".join(sorted(RECORD_LABELS, key=len, reverse=True))
_NUMBERED = r"[一二三四五六七八九十]{1,2}[、.．][ \t\u3000]*"
# A numbered heading ending in a label (on its own line, or after a sentence in a text that lost
# its line breaks: "…下降为V类。二、整改目标实施浑河流域综合整治"), or a line opening with a label
# and a colon or a table bar.
_RECORD_PART = re.compile(
    rf"(?:^|(?<=[。；;]))[ \t\u3000]*{_NUMBERED}[^\s。；;:：|]{{0,16}}?({_RECORD_NAMES})"
    rf"|^[ \t\u3000]*({_RECORD_NAMES})[ \t\u3000]*([:：|])", re.M)
_ANY_NUMBERED = re.compile(rf"^[ \t\u3000]*{_NUMBERED}", re.M)


def record_parts(text: str) -> list[tuple[str, int, int]]:
    """[(field, start, end)] of the parts of a one-item notice, in order, each from its label
    to the next part or numbered heading; [] when the text is not one: it must open with the
    problem, name no field twice and hold a part besides the problem."""
    heads = list(_RECORD_PART.finditer(text or ""))
    fields = [RECORD_LABELS[m.group(1) or m.group(2)] for m in heads]
    if len(heads) < 2 or fields[0] != "problem" or len(set(fields)) != len(fields):
        return []
    stops = sorted({m.start() for m in _ANY_NUMBERED.finditer(text)} | {m.start() for m in heads} | {len(text)})
    parts = []
    for field, m in zip(fields, heads):
        end = next(s for s in stops if s > m.start())
        if m.group(3) == "|":  # a table row ends with its line
            line_end = text.find("\n", m.end())
            end = min(end, len(text) if line_end < 0 else line_end)
        parts.append((field, m.end(), end))
    return parts


def part_text(text: str, start: int, end: int) -> str:
    """A part's text without the bars and punctuation around it."""
    return text[start:end].strip(_TRIM + "|")
