"""What a user owes (我的待办), gathered from every app that has something to ask of them.

Apps above this one register providers in their AppConfig.ready(); the to-do page and the daily
digest call `items_for(user)` and group the items by section. Apps depend downward only: this
module knows no domain app, the providers know this module.

A provider is `provider(user, today) -> list[TodoItem]`.
"""

import datetime as dt
from dataclasses import dataclass

_PROVIDERS = {}


@dataclass(frozen=True)
class TodoItem:
    section: str  # e.g. "reports_owed", "due_soon", "overdue", "warnings", "replies_owed", "flags_raised"
    title: str
    url: str = ""
    due: dt.date | None = None
    # Why it is here, one short line ("第3次调度 12月5日截止").
    detail: str = ""
    # Stable id of the thing owed, so a digest does not report it twice the same day.
    key: str = ""


@dataclass(frozen=True)
class Section:
    code: str
    label: str
    order: int
    # Included in the daily e-mail digest.
    in_digest: bool = True


_SECTIONS = {}


def register_section(code, label, order, in_digest=True):
    _SECTIONS[code] = Section(code, label, order, in_digest)


def sections():
    return sorted(_SECTIONS.values(), key=lambda s: s.order)


def register(name, provider):
    _PROVIDERS[name] = provider


def items_for(user, today):
    items = []
    for provider in _PROVIDERS.values():
        items.extend(provider(user, today))
    return items
