"""A task in public notice (公示中) with its signed application and notice, for the objection tests.

The sign-off steps before the notice are another part of the app; these fixtures put the records where
those steps leave them (state written in the database, as a migration would), so the objection tests do
not depend on every earlier step."""

import datetime as dt

import pytest
from django.utils import timezone

from ducha.ledger.models import Task, TaskState
from ducha.signoff.models import Application, ApplicationState, DayKind, Notice, Signature


def put_in_notice(world, task, *, starts_on=None, length=5, summary="已完成扬尘治理和管网修复，验收合格。"):
    today = timezone.localdate()
    starts_on = starts_on or today - dt.timedelta(days=1)
    Task.objects.filter(pk=task.pk).update(state=TaskState.IN_NOTICE, progress=100, completed_on=starts_on)
    application = Application.objects.create(
        task=task, unit=task.lead_unit, state=ApplicationState.IN_NOTICE, created_by=world.users["ld_officer"],
        report="内部完成情况报告：详见附件。", submitted_at=timezone.now())
    Signature.objects.create(application=application, opinion="经资料审核和现场核查，同意销号。",
                             signer=world.users["coord"], signer_name="王审核", signer_title="科长",
                             unit=world.units["eco"])
    return Notice.objects.create(
        task=task, application=application, summary=summary, starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=length - 1), length=length, day_kind=DayKind.CALENDAR,
        calendar="calendar", published_by=world.users["coord"])


@pytest.fixture
def notice(world, make_task):
    task = make_task(units=("ld_gov",), division="ld", number="N-1", target="扬尘污染得到有效控制")
    return put_in_notice(world, task)
