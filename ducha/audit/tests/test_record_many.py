"""record_many: a batch of entries chains exactly as the same entries recorded one by one."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.audit.models import AuditEntry

COLUMNS = ("id", "created_at", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
           "before", "after", "request_id", "prev_hash", "hash")


@pytest.fixture
def frozen_clock(monkeypatch):
    """A clock that ticks one millisecond per call, the same sequence each time it is reset."""
    state = {"n": 0}
    start = dt.datetime(2026, 11, 24, 8, 0, tzinfo=dt.timezone.utc)

    def now():
        state["n"] += 1
        return start + dt.timedelta(milliseconds=state["n"])

    monkeypatch.setattr(timezone, "now", now)
    return lambda: state.update(n=0)


def _entries(world):
    eco = world.units["eco"]
    return [
        {"action": "create", "obj": eco, "after": {"name": eco.name, "n": 1}},
        {"action": "update", "object_type": "ledger.task", "object_id": 42, "object_repr": "42 扬尘整治",
         "before": {"state": "not_started"}, "after": {"state": "in_progress", "due": "2022-06-30"}},
        {"action": "flag", "object_type": "ledger.task", "object_id": "43", "after": {"note": "进度存疑"}},
    ]


def _chain(since_id):
    return list(AuditEntry.objects.filter(id__gt=since_id).order_by("id").values_list(*COLUMNS))


def test_record_many_writes_the_same_chain_as_repeated_record(world, make_task, frozen_clock):
    make_task()  # the batch links to an existing chain, not to the genesis hash
    since = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first()
    actor = world.users["coord"]
    with transaction.atomic():
        frozen_clock()
        for entry in _entries(world):
            audit.record(actor=actor, request_id="req-1", **entry)
        one_by_one = _chain(since)
        transaction.set_rollback(True)
    assert len(one_by_one) == 3 and _chain(since) == []
    with transaction.atomic():
        frozen_clock()
        written = audit.record_many(actor, _entries(world), request_id="req-1")
    assert [e.id for e in written] == [row[0] for row in one_by_one]
    assert _chain(since) == one_by_one
    result = audit.verify()
    assert result.ok and result.checked == AuditEntry.objects.count()
    call_command("audit", "verify")


def test_record_many_on_an_empty_log_starts_from_genesis_and_verifies(db):
    with transaction.atomic():
        audit.record_many(None, [{"action": "create", "object_type": "t", "object_id": i} for i in range(1, 4)])
    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.id for e in entries] == [1, 2, 3] and entries[0].prev_hash == "0" * 64
    assert all(e.actor_name == "system" and e.actor_id is None for e in entries)
    assert entries[2].prev_hash == entries[1].hash
    assert audit.verify().ok


def test_record_many_then_record_keeps_one_chain(world, make_task):
    with transaction.atomic():
        audit.record_many(world.users["coord"], [{"action": "create", "object_type": "t", "object_id": 1}] * 2)
    make_task()
    assert audit.verify().ok


def test_record_many_refuses_outside_a_transaction_and_unknown_keys(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record_many(None, [{"action": "create", "object_type": "t", "object_id": "1"}])
    with pytest.raises(TypeError, match="objekt"), transaction.atomic():
        audit.record_many(None, [{"action": "create", "objekt": "t"}])
    assert not AuditEntry.objects.exists()
