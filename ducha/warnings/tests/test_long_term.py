"""Monthly proposals for tasks signed off as "已完成，长期坚持": yellow while the latest periodic check is
missing (the reason names the period), blue once the lead unit reports; a plain sign-off is not proposed."""

import datetime as dt

from django.utils import timezone

from ducha.schedule.periodic import add_months
from ducha.signoff.tests.helpers import report_filed_on, signed_off_task
from ducha.warnings import actions
from ducha.warnings.models import TaskWarning


def test_a_missed_check_is_yellow_naming_the_period_and_a_met_one_blue(world, make_task):
    today = timezone.localdate()
    missed = signed_off_task(world, make_task)
    met = signed_off_task(world, make_task)
    plain = signed_off_task(world, make_task, long_term=False)
    signed_on = add_months(today, -4)
    report_filed_on(met, world.users["ld_officer"], signed_on + dt.timedelta(days=20))
    actions.propose_month(acting_user=world.users["coord"], month=today)
    found = {w.task_id: w for w in TaskWarning.objects.filter(month=today.replace(day=1))}
    assert plain.pk not in found
    assert found[missed.pk].proposed == "yellow"
    period = f"第 1 期定期检查（{(signed_on + dt.timedelta(days=1)).isoformat()} 至 {add_months(signed_on, 3).isoformat()}）未报送"
    assert period in found[missed.pk].reasons
    assert found[met.pk].proposed == "blue"
    assert f"第 1 期定期检查已于 {(signed_on + dt.timedelta(days=20)).isoformat()} 报送" in found[met.pk].reasons
    assert f"下次定期检查 {add_months(signed_on, 6).isoformat()} 前" in found[met.pk].reasons


def test_reporting_again_turns_the_undecided_proposal_blue(world, make_task):
    today = timezone.localdate()
    task = signed_off_task(world, make_task)
    actions.propose_month(acting_user=None, month=today)
    report_filed_on(task, world.users["ld_officer"], today)
    counts = actions.propose_month(acting_user=None, month=today)
    assert counts["updated"] == 1
    assert TaskWarning.objects.get(task=task).proposed == "blue"


def test_a_past_month_before_the_sign_off_proposes_nothing_for_it(world, make_task):
    task = signed_off_task(world, make_task)
    actions.propose_month(acting_user=None, month=add_months(timezone.localdate(), -6))
    assert not TaskWarning.objects.filter(task=task).exists()
