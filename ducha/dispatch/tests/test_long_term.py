"""A plan's round still asks the lead unit of a task signed off as "已完成，长期坚持" for its report (its periodic
check); a task signed off plainly owes nothing more."""

import datetime as dt

from django.utils import timezone

from ducha.dispatch import actions
from ducha.dispatch.models import Obligation
from ducha.signoff.tests.helpers import report_filed_on, signed_off_task


def test_a_plan_round_owes_the_long_term_tasks_lead_unit_report_and_not_a_plain_sign_offs(world, make_task):
    kept = signed_off_task(world, make_task)
    plain = signed_off_task(world, make_task, long_term=False)
    open_task = make_task(units=("eco", "ld_gov"))
    now = timezone.now()
    round_ = actions.open_round(acting_user=world.users["coord"], plan=world.plan, now=now,
                                due_at=now + dt.timedelta(days=5))
    assert set(round_.tasks.values_list("pk", flat=True)) == {kept.pk, open_task.pk}
    owed = set(Obligation.objects.filter(round=round_).values_list("task_id", "unit_id"))
    # The co-unit (青田县) of the long-term task is not asked: the check counts the lead unit's report.
    assert owed == {(kept.pk, world.units["ld_gov"].pk), (open_task.pk, world.units["eco"].pk),
                    (open_task.pk, world.units["ld_gov"].pk)}
    assert not Obligation.objects.filter(task=plain).exists()
    # The lead unit's report on the signed-off task answers the round.
    report = report_filed_on(kept, world.users["ld_officer"], timezone.localdate())
    assert Obligation.objects.get(round=round_, task=kept).report == report
