"""Driving a task through acceptance from other apps' tests (the ledger's permission matrix, the chronicle)."""

import datetime as dt

from ducha.signoff import actions
from ducha.signoff.models import Standard

CHECKS = {s.value: f"{s.label}：已逐项核实，相关资料齐全。" for s in Standard}
FINDINGS = {s.value: f"现场核实：{s.label}。" for s in Standard}


def to_notice_over(task, lead, reviewer, office, started=dt.date(2026, 11, 2)):
    """From 完成整改 to 公示中 with the notice period over (published on `started`), every step taken by
    the role whose it is: `lead` an officer of the lead unit, `reviewer` the acceptance unit or the office."""
    actions.save_application(acting_user=lead, task=task, report="已完成全部整改措施。", self_checks=CHECKS)
    actions.submit(acting_user=lead, task=task)
    actions.pass_review(acting_user=reviewer, task=task)
    actions.record_onsite(acting_user=reviewer, task=task, checked_on=started, people="张三、李四", place="现场",
                          findings=FINDINGS)
    actions.sign(acting_user=reviewer, task=task, opinion="经资料审核和现场核查，同意销号。")
    actions.publish(acting_user=office, task=task, starts_on=started)
    task.refresh_from_db()
    return task
