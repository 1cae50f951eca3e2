"""Where a round stands: every obligation's status, counted per unit, per task and overall.

One query reads (task, unit, filed moment) for all the round's obligations (a round of 1,000 tasks and
3,000 obligations is 3,000 small tuples); everything else is counted here.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from .models import Obligation, Status

ORDER = [Status.MISSING, Status.LATE, Status.PENDING, Status.FILED]


@dataclass
class Board:
    total: int = 0
    counts: Counter = field(default_factory=Counter)
    by_unit: dict = field(default_factory=lambda: defaultdict(Counter))
    # task id -> [(unit id, status, filed moment)], tasks in ledger order
    by_task: dict = field(default_factory=lambda: defaultdict(list))

    @property
    def reported(self):
        return self.counts[Status.FILED] + self.counts[Status.LATE]

    @property
    def percent(self):
        """Share of obligations met (on time or late), a whole percent rounded half up."""
        return (self.reported * 200 + self.total) // (2 * self.total) if self.total else 0

    def owing_units(self):
        return [unit for unit, c in self.by_unit.items() if c[Status.MISSING] or c[Status.PENDING]]


def board(round_, now=None, obligations=None):
    now = now or timezone.now()
    queryset = obligations if obligations is not None else Obligation.objects.filter(round=round_)
    # A closed round is judged as it stood when it closed.
    moment = min(now, round_.closed_at) if round_.closed_at else now
    due, passed = round_.due_at, moment > round_.due_at
    filed_on_time, late = Status.FILED.value, Status.LATE.value
    owing = Status.MISSING.value if passed else Status.PENDING.value
    result = Board()
    counts, by_unit, by_task = result.counts, result.by_unit, result.by_task
    # Tasks in ledger order as the round opened (Obligation.position): pages of the task table need no sort.
    rows = queryset.with_filing().order_by("position", "id").values_list("task_id", "unit_id", "filed")
    for task_id, unit_id, filed in rows:
        status = owing if filed is None else (filed_on_time if filed <= due else late)
        counts[status] += 1
        by_unit[unit_id][status] += 1
        by_task[task_id].append((unit_id, status, filed))
    result.total = sum(counts.values())
    return result
