import datetime as dt
from unittest import mock

import pytest
from django.db import transaction
from django.utils import timezone

from ducha.audit import services as audit
from ducha.ledger.models import Task, TaskState


@pytest.fixture
def signed_off(world):
    """Put a task in 已销号 as the sign-off workflow leaves it: the state, and the audit entry of the
    declared sign_off transition dated `on` (the acceptance steps themselves are ducha.signoff's)."""

    def sign(task, on=None):
        Task.objects.filter(pk=task.pk).update(state=TaskState.SIGNED_OFF, progress=100)
        at = timezone.make_aware(dt.datetime.combine(on, dt.time(10))) if on else timezone.now()
        # The audit log is append-only: the entry is written as if on that day.
        with transaction.atomic(), mock.patch("ducha.audit.services.timezone.now", return_value=at):
            audit.record(actor=world.users["coord"], action="task.sign_off", obj=task,
                         after={"state": TaskState.SIGNED_OFF})
        return Task.objects.get(pk=task.pk)

    return sign


@pytest.fixture
def ld_task(make_task, signed_off):
    """A signed-off 莲都区 task led by 莲都区人民政府 with 莲都分局 as co-unit."""
    return signed_off(make_task(units=("ld_gov", "ld_eco"), division="ld"), on=dt.date(2024, 3, 1))


@pytest.fixture
def city_task(make_task, signed_off):
    return signed_off(make_task(units=("eco",)), on=dt.date(2024, 3, 1))
