import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ducha.ledger import services
from ducha.ledger.models import TaskState


def test_first_unit_is_lead_and_order_is_kept(world, make_task):
    task = make_task(units=("ndrc", "eco", "ld_gov"))
    assert task.lead_unit == world.units["ndrc"]
    assert [u.pk for u in task.ordered_units()] == [world.units[k].pk for k in ("ndrc", "eco", "ld_gov")]


def test_by_deadline_task_needs_a_deadline(world, make_task):
    with pytest.raises(ValidationError) as err:
        make_task(deadline=None, category="by_deadline")
    assert "deadline" in err.value.message_dict


def test_completing_sets_progress_and_date(world, make_task):
    task = make_task()
    task = services.update_task(acting_user=world.users["eco_officer"], task=task, state=TaskState.COMPLETED)
    assert task.progress == 100 and task.completed_on is not None


def test_county_subtask_keeps_parent_number(world, make_task):
    from ducha.ledger.models import Plan

    parent = make_task(number="9")
    county_plan = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"])
    child = make_task(plan=county_plan, number="8", parent=parent, units=("ld_gov",), division="ld")
    assert str(child.display_number) == "8（上级序号9）"
    assert list(parent.children.all()) == [child]


def test_overdue(world, make_task):
    from ducha.ledger.models import Task

    late = make_task(deadline=dt.date(2020, 1, 1))
    make_task(deadline=dt.date(2020, 1, 1), state=TaskState.COMPLETED, progress=100)
    make_task(deadline=dt.date(2999, 1, 1))
    assert list(Task.objects.overdue()) == [late]
    assert late.is_overdue
