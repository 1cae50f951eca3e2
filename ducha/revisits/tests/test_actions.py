import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ducha.accountability.models import Referral, ReferralSource
from ducha.audit.models import AuditEntry
from ducha.ledger.filtersets import TaskFilterSet
from ducha.ledger.models import Task, TaskState
from ducha.notifications.models import Notification
from ducha.revisits import actions
from ducha.revisits.models import Conclusion, Revisit, RevisitKind, RevisitState


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def test_scheduled_revisit_falls_due_a_year_after_sign_off(world, ld_task):
    assert actions.create_due_revisits(today=dt.date(2025, 1, 15)) == 0  # due 2025-03-01, beyond 30 days
    assert actions.create_due_revisits(today=dt.date(2025, 2, 10)) == 1
    revisit = Revisit.objects.get(task=ld_task)
    assert (revisit.kind, revisit.state, revisit.due_on) == (RevisitKind.SCHEDULED, RevisitState.PLANNED,
                                                             dt.date(2025, 3, 1))
    assert actions.create_due_revisits(today=dt.date(2025, 2, 11)) == 0  # one planned at a time


def test_plan_sets_its_own_interval(world, ld_task):
    actions.set_interval(acting_user=world.users["coord"], plan=world.plan, interval_months=6)
    assert actions.create_due_revisits(today=dt.date(2024, 8, 15)) == 1
    assert Revisit.objects.get(task=ld_task).due_on == dt.date(2024, 9, 1)
    with pytest.raises(ValidationError) as error:
        actions.set_interval(acting_user=world.users["coord"], plan=world.plan, interval_months=0)
    assert "interval_months" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        actions.set_interval(acting_user=world.users["ld_officer"], plan=world.plan, interval_months=3)


def test_consolidated_revisit_moves_the_next_one_a_year_on(world, ld_task):
    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2024, 9, 1),
                                   reason="群众反映")
    actions.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on=dt.date(2024, 9, 3),
                           people="张伟、李娜", findings="现场整改成效保持良好", conclusion=Conclusion.CONSOLIDATED)
    ld_task.refresh_from_db()
    assert ld_task.state == TaskState.SIGNED_OFF and not Referral.objects.exists()
    actions.create_due_revisits(today=dt.date(2025, 8, 20))
    assert Revisit.objects.get(task=ld_task, state=RevisitState.PLANNED).due_on == dt.date(2025, 9, 3)


def test_rebound_reopens_the_task_refers_it_and_notifies_after_commit(world, ld_task, django_capture_on_commit_callbacks):
    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, reason="媒体报道")
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on=dt.date(2024, 9, 3),
                               people="张伟", findings="堆场扬尘问题再次出现，防尘网破损",
                               conclusion=Conclusion.REBOUND, photos=[photo])
    ld_task.refresh_from_db()
    revisit = Revisit.objects.get(pk=revisit.pk)
    assert ld_task.state == TaskState.IN_PROGRESS
    # The sign-off stays in the history: the reopening is a new entry after it.
    actions_seen = list(AuditEntry.objects.filter(object_type="ledger.task", object_id=str(ld_task.pk))
                        .order_by("id").values_list("action", flat=True))
    assert actions_seen[-2:] == ["task.sign_off", "task.reopen"]
    referral = revisit.referral
    assert (referral.task_id, referral.source, referral.state) == (ld_task.pk, ReferralSource.REVISIT, "open")
    assert "防尘网破损" in referral.reason
    assert revisit.photos.get().file.sha256
    notified = set(Notification.objects.filter(kind="revisit.rebound").values_list("recipient__username", flat=True))
    assert notified == {"ld_officer", "coord"}
    filterset = TaskFilterSet({"rebound": "true"}, queryset=Task.objects.all())
    assert list(filterset.qs) == [ld_task]


def test_a_refused_rebound_changes_nothing(world, ld_task):
    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, reason="抽查")
    with pytest.raises(ValidationError) as error:
        actions.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on="2024-13-01",
                               people="张伟", findings="反弹", conclusion=Conclusion.REBOUND)
    assert "visited_on" in error.value.message_dict
    ld_task.refresh_from_db()
    assert ld_task.state == TaskState.SIGNED_OFF
    assert not Referral.objects.exists() and not Notification.objects.filter(kind="revisit.rebound").exists()


def test_only_signed_off_tasks_are_revisited(world, make_task):
    task = make_task()
    with pytest.raises(ValidationError) as error:
        actions.plan_revisit(acting_user=world.users["coord"], task=task, reason="抽查")
    assert "task" in error.value.message_dict


def test_cancel_needs_a_reason(world, ld_task):
    revisit = actions.plan_revisit(acting_user=world.users["coord"], task=ld_task, reason="抽查")
    with pytest.raises(ValidationError):
        actions.cancel_revisit(acting_user=world.users["coord"], revisit=revisit, reason=" ")
    actions.cancel_revisit(acting_user=world.users["coord"], revisit=revisit, reason="与专项督察合并")
    revisit = Revisit.objects.get(pk=revisit.pk)
    assert revisit.state == RevisitState.CANCELLED
