"""The registry of suspect rules. A rule is `fn(tasks, options) -> iterable of Finding`, where `tasks` is
a queryset of the tasks to examine (already narrowed to a plan or a user's reach) and `options` a
Options. Rules are registered in ducha.suspects.apps; another app may register more."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from ducha.similarity import DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Options:
    similarity: float = DEFAULT_THRESHOLD  # Jaccard of character shingles for "nearly identical" texts
    burst_size: int = 5  # sign-offs in one plan within burst_days that make a burst
    burst_days: int = 3
    before_days: int = 14  # how close to a deadline or an inspection a burst is suspicious
    rebound_months: int = 6  # a rebound this soon after sign-off


@dataclass
class Finding:
    rule: str
    key: str
    task_id: int
    reason: str
    evidence: list = field(default_factory=list)
    other_task_id: int | None = None
    score: Decimal | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    fn: Callable
    order: int


_RULES: dict[str, Rule] = {}


def register(code, label, fn, order=100):
    _RULES[code] = Rule(code, label, fn, order)


def rules():
    return sorted(_RULES.values(), key=lambda r: r.order)


def label_of(code):
    rule = _RULES.get(code)
    return rule.label if rule else code


def run(tasks, options=None, only=None):
    """Every finding of every rule (or of the rules named in `only`) on these tasks."""
    options = options or Options()
    for rule in rules():
        if only and rule.code not in only:
            continue
        yield from rule.fn(tasks, options)
