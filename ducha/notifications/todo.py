"""What a user owes (我的待办), gathered from every app that has something to ask of them.

Apps above this one register providers in their AppConfig.ready(); the to-do page and the daily
digest call `items_for(user)` and group the items by section. Apps depend downward only: this
module knows no domain app, the providers know this module.

A provider is `provider(user, today) -> list[TodoItem]`. It should return a bounded list (the page
shows at most `PAGE_LIMIT` items of a section and links to the full list); a section whose items can
be many registers `count` (the true number, shown beside the title) and `more_url` (the full, filtered
list: "查看全部") with `register_section`.

Each section declares the roles it is for (`roles`): the ones that can act on what it lists. The page, the
API and the digest show a user only the sections of their role (an officer never sees the office's 待分办信访件,
not even empty); administrators also get every section declared for `Role.ADMIN`.

The section codes every app uses are registered here, so the page shows a section (empty) even when
the app that fills it is absent; an app registering the same code again replaces it (its own label,
order or options) and keeps the roles declared here unless it names its own.
"""

import contextlib
import contextvars
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ducha.core import scoping
from ducha.core.roles import Role

_PROVIDERS = {}

# Items shown per section on the to-do page and in a digest; providers return at most this many.
PAGE_LIMIT = 10
# A section's count may stop here: the page then says "1000+" (the full list has the exact number).
COUNT_CAP = 1000


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
    # In the digest, only items due within this many days (None: every item). "due_soon" lists 30 days
    # on the page and 7 in the digest.
    digest_days: int | None = None
    # count(user, today) -> int: how many items there are in all (None: the number of items returned).
    count: Callable | None = None
    # more_url(user, today) -> str: the full list ("查看全部"); "" or None: no link.
    more_url: Callable | None = None
    # The roles that can act on what the section lists: only they see it.
    roles: frozenset = frozenset()

    def is_for(self, user):
        role = getattr(user, "role", None)
        return role in self.roles or (Role.ADMIN in self.roles and getattr(user, "is_admin", False))


# The usual sets of roles a section is for.
EVERYONE = frozenset(Role)
OFFICERS = frozenset({Role.OFFICER})
# Those who route, review, decide and answer for a division (整改办 and administrators).
OFFICE = scoping.roles_allowed(scoping.ADD)

_SECTIONS = {}


def register_section(code, label, order, in_digest=True, *, roles=None, digest_days=None, count=None,
                     more_url=None):
    """Declare (or replace) a section. `roles`: who it is for; required for a new code, kept from the earlier
    declaration when an app replaces a section without naming them."""
    if roles is None:
        if code not in _SECTIONS:
            raise ValueError(f"to-do section {code!r} must declare the roles it is for")
        roles = _SECTIONS[code].roles
    _SECTIONS[code] = Section(code, label, order, in_digest, digest_days, count, more_url, frozenset(roles))


def sections(user=None):
    """Every section in order, or only those for `user`'s role."""
    found = sorted(_SECTIONS.values(), key=lambda s: s.order)
    return found if user is None else [s for s in found if s.is_for(user)]


def register(name, provider):
    _PROVIDERS[name] = provider


def items_for(user, today):
    items = []
    for provider in _PROVIDERS.values():
        items.extend(provider(user, today))
    return items


# Inside `batch()` (a digest run over thousands of people) providers may share what they computed for
# one person with everyone who has the same reach (all officers of one unit see the same tasks).
_BATCH = contextvars.ContextVar("todo_batch", default=None)


@contextlib.contextmanager
def batch():
    token = _BATCH.set({})
    try:
        yield
    finally:
        _BATCH.reset(token)


def memo(key, compute):
    """compute(), or inside batch() the value already computed under `key` (a provider's reach and the
    date: it must determine the answer). Outside batch() nothing is kept: a page always reads afresh."""
    cache = _BATCH.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


@dataclass
class Group:
    """One section as the page and the digest show it."""

    section: Section
    items: list
    total: int
    more_url: str = ""

    @property
    def has_more(self):
        return self.total > len(self.items)

    @property
    def total_label(self):
        return f"{COUNT_CAP}+" if self.section.count is not None and self.total >= COUNT_CAP else str(self.total)


def grouped(user, today, *, digest=False):
    """The sections for the user's role in order with their items (at most PAGE_LIMIT, by due date), their
    totals and full-list links. `digest=True`: only sections in the digest, each item within its
    digest_days."""
    by_section = {}
    for item in items_for(user, today):
        by_section.setdefault(item.section, []).append(item)
    groups = []
    for section in sections(user):
        if digest and not section.in_digest:
            continue
        items = by_section.get(section.code, [])
        if digest and section.digest_days is not None:
            until = today + dt.timedelta(days=section.digest_days)
            items = [i for i in items if i.due is None or i.due <= until]
        items.sort(key=lambda i: (i.due is None, i.due or today, i.title))
        if section.count is not None and not (digest and section.digest_days is not None):
            total = max(section.count(user, today), len(items))
        else:
            total = len(items)
        more = (section.more_url(user, today) or "") if section.more_url else ""
        groups.append(Group(section, items[:PAGE_LIMIT], total, more))
    return groups


# The sections every app fills (the ledger's own two are registered with their counts by ducha.mywork).
# Who acts on them: a responsible unit reports and replies; everyone follows the deadlines of the tasks in
# their reach; warnings are decided by the office and received by the units; flags are raised by those who may
# flag (supervisors and the office).
for _code, _label, _order, _in_digest, _days, _roles in [
    ("reports_owed", _("应报进展"), 10, True, None, OFFICERS),
    ("due_soon", _("即将到期"), 20, True, 7, EVERYONE),
    ("overdue", _("已逾期"), 30, True, None, EVERYONE),
    ("warnings", _("预警"), 40, True, None, OFFICE | OFFICERS),
    ("replies_owed", _("待回复督办"), 50, True, None, OFFICERS),
    ("flags_raised", _("我提出的督导标记"), 60, False, None, scoping.roles_allowed(scoping.FLAG)),
]:
    register_section(_code, _label, _order, _in_digest, roles=_roles, digest_days=_days)
