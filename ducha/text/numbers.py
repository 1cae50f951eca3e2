"""Natural order of task numbers (序号) as ledgers write them: 1, 1.2, 2, 2.1, 10, 10-1.

Plain Python, no Django. `natural_key` pads every run of digits to the same
width, so that comparing the keys as plain strings (an index, ORDER BY)
gives the order a reader expects; Chinese numerals and full-width digits are
read as digits first.
"""

import re
import unicodedata

WIDTH = 6
_DIGITS = re.compile(r"\d+")
_CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_RUN = re.compile(r"[〇零一二两三四五六七八九十]+")


def _cn_number(run: str) -> str:
    """一 → 1, 十二 → 12, 二十三 → 23; other forms are left as they are."""
    if "十" not in run:
        return "".join(str(_CN[ch]) for ch in run) if all(ch in _CN for ch in run) else run
    tens, _, units = run.partition("十")
    if (tens and tens not in _CN) or (units and units not in _CN) or len(run) > 3:
        return run
    return str((_CN[tens] if tens else 1) * 10 + (_CN[units] if units else 0))


def natural_key(number: str, max_length: int = 160) -> str:
    text = unicodedata.normalize("NFKC", number or "").strip()
    text = _CN_RUN.sub(lambda m: _cn_number(m.group()), text)
    key = _DIGITS.sub(lambda m: m.group().lstrip("0").rjust(WIDTH, "0")[-WIDTH * 3:], text)
    return key[:max_length]
