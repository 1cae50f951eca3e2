"""The permission matrix: role × reach × action, through the one scoping path."""

import pytest
from django.core.exceptions import PermissionDenied

from ducha.core import scoping
from ducha.ledger import services
from ducha.ledger.models import Plan, Task


@pytest.fixture
def tasks(world, make_task):
    return {
        "city": make_task(units=("eco", "ndrc")),
        "ld": make_task(units=("ld_gov",), division="ld"),
        "qt": make_task(units=("qt_gov",), division="qt"),
        "ld_co": make_task(units=("eco", "ld_gov"), division="ld"),
    }


# user -> (tasks they can view, tasks they can change, tasks they can flag)
MATRIX = {
    "admin": ({"city", "ld", "qt", "ld_co"},) * 3,
    "coord": ({"city", "ld", "qt", "ld_co"},) * 3,
    "ld_officer": ({"ld", "ld_co"}, {"ld", "ld_co"}, set()),
    "qt_officer": ({"qt"}, {"qt"}, set()),
    "eco_officer": ({"city", "ld_co"}, {"city", "ld_co"}, set()),
    "supervisor": ({"city", "ld", "qt", "ld_co"}, set(), {"city", "ld", "qt", "ld_co"}),
    "ld_leader": ({"ld", "ld_co"}, set(), set()),
    "wz_coord": (set(), set(), set()),
}


@pytest.mark.parametrize("username", MATRIX)
def test_task_permission_matrix(world, tasks, username):
    user = world.users[username]
    names = {t.pk: n for n, t in tasks.items()}
    for action, expected in zip((scoping.VIEW, scoping.CHANGE, scoping.FLAG), MATRIX[username]):
        got = {names[t.pk] for t in Task.objects.restrict(user, action)}
        assert got == expected, (username, action)
        for name, task in tasks.items():
            assert scoping.can(user, action, task) == (name in expected)


def test_officer_of_county_a_cannot_change_county_b_task(world, tasks):
    with pytest.raises(PermissionDenied):
        services.update_task(acting_user=world.users["ld_officer"], task=tasks["qt"], progress_note="x")
    tasks["qt"].refresh_from_db()
    assert tasks["qt"].progress_note == ""


def test_only_coordinators_in_scope_create_tasks_and_plans(world):
    with pytest.raises(PermissionDenied):
        services.create_task(acting_user=world.users["ld_officer"], plan=world.plan, units=[world.units["ld_gov"]],
                             number="99", deadline=None, category="long_term")
    with pytest.raises(PermissionDenied):
        services.create_plan(acting_user=world.users["wz_coord"], code="X", title="x", division=world.div["ls"])
    plan = services.create_plan(acting_user=world.users["coord"], code="LD-1", title="莲都区整改方案",
                                division=world.div["ld"])
    assert Plan.objects.restrict(world.users["ld_officer"]).filter(pk=plan.pk).exists()
    assert not Plan.objects.restrict(world.users["wz_coord"]).filter(pk=plan.pk).exists()


def test_inactive_and_anonymous_users_see_nothing(world, tasks):
    from django.contrib.auth.models import AnonymousUser

    assert not Task.objects.restrict(AnonymousUser()).exists()
    user = world.users["coord"]
    user.is_active = False
    assert not Task.objects.restrict(user).exists()
