"""What scheduled progress needs to know from the rounds: did a task report in its latest due round?

Registered with ducha.ledger.actions.schedule.register_round_facts (the ledger sits below this app).
A long-term task (长期坚持) is never overdue against a final date; it is judged by its stage dates and
by having reported in each round. A task "reported" in a round when every unit that owed a report on
it filed one (on time or late) by the day judged; tasks in no round that fell due are left out (the
rule does not judge their reporting).
"""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from .models import Obligation

CHUNK = 900


def round_facts(task_ids, as_of: dt.date) -> dict:
    end = timezone.make_aware(dt.datetime.combine(as_of, dt.time.max))
    facts = {}
    ids = list(task_ids)
    for start in range(0, len(ids), CHUNK):
        rows = (Obligation.objects.with_filing()
                .filter(task_id__in=ids[start:start + CHUNK], round__due_at__lte=end)
                .values_list("task_id", "round_id", "round__due_at", "filed"))
        latest = {}
        filed = defaultdict(list)
        for task_id, round_id, due_at, filed_at in rows:
            if task_id not in latest or due_at > latest[task_id][1]:
                latest[task_id] = (round_id, due_at)
            filed[task_id, round_id].append(filed_at is not None and filed_at <= end)
        for task_id, (round_id, _due) in latest.items():
            facts[task_id] = all(filed[task_id, round_id])
    return facts
