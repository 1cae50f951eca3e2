"""Multi-level chains (县级验收 → 市级复核 → 省级备案) and staged tasks signed off stage by stage."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.ledger.models import TaskState
from ducha.signoff import actions
from ducha.signoff.models import AcceptanceLevel, ApplicationState, TaskLevel

from .helpers import CHECKS, FINDINGS


@pytest.fixture
def chain(world):
    levels = [AcceptanceLevel.objects.create(plan=world.plan, position=i, name=name, reviewer_unit=unit,
                                             expected_days=days, is_filing=filing)
              for i, (name, unit, days, filing) in enumerate([
                  ("县级验收", None, 10, False), ("市级复核", world.units["eco"], 20, False),
                  ("省级备案", None, None, True)])]
    return levels


def test_the_chain_follows_the_task_level_by_level(world, claimed, drive, chain):
    task = drive(claimed, "submitted")
    rows = list(TaskLevel.objects.filter(task=task).order_by("level__position"))
    assert [r.level.name for r in rows] == ["县级验收", "市级复核", "省级备案"]
    assert rows[1].expected_on - rows[0].expected_on == dt.timedelta(days=20)
    with pytest.raises(ValidationError):  # nothing signed yet
        actions.complete_level(acting_user=world.users["coord"], task=task, level=chain[1])
    actions.pass_review(acting_user=world.users["eco_officer"], task=task)
    actions.record_onsite(acting_user=world.users["eco_officer"], task=task, checked_on=dt.date(2026, 11, 2),
                          people="张三", place="莲都区", findings=FINDINGS)
    actions.sign(acting_user=world.users["eco_officer"], task=task, opinion="同意。")
    assert TaskLevel.objects.get(task=task, level=chain[0]).done_on is not None
    with pytest.raises(PermissionDenied):  # 市级复核 is 市生态环境局's (or the office's)
        actions.complete_level(acting_user=world.users["ld_officer"], task=task, level=chain[1])
    actions.complete_level(acting_user=world.users["eco_officer"], task=task, level=chain[1], note="复核通过")
    actions.publish(acting_user=world.users["coord"], task=task, starts_on=dt.date(2026, 11, 2))
    actions.sign_off(acting_user=world.users["coord"], task=task)
    actions.file_with_level_above(acting_user=world.users["coord"], task=task, filed_with="浙江省整改办")
    assert TaskLevel.objects.filter(task=task, done_on__isnull=True).count() == 0


def test_a_staged_task_is_signed_off_stage_by_stage(world, make_task):
    task = make_task(units=("ld_gov",), division="ld", category="staged", state=TaskState.IN_PROGRESS,
                     stages=[("2025年底前完成排查", dt.date(2025, 12, 31)), ("2026年底前完成修复", dt.date(2026, 12, 31))])
    first, second = task.stages.order_by("position")
    lead, office = world.users["ld_officer"], world.users["coord"]
    actions.save_application(acting_user=lead, task=task, stage=first, report="排查完成。", self_checks=CHECKS)
    actions.submit(acting_user=lead, task=task, stage=first)
    with pytest.raises(PermissionDenied):
        actions.pass_review(acting_user=lead, task=task, stage=first)
    actions.pass_review(acting_user=office, task=task, stage=first)
    actions.record_onsite(acting_user=office, task=task, stage=first, checked_on=dt.date(2026, 11, 2), people="张三",
                          place="莲都区", findings=FINDINGS)
    actions.sign(acting_user=office, task=task, stage=first, opinion="第一阶段同意销号。")
    actions.publish(acting_user=office, task=task, stage=first, starts_on=dt.date(2026, 11, 2))
    actions.sign_off(acting_user=office, task=task, stage=first)
    task.refresh_from_db()
    assert task.state == TaskState.IN_PROGRESS  # one stage signed off; the task works on
    stage_app = task.signoff_applications.get(stage=first)
    assert stage_app.state == ApplicationState.SIGNED_OFF and stage_app.notice.stage == first
    assert not task.signoff_applications.filter(stage=second).exists()


def test_a_stage_step_on_an_application_read_before_a_return_and_resubmission_is_refused(world, make_task):
    """A staged task's state does not move with its stages, so the step is taken on the stage application's
    version: a reviewer passing the first submission after it was returned and rewritten is refused."""
    from ducha.core.actions import StaleEdit

    task = make_task(units=("ld_gov",), division="ld", category="staged", state=TaskState.IN_PROGRESS,
                     stages=[("2025年底前完成排查", dt.date(2025, 12, 31))])
    stage = task.stages.get()
    lead, office = world.users["ld_officer"], world.users["coord"]
    actions.save_application(acting_user=lead, task=task, stage=stage, report="排查完成。", self_checks=CHECKS)
    read = actions.submit(acting_user=lead, task=task, stage=stage).version
    actions.return_application(acting_user=office, task=task, stage=stage, reason="缺少排查清单。", version=read)
    actions.save_application(acting_user=lead, task=task, stage=stage, report="补充了排查清单。")
    actions.submit(acting_user=lead, task=task, stage=stage)
    with pytest.raises(StaleEdit):
        actions.pass_review(acting_user=office, task=task, stage=stage, version=read)
    application = task.signoff_applications.get(stage=stage)
    assert application.state == ApplicationState.SUBMITTED and application.rounds.count() == 2
    actions.pass_review(acting_user=office, task=task, stage=stage, version=application.version)
    application.refresh_from_db()
    assert application.state == ApplicationState.REVIEWED
