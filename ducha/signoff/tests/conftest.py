"""A task of 莲都区人民政府 (lead) with 青田县人民政府 (co-unit), accepted by 丽水市生态环境局, driven through
the acceptance steps by the signoff actions, as the pages and the API drive it."""

import datetime as dt

import pytest

from ducha.ledger.models import TaskState
from ducha.signoff import actions
from ducha.signoff.models import Standard

CHECKS = {s.value: f"{s.label}：已逐项核实，相关资料齐全。" for s in Standard}
FINDINGS = {s.value: f"现场核实：{s.label}。" for s in Standard}
STEPS = ("claimed", "draft", "submitted", "returned", "reviewed", "checked", "signed", "in_notice", "notice_over",
         "signed_off")


@pytest.fixture
def claimed(world, make_task):
    return make_task(units=("ld_gov", "qt_gov"), division="ld", acceptance_unit=world.units["eco"],
                     state=TaskState.COMPLETED)


@pytest.fixture
def drive(world, make_task):
    """drive(task, step): take the task from 完成整改 to `step`, each step by the role whose it is."""
    u = world.users

    def run(task, step):
        stop = STEPS.index(step)
        done = lambda name: STEPS.index(name) <= stop  # noqa: E731
        if done("draft"):
            actions.save_application(acting_user=u["ld_officer"], task=task, report="已完成全部整改措施。",
                                     self_checks=CHECKS)
        if done("submitted"):
            actions.submit(acting_user=u["ld_officer"], task=task)
        if done("returned"):
            actions.return_application(acting_user=u["eco_officer"], task=task, reason="缺少监测报告。")
            if step == "returned":
                return refreshed(task)
            actions.save_application(acting_user=u["ld_officer"], task=task, report="已完成全部整改措施，补充监测报告。")
            actions.submit(acting_user=u["ld_officer"], task=task)
        if done("reviewed"):
            actions.pass_review(acting_user=u["eco_officer"], task=task, note="资料齐全。")
        if done("checked"):
            actions.record_onsite(acting_user=u["eco_officer"], task=task, checked_on=dt.date(2026, 11, 2),
                                  people="张三、李四", place="莲都区某处", findings=FINDINGS)
        if done("signed"):
            actions.sign(acting_user=u["eco_officer"], task=task, opinion="经资料审核和现场核查，同意销号。")
        if done("in_notice"):
            starts = dt.date(2026, 11, 2) if done("notice_over") else None
            actions.publish(acting_user=u["coord"], task=task, starts_on=starts)
        if done("signed_off"):
            actions.sign_off(acting_user=u["coord"], task=task)
        return refreshed(task)

    return run


def refreshed(task):
    task.refresh_from_db()
    return task
