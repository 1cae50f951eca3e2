"""Reading a deadline (整改时限) as ledgers and plans write it.

Plain Python, no Django: the ledger importer and the plan reader both use it.

`parse_deadline(value)` turns a cell ("2021年12月底前", "立行立改，长期坚持",
an Excel date…) into a `Deadline(date, category, stages)` where category is
one of the task categories (immediate / by_deadline / staged / long_term).

Rules, in the words of the plans:
- a date alone ("2022年6月底", "2021年10月31日前", "2025年底前", an Excel
  date) is a deadline: by_deadline, due on the last day the text allows
  (a month means its last day, a year its 31 December, 上半年 30 June);
- 立行立改 / 立即整改 with no date is immediate; with a date it stays
  immediate and keeps the date;
- 长期坚持 / 持续推进 / 常态化… is long-term; it wins over 立行立改 because the
  task stays open under periodic checks after the first fix; a date that
  comes with it is kept as the first milestone;
- two or more dates ("2021年底前…，2023年底前全面完成") are stages: staged,
  due on the latest date, each stage named by its own text.
Anything else raises `DeadlineError` with the text, so the caller can name the
row and column.
"""

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

IMMEDIATE, BY_DEADLINE, STAGED, LONG_TERM = "immediate", "by_deadline", "staged", "long_term"


def gettext_noop(message):
    """Marks a reason for `makemessages` without importing Django; callers translate it."""
    return message


UNREADABLE = gettext_noop("无法识别的整改时限")
BAD_MONTH = gettext_noop("月份不正确")
NO_SUCH_DAY = gettext_noop("日期不存在")
EMPTY = gettext_noop("整改时限为空")

_IMMEDIATE_WORDS = ("立行立改", "立即整改", "即知即改", "马上就改", "立即", "即时整改")
_LONG_TERM_WORDS = ("长期坚持", "长期", "持续推进", "持续开展", "持续整改", "常态化", "久久为功", "持续")

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}

_NUM = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
# A year, then optionally a part of it. Order matters: longer forms first.
_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*(?:年|[.\-/](?=\d))\s*"
    r"(?:"
    r"(?P<half>上半年|下半年)"
    r"|(?:第?(?P<quarter>[一二三四1-4])季度)"
    r"|(?:(?P<month>" + _NUM + r")\s*(?:月份?|[.\-/](?=\d))\s*"
    r"(?:(?P<day>" + _NUM + r")\s*(?:日|号)?|(?P<part>上旬|中旬|下旬|月?底|末|初))?)"
    r"|(?P<yearpart>年?底|年?末|年内|全年)"
    r")?"
)


class DeadlineError(ValueError):
    """The text is not a deadline this module can read."""

    def __init__(self, text: str, reason: str = UNREADABLE):
        self.text = text
        self.reason = reason
        super().__init__(f"{reason}“{text}”" if (text or "").strip() else reason)


@dataclass(frozen=True)
class Deadline:
    date: dt.date | None
    category: str
    # (text of the stage, due date) when the text names more than one date.
    stages: tuple = field(default_factory=tuple)


def normalize(text: str) -> str:
    """Full-width digits and punctuation to ASCII, spaces and newlines out."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"\s+", "", text)


def _number(token: str) -> int:
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_DIGITS[token[1]]
    if len(token) == 2 and token.endswith("十"):
        return _CN_DIGITS[token[0]] * 10
    if len(token) == 3 and token[1] == "十":
        return _CN_DIGITS[token[0]] * 10 + _CN_DIGITS[token[2]]
    return _CN_DIGITS[token]


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _date_of(match: re.Match, text: str) -> dt.date:
    year = int(match["year"])
    if match["half"]:
        return dt.date(year, 6, 30) if match["half"] == "上半年" else dt.date(year, 12, 31)
    if match["quarter"]:
        quarter = _number(match["quarter"])
        return _month_end(year, quarter * 3)
    if match["month"]:
        month = _number(match["month"])
        if not 1 <= month <= 12:
            raise DeadlineError(text, BAD_MONTH)
        if match["day"]:
            try:
                return dt.date(year, month, _number(match["day"]))
            except ValueError:
                raise DeadlineError(text, NO_SUCH_DAY) from None
        part = match["part"] or ""
        if part == "上旬":
            return dt.date(year, month, 10)
        if part == "中旬":
            return dt.date(year, month, 20)
        if part == "初":
            return dt.date(year, month, 5)
        return _month_end(year, month)
    return dt.date(year, 12, 31)


def _dates(text: str):
    """(date, stage text) for each date in the text, in order. A stage's text
    runs from its date to the next date ("2021年底前基本完成")."""
    matches = list(_DATE.finditer(text))
    found = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        found.append((_date_of(match, text), text[match.start():end].strip("，,；;。、")))
    return found


def parse_deadline(value) -> Deadline:
    """Read one deadline cell: a date, a datetime, or text."""
    if isinstance(value, dt.datetime):
        return Deadline(value.date(), BY_DEADLINE)
    if isinstance(value, dt.date):
        return Deadline(value, BY_DEADLINE)
    original = "" if value is None else str(value).strip()
    text = normalize(original)
    if not text:
        raise DeadlineError(original, EMPTY)
    dates = _dates(text)
    long_term = any(word in text for word in _LONG_TERM_WORDS)
    immediate = any(word in text for word in _IMMEDIATE_WORDS)
    if not dates:
        if long_term:
            return Deadline(None, LONG_TERM)
        if immediate:
            return Deadline(None, IMMEDIATE)
        raise DeadlineError(original)
    stages = tuple((name, due) for due, name in dates) if len(dates) > 1 else ()
    latest = max(due for due, _ in dates)
    if long_term:
        return Deadline(min(due for due, _ in dates), LONG_TERM, stages)
    if immediate:
        return Deadline(latest, IMMEDIATE, stages)
    if stages:
        return Deadline(latest, STAGED, stages)
    return Deadline(latest, BY_DEADLINE)


def format_deadline(deadline: dt.date) -> str:
    """The form plans use, which `parse_deadline` reads back: "2022年6月30日"."""
    return f"{deadline.year}年{deadline.month}月{deadline.day}日"
