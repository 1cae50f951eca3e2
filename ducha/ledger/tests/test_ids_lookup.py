"""`field__id_list=[…]` (ducha.core.lookups): the rows with these ids, on a key or a foreign key, as `__in`
selects them; anything but integers refused; no ids select nothing."""

import pytest

from ducha.ledger.models import Task, TaskUnit


@pytest.mark.django_db
def test_ids_selects_what_in_selects(world, make_task):
    tasks = [make_task(units=("eco", "ndrc")) for _ in range(3)]
    ids = [tasks[0].pk, tasks[2].pk, 10**12]
    assert set(Task.objects.filter(pk__id_list=ids)) == set(Task.objects.filter(pk__in=ids)) == {tasks[0], tasks[2]}
    links = TaskUnit.objects.filter(task_id__id_list=ids)
    assert sorted(links.values_list("task_id", flat=True)) == sorted(
        TaskUnit.objects.filter(task_id__in=ids).values_list("task_id", flat=True))
    assert links.count() == 4
    assert not Task.objects.filter(pk__id_list=[]).exists()
    assert Task.objects.exclude(pk__id_list=[]).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("bad", [["1"], [1.0], [None], ["1) OR 1=1 --"]])
def test_ids_refuses_anything_but_integers(world, bad):
    with pytest.raises(TypeError):
        list(Task.objects.filter(pk__id_list=bad))
