"""The audit log's event codes and their Chinese names.

`record()` refuses a code that is not registered here, so every event the log
holds has a name people can read. Apps register their own codes (dotted:
`task.update`, `task.transition.claim`, `user.change`, `token.create`) when
their actions module is imported or in `AppConfig.ready`. The short legacy
codes below are the ones the code base wrote before dotted codes existed.

An event is an update when its code is `update` or ends in `.update` or
`.change` (or when registered with `update=True`): recording one whose
before equals its after writes nothing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Event:
    code: str
    label: object
    update: bool


_EVENTS: dict[str, Event] = {}


def register(code: str, label, *, update: bool | None = None) -> Event:
    """Register `code` with its Chinese label. Registering the same code again with the same label is
    harmless (modules may be imported twice); with another label it is a mistake and raises."""
    if not code or len(code) > 32:
        raise ValueError(f"audit event code {code!r} must be 1 to 32 characters")
    if update is None:
        update = code == "update" or code.rsplit(".", 1)[-1] in ("update", "change")
    event = Event(code, label, update)
    known = _EVENTS.get(code)
    if known is not None and str(known.label) != str(label):
        raise ValueError(f"audit event {code!r} is already registered as {known.label!r}")
    _EVENTS[code] = event
    return event


def get(code: str) -> Event | None:
    return _EVENTS.get(code)


def label(code: str) -> str:
    """The Chinese name of an event; the code itself for one no longer registered (old entries)."""
    event = _EVENTS.get(code)
    return str(event.label) if event else code


def choices():
    """(code, label) pairs sorted by label, for filters: one per name. A step recorded under two codes
    (the task's transition and its sign-off application's, both 审核签字) is one choice, its first code."""
    first = {}
    for code in sorted(_EVENTS):
        first.setdefault(str(_EVENTS[code].label), code)
    return sorted(((code, name) for name, code in first.items()), key=lambda pair: pair[1])


def same_name(code: str) -> list[str]:
    """Every code registered under the name of `code` (itself included), for filtering by a choice."""
    name = label(code)
    return sorted(c for c, e in _EVENTS.items() if str(e.label) == name) or [code]


for _code, _label in [
    ("create", _("新建")),
    ("update", _("修改")),
    ("delete", _("删除")),
    ("flag", _("督导标记")),
    ("load", _("载入行政区划")),
    ("import", _("导入")),
    ("upload", _("上传方案")),
    ("decide", _("审核提取结果")),
    ("confirm", _("确认写入台账")),
]:
    register(_code, _label)
