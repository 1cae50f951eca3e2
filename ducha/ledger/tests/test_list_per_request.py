"""What a list request builds once instead of per row or per use (issue 7, performance), and that what it
shares between requests never carries one user's view to another."""

import pytest
from django.test import Client

from ducha.core import scoping
from ducha.ledger.filtersets import TaskFilterSet
from ducha.ledger.models import Task


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_filter_choices_are_the_users_own_even_after_a_class_level_field_was_built(world):
    """The filter form is built once per filterset class; the plans a user may pick are still theirs.
    (Building a class-level field once made every later form reuse its queryset: a 温州 coordinator was
    offered 丽水's plan and could filter by it.)"""
    TaskFilterSet.base_filters["plan"].field  # what a schema generator or a shell may do first
    admin, wz = _client(world.users["admin"]), _client(world.users["wz_coord"])
    assert world.plan.title in admin.get("/tasks/").content.decode()
    assert world.plan.title not in wz.get("/tasks/").content.decode()
    refused = wz.get("/api/tasks/", {"plan": world.plan.pk})
    assert refused.status_code == 400 and "plan" in refused.json()
    assert admin.get("/api/tasks/", {"plan": world.plan.pk}).status_code == 200


@pytest.mark.django_db
def test_run_time_choices_stay_with_their_filterset(world):
    """set_choices gives one filterset instance its list without touching the class or other instances."""
    from ducha.cases.filtersets import CaseFilterSet
    from ducha.core.filters import set_choices

    first = CaseFilterSet({"type": ["x1"]})
    set_choices(first, "type", [("x1", "甲")])
    second = CaseFilterSet({"type": ["x1"]})
    set_choices(second, "type", [("x2", "乙")])
    assert first.is_valid() and not second.is_valid()
    assert "类型" in str(second.errors["type"])
    assert CaseFilterSet.base_filters["type"].extra["choices"] == []


@pytest.mark.django_db
def test_filter_methods_run_on_their_own_filterset(world, make_task):
    """Filters are copied per filterset instance without a deep copy: a method filter still calls the
    method of the filterset it belongs to (its request, its user)."""
    task = make_task(units=("ld_gov",), division="ld", target="修复莲都区污水管网")
    other = make_task(units=("qt_gov",), division="qt", target="修复青田县污水管网")

    class Probe(TaskFilterSet):
        seen = []

        def filter_q(self, queryset, name, value):
            Probe.seen.append(self)
            return super().filter_q(queryset, name, value)

    first, second = Probe({"q": "莲都"}), Probe({"q": "青田"})
    assert list(first.qs) == [task] and list(second.qs) == [other]
    assert Probe.seen == [first, second]


@pytest.mark.django_db
def test_scope_rule_follows_the_users_role_unit_and_scope(world, make_task):
    """The rule is built once per user object, and rebuilt when what it depends on changes."""
    task = make_task(units=("ld_gov",), division="ld")
    user = world.users["qt_officer"]
    assert not Task.objects.restrict(user).filter(pk=task.pk).exists()
    user.unit = world.units["ld_gov"]
    assert Task.objects.restrict(user).filter(pk=task.pk).exists()
    user.role, user.scope = "coordinator", world.div["wz"]
    assert not Task.objects.restrict(user).filter(pk=task.pk).exists()
    user.scope = world.div["ls"]
    assert Task.objects.restrict(user).filter(pk=task.pk).exists()
    # The same rule serves many querysets: using it once does not change what it selects next time.
    rule = scoping.scope_rule(Task, user, scoping.VIEW)
    assert Task.objects.filter(rule).count() == Task.objects.filter(rule).filter(pk=task.pk).count() == 1
