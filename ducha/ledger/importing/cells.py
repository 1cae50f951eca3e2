"""Reading the value of one ledger cell for one field: categories, states,
progress, pollution domains, dates. Each reader returns the value or raises
CellError with a Chinese reason naming the text it could not read."""

import datetime as dt
import functools
import re
import unicodedata

from django.utils.translation import gettext as _

from ducha.ledger.models import Category, ScheduleState, TaskState
from ducha.text.deadlines import DeadlineError, parse_deadline

from .sheet import fold, text


class CellError(ValueError):
    pass


_CATEGORIES = {fold(label): value for value, label in Category.choices} | {v: v for v in Category.values} | {
    "立即整改": Category.IMMEDIATE, "限期": Category.BY_DEADLINE, "阶段性": Category.STAGED,
    "分阶段整改": Category.STAGED, "长期": Category.LONG_TERM, "持续推进": Category.LONG_TERM,
}
# Keys folded as the cells are (full-width brackets in 完成整改（待验收） become half-width).
_STATES = {fold(label): value for value, label in TaskState.choices} | {v: v for v in TaskState.values} | {
    "未启动": TaskState.NOT_STARTED, "未开始": TaskState.NOT_STARTED,
    "整改中": TaskState.IN_PROGRESS, "推进中": TaskState.IN_PROGRESS, "正在推进": TaskState.IN_PROGRESS,
    "未达到序时进度": TaskState.IN_PROGRESS, "达到序时进度": TaskState.IN_PROGRESS,
    "超过序时进度": TaskState.IN_PROGRESS, "阶段性完成": TaskState.IN_PROGRESS,
    "完成整改": TaskState.COMPLETED, "已完成": TaskState.COMPLETED, "完成": TaskState.COMPLETED, "已完成整改": TaskState.COMPLETED,
    "已整改": TaskState.COMPLETED, "销号": TaskState.SIGNED_OFF, "已验收销号": TaskState.SIGNED_OFF,
}
# A state cell may state the ledger's own judgement of scheduled progress: the task is in progress, and
# the claim is kept (Task.reported_schedule) beside the computed figure.
_SCHEDULE_CLAIMS = {"未达到序时进度": ScheduleState.BEHIND, "达到序时进度": ScheduleState.ON_SCHEDULE,
                    "超过序时进度": ScheduleState.AHEAD}
_LIST_SEPARATORS = re.compile(r"[、，,；;/\s]+")


def category(value) -> str:
    key = fold(value)
    if key not in _CATEGORIES:
        raise CellError(_("无法识别的整改类别“%(text)s”（应为立行立改、限期整改、分阶段或长期坚持）") % {"text": text(value)})
    return _CATEGORIES[key]


def state(value) -> str:
    key = fold(value)
    if key not in _STATES:
        raise CellError(_("无法识别的整改状态“%(text)s”") % {"text": text(value)})
    return _STATES[key]


def schedule_claim(value) -> str:
    """The scheduled-progress claim a state word makes ("未达到序时进度" → behind), "" for none."""
    return _SCHEDULE_CLAIMS.get(fold(value), "")


def progress(value):
    """(progress, state or None): 80, "80%", 0.8 (a percent-formatted cell), or a state word."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = value * 100 if 0 < value < 1 else value
    else:
        key = fold(value)
        if key in _STATES:
            return None, _STATES[key]
        match = re.fullmatch(r"(\d+(?:\.\d+)?)%?", key)
        if not match:
            raise CellError(_("无法识别的进度“%(text)s”（应为 0 到 100 的数字）") % {"text": text(value)})
        number = float(match.group(1))
    if not 0 <= number <= 100:
        raise CellError(_("进度“%(text)s”不在 0 到 100 之间") % {"text": text(value)})
    return round(number), None


def domains(value, by_name) -> list:
    found = []
    for name in _LIST_SEPARATORS.split(unicodedata.normalize("NFKC", text(value))):
        if not name:
            continue
        domain = by_name.get(name) or by_name.get(name.removesuffix("污染")) or by_name.get(
            name.removesuffix("环境"))
        if domain is None:
            known = "、".join(d.name for d in sorted(set(by_name.values()), key=lambda d: d.position))
            raise CellError(_("无法识别的污染领域“%(name)s”（可选：%(known)s）") % {"name": name, "known": known})
        if domain not in found:
            found.append(domain)
    return found


@functools.lru_cache(maxsize=4096)
def _parse_text(value: str):
    return parse_deadline(value)


def deadline(value):
    """(Deadline, the text as written or "" for a date cell)."""
    try:
        parsed = _parse_text(value) if isinstance(value, str) else parse_deadline(value)
    except DeadlineError as error:
        # The reasons are marked for translation in ducha.text.deadlines; an empty cell has no text to quote.
        if not (error.text or "").strip():
            raise CellError(_(error.reason)) from None
        raise CellError(_("%(reason)s“%(text)s”") % {"reason": _(error.reason), "text": error.text}) from None
    written = "" if isinstance(value, (dt.date, dt.datetime)) else text(value)
    return parsed, written


def date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = fold(value)
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        pass
    try:
        parsed = parse_deadline(raw)
    except DeadlineError:
        parsed = None
    if parsed is None or parsed.date is None or parsed.stages:
        raise CellError(_("无法识别的日期“%(text)s”") % {"text": text(value)})
    return parsed.date
