"""CappedPaginator: the count stops at the cap, and later pages still open with a next page when there is one."""

import pytest
from django.contrib.auth.models import Group

from ducha.core.paging import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    Group.objects.bulk_create([Group(name=f"g{i:02d}") for i in range(7)])
    return Group.objects.order_by("name")


def test_below_the_cap_the_count_is_exact(groups):
    page = CappedPaginator(groups, 2, cap=10).get_page(1)
    assert (page.paginator.count_label, page.paginator.pages_label, page.paginator.stopped) == ("7", "4", False)


def test_at_the_cap_the_count_says_plus(groups):
    paginator = CappedPaginator(groups, 2, cap=4)
    page = paginator.get_page(1)
    assert (paginator.count_label, paginator.pages_label) == ("4+", "2+")
    assert [g.name for g in page] == ["g00", "g01"] and page.has_next()


def test_a_page_beyond_the_cap_opens_and_knows_its_next(groups):
    paginator = CappedPaginator(groups, 2, cap=4)
    page = paginator.get_page(3)
    assert [g.name for g in page] == ["g04", "g05"] and page.has_next()
    assert paginator.count_label == "6+"
    last = CappedPaginator(groups, 2, cap=4).get_page(4)
    assert [g.name for g in last] == ["g06"] and not last.has_next() and last.paginator.count_label == "7"


@pytest.mark.parametrize("number", ["x", "", None])
def test_a_bad_page_number_is_the_first_page(groups, number):
    page = CappedPaginator(groups, 2, cap=4).get_page(number)
    assert page.number == 1
