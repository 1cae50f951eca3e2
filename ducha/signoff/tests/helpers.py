"""Driving a task through acceptance from other apps' tests (the ledger's permission matrix, the chronicle)."""

import datetime as dt

from django.utils import timezone

from ducha.signoff import actions
from ducha.signoff.models import Application, ApplicationState, Standard

CHECKS = {s.value: f"{s.label}：已逐项核实，相关资料齐全。" for s in Standard}
FINDINGS = {s.value: f"现场核实：{s.label}。" for s in Standard}


def to_notice_over(task, lead, reviewer, office, started=dt.date(2026, 11, 2), long_term=False):
    """From 完成整改 to 公示中 with the notice period over (published on `started`), every step taken by
    the role whose it is: `lead` an officer of the lead unit, `reviewer` the acceptance unit or the office.
    `long_term`: the lead unit applies as "已完成，长期坚持"."""
    actions.save_application(acting_user=lead, task=task, report="已完成全部整改措施。", self_checks=CHECKS,
                             long_term=long_term)
    actions.submit(acting_user=lead, task=task)
    actions.pass_review(acting_user=reviewer, task=task)
    actions.record_onsite(acting_user=reviewer, task=task, checked_on=started, people="张三、李四", place="现场",
                          findings=FINDINGS)
    actions.sign(acting_user=reviewer, task=task, opinion="经资料审核和现场核查，同意销号。")
    actions.publish(acting_user=office, task=task, starts_on=started)
    task.refresh_from_db()
    return task


def noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def signed_off(task, lead, reviewer, office, *, long_term=True, on=None):
    """From 完成整改 to 已销号 through the workflow; `on`: the day the sign-off is dated (moved back after the
    fact, as if it had been made then)."""
    to_notice_over(task, lead, reviewer, office, long_term=long_term)
    actions.sign_off(acting_user=office, task=task)
    if on is not None:
        Application.objects.filter(task=task, state=ApplicationState.SIGNED_OFF).update(signed_off_at=noon(on))
    task.refresh_from_db()
    return task


def report_filed_on(task, user, day):
    """A progress report filed by `user` through the progress action, dated as filed on `day`."""
    from ducha.progress.actions import file_report
    from ducha.progress.models import ProgressReport

    report = file_report(acting_user=user, task=task, reported_on=day, percent=100, done="长期坚持，按期巡查。")
    ProgressReport.objects.filter(pk=report.pk).update(created_at=noon(day))
    return report


def signed_off_task(world, make_task, *, long_term=True, months_ago=4, on=None, **fields):
    """A task of 莲都区 (lead) and 青田县 accepted by 丽水市生态环境局, signed off `months_ago` months before
    today or `on` that day (as "已完成，长期坚持" when `long_term`): with the default quarterly checks, 4 months
    ago leaves the first check missed and the second one open."""
    from ducha.ledger.models import TaskState
    from ducha.schedule.periodic import add_months

    task = make_task(units=("ld_gov", "qt_gov"), division="ld", acceptance_unit=world.units["eco"],
                     state=TaskState.COMPLETED, **fields)
    u = world.users
    return signed_off(task, u["ld_officer"], u["eco_officer"], u["coord"], long_term=long_term,
                      on=on or add_months(timezone.localdate(), -months_ago))
