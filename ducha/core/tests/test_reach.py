"""require_in_reach: after a write, every written object must be in the actor's reach."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ducha.core.actions import RANGE_FROM, require_in_reach
from ducha.ledger.models import Problem


def _problems(world, count, foreign_at):
    rows = [Problem(inspection=world.inspection, code=f"R-{n}", description="督察反馈问题",
                    division=world.div["wz" if n == foreign_at else "ls"]) for n in range(count)]
    Problem.objects.bulk_create(rows)
    return list(Problem.objects.filter(code__startswith="R-").order_by("pk").values_list("pk", flat=True))


def test_a_large_dense_batch_is_checked_by_range_and_still_refuses_an_object_out_of_reach(world):
    ids = _problems(world, RANGE_FROM + 50, foreign_at=77)
    foreign = Problem.objects.get(code="R-77").pk
    coord = world.users["coord"]  # 丽水市: the 温州市 problem is out of reach
    with CaptureQueriesContext(connection) as queries, pytest.raises(PermissionDenied) as refused:
        require_in_reach(coord, Problem, ids)
    assert f"ID {foreign}" in str(refused.value)
    assert len(queries) == 1 and " IN (" not in queries[0]["sql"]  # the range path, not IN lists
    ids.remove(foreign)
    require_in_reach(coord, Problem, ids)  # the range holds the foreign one, but it was not written: passes
    require_in_reach(world.users["wz_coord"], Problem, [foreign] * (RANGE_FROM + 1))


def test_sparse_ids_are_checked_by_list(world):
    ids = _problems(world, RANGE_FROM + 50, foreign_at=3)
    sparse = ids[::3] + [ids[-1] + 10 * len(ids)]  # the last one does not exist: refused
    with CaptureQueriesContext(connection) as queries, pytest.raises(PermissionDenied) as refused:
        require_in_reach(world.users["coord"], Problem, sparse)
    assert f"ID {ids[3]}" in str(refused.value) and str(sparse[-1]) in str(refused.value)
    assert " IN (" in queries[0]["sql"]
