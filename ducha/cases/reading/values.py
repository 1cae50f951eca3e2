"""Cell values of complaint-case tables: verdicts, states, types, counts and fines."""

import re
from decimal import Decimal, InvalidOperation

# 是否属实 as written → verdict code (ducha.cases.models.Verdict).
VERDICTS = {
    "属实": "true", "是": "true", "情况属实": "true", "反映属实": "true",
    "基本属实": "mostly", "基本是": "mostly",
    "部分属实": "partly", "部分是": "partly",
    "不属实": "false", "否": "false", "反映不属实": "false", "情况不属实": "false",
}
# 办结状态 / 是否办结 as written → state code (ducha.cases.models.CaseState).
STATES = {
    "已办结": "done", "办结": "done", "是": "done", "已完成": "done", "完成": "done",
    "阶段性办结": "staged", "阶段办结": "staged", "阶段性完成": "staged",
    "正在办理": "handling", "未办结": "handling", "否": "handling", "办理中": "handling", "在办": "handling",
}
_SPACES = re.compile(r"[\s\u3000]+")
TYPE_SEPARATORS = re.compile(r"[、，,/／;；|\n]+|\s{1,}")


def _squash(text):
    return _SPACES.sub("", text or "").strip("。.")


def verdict_of(text: str):
    """The verdict code, '' for an empty cell, None when the words are not a verdict."""
    key = _squash(text)
    if not key:
        return ""
    return VERDICTS.get(key)


def state_of(text: str):
    key = _squash(text)
    if not key:
        return ""
    return STATES.get(key)


# Words that only finish the word before them when a PDF broke the cell over lines ("大气\n\n污染").
_TYPE_TAILS = {"污染", "污染类", "类", "问题", "方面", "破坏"}


def split_types(text: str) -> list[str]:
    """污染类型 as written, split into its words (大气、噪声 / 水,土壤 / one per line); a bare 污染 left on a
    line of its own by a broken cell is joined back onto the word above."""
    words = []
    for part in TYPE_SEPARATORS.split(text or ""):
        word = part.strip()
        if not word:
            continue
        if word in _TYPE_TAILS and words:
            words[-1] += word
        else:
            words.append(word)
    return words


# What bad conversions leave in a cell: "?" for characters the converter could not write ("? ? ? D45…"),
# standing alone between spaces at the start or the end of the text.
_JUNK_START = re.compile(r"^(?:[?？\ufffd][\s\u3000]+)+(?=\S)")
_JUNK_END = re.compile(r"(?<=\S)(?:[\s\u3000]+[?？\ufffd])+$")


def strip_conversion_junk(text: str) -> str:
    """`text` without the lone question marks a converter left around it (a "?" glued to a word stays)."""
    if "?" not in text and "？" not in text and "\ufffd" not in text:
        return text
    return _JUNK_END.sub("", _JUNK_START.sub("", text.strip()))


def map_types(words, aliases: dict[str, str], fallback: str | None):
    """Type codes for the words: exact names or aliases first, then an alias contained in the word
    (餐饮油烟污染 ← 油烟); unknown words go to the fallback. Order kept, no duplicates."""
    codes = []
    for word in words:
        code = aliases.get(word)
        if code is None:
            code = next((c for alias, c in sorted(aliases.items(), key=lambda kv: -len(kv[0])) if alias in word),
                        fallback)
        if code and code not in codes:
            codes.append(code)
    return codes


_COUNT = re.compile(r"^(\d+)(?:家次|人次|件次|家|人|件|个|起)?$")
_MONEY = re.compile(r"^(\d+(?:\.\d+)?)(万元|万|元)?$")


def count_of(text):
    """A count (3, 3家, 2人次); 0 for an empty cell; None when it is not one."""
    key = _squash(str(text if text is not None else "")).replace(",", "")
    if key in ("", "/", "-", "—", "无"):
        return 0
    if re.fullmatch(r"\d+\.0+", key):
        key = key.split(".")[0]
    match = _COUNT.match(key)
    return int(match.group(1)) if match else None


def yuan_of(text, default_unit="元"):
    """A fine in 元 as an exact Decimal (15000, 1.5万元, 12,000.50元); 0 for an empty cell; None when not a
    sum. `default_unit` is the column's unit (罚款金额（万元）) for bare numbers."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        text = repr(text) if isinstance(text, float) else str(text)
    key = _squash(text or "").replace(",", "").replace("，", "")
    if key in ("", "/", "-", "—", "无"):
        return Decimal("0")
    match = _MONEY.match(key)
    if not match:
        return None
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:
        return None
    unit = match.group(2) or default_unit
    if unit.startswith("万"):
        value *= 10000
    return value.quantize(Decimal("0.01"))
