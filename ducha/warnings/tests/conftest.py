import datetime as dt

import pytest

from ducha.ledger.models import Task


@pytest.fixture
def month():
    """A past month, so the proposals judge the tasks on its last day (2024-08-31)."""
    return dt.date(2024, 8, 1)


@pytest.fixture
def facts():
    """Set a task's facts straight in the table (progress reports are another app's)."""

    def set_facts(task, **fields):
        fields.setdefault("started_on", dt.date(2024, 1, 1))
        fields.setdefault("state", "in_progress")
        Task.objects.filter(pk=task.pk).update(**fields)

    return set_facts


@pytest.fixture
def three(make_task, facts):
    """On schedule (blue), behind (yellow) and overdue (red) as of 2024-08-31, all led by 市生态环境局."""
    blue, yellow, red = (make_task(number=n, deadline=dt.date(2024, 12, 31)) for n in ("1", "2", "3"))
    facts(blue, progress=67)  # expected 67% on 31 Aug
    facts(yellow, progress=55)
    facts(red, progress=50, deadline=dt.date(2024, 6, 30))
    return blue, yellow, red
