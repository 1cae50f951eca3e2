"""A confirmed repeat of a complaint case whose task was signed off plans a revisit of that task."""

import pytest
from django.core.exceptions import ValidationError

from ducha.cases.actions.repeats import confirm_repeat, dismiss_repeat, find_repeats
from ducha.cases.models import Case, RepeatLink
from ducha.cases.tests.outward_world import cases_world  # noqa: F401 - fixture
from ducha.core.workflow import state_change
from ducha.ledger.models import Task, TaskState
from ducha.revisits.models import Revisit, RevisitKind, RevisitState

QUARRY = ("莲都区碧湖镇下南山村某石料厂长期夜间开采，爆破震动导致村民房屋开裂，运输车辆带泥上路，"
          "道路扬尘严重，周边农田被粉尘覆盖，村民多次反映无果。")
RESTAURANT = "莲都区紫金街道某小区楼下三家餐饮店油烟未经净化直排，油烟管道紧贴居民窗户，夏季无法开窗。"
AGAIN = ("莲都区碧湖镇下南山村石料厂仍然夜间开采，爆破震动导致村民房屋开裂，运输车辆带泥上路，"
         "道路扬尘严重，周边农田被粉尘覆盖，村民多次反映至今无果。")


@pytest.fixture
def rebound_link(cases_world, make_task):  # noqa: F811
    w = cases_world
    task = make_task()
    with state_change():
        Task.objects.filter(pk=task.pk).update(state=TaskState.SIGNED_OFF)
    first = w.case(1, summary=QUARRY, task=task)
    w.case(1, summary=RESTAURANT)
    again = w.case(3, summary=AGAIN)
    find_repeats(Case.objects.all(), acting_user=None)
    link = RepeatLink.objects.get(case=again, earlier=first)
    assert link.rebound
    return w, task, link


@pytest.mark.django_db(transaction=True)
def test_confirming_a_rebound_repeat_plans_a_complaint_revisit(rebound_link):
    w, task, link = rebound_link
    confirm_repeat(link, acting_user=w.users["coord"], note="同一石料厂")
    revisit = Revisit.objects.get(task=task)
    assert revisit.kind == RevisitKind.COMPLAINT and revisit.state == RevisitState.PLANNED
    assert link.case.number in revisit.reason


@pytest.mark.django_db(transaction=True)
def test_a_dismissed_repeat_plans_nothing(rebound_link):
    w, task, link = rebound_link
    dismiss_repeat(link, acting_user=w.users["coord"], note="不同企业")
    assert not Revisit.objects.filter(task=task).exists()


def test_a_refused_confirmation_plans_nothing(rebound_link):
    w, task, link = rebound_link
    with pytest.raises(ValidationError):
        confirm_repeat(link, acting_user=w.users["coord"], merge_number="x" * 65)
    assert not Revisit.objects.filter(task=task).exists()
