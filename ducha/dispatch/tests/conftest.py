import pytest

from ducha.dispatch import actions

from .helpers import at


@pytest.fixture
def round_of(world, make_task):
    """`round_of(tasks, opened="03-01", due="03-05")`: a round opened by the 丽水 coordinator."""

    def open_(tasks=None, opened="03-01", due="03-05", user="coord", **kwargs):
        if tasks is None and "plan" not in kwargs:
            tasks = [make_task(units=("eco", "ld_gov")), make_task(units=("ld_gov", "qt_gov"))]
        return actions.open_round(acting_user=world.users[user], tasks=tasks or (), now=at(opened),
                                  due_at=at(due, 17, 30), **kwargs)

    return open_
