"""The case list at scale keeps what it shows: the scope as an indexed range, the count stopping at
COUNT_CAP ("1000+"), rows worked out once per page."""

import re

import pytest
from django.test import Client

from ducha.cases.models import Case
from ducha.cases.views import cases as case_views

from .tables import STANDARD, xlsx

pytestmark = pytest.mark.django_db


def page_for(world, name, **query):
    client = Client()
    client.force_login(world.users[name])
    response = client.get("/cases/", query)
    assert response.status_code == 200
    return response.content.decode()


def listed(page):
    return set(re.findall(r'data-case-id="(\d+)"', page))


def test_scope_range_is_exactly_the_prefix(world, imported):
    imported(xlsx(STANDARD))
    a, b, c = Case.objects.order_by("serial")
    # A path sharing the prefix's characters but not its last component, and one that is the prefix cut short.
    Case.objects.filter(pk=a.pk).update(scope_path="330000/331100/331102/")
    Case.objects.filter(pk=b.pk).update(scope_path="330000/3311001/")
    Case.objects.filter(pk=c.pk).update(scope_path="330000/331100")
    for prefix in ["330000/331100/", "330000/", "330000/331100/331102/", "330000/3311001/", "33"]:
        under = set(Case.objects.filter(scope_path__under=prefix).values_list("pk", flat=True))
        assert under == set(Case.objects.filter(scope_path__startswith=prefix).values_list("pk", flat=True)), prefix
    assert set(Case.objects.filter(scope_path__under="330000/331100/").values_list("pk", flat=True)) == {a.pk}


def test_a_county_coordinator_lists_only_the_county(world, imported):
    imported(xlsx(STANDARD))
    ld = Case.objects.get(number="D3ZJ202406110042")
    Case.objects.filter(pk=ld.pk).update(scope_path=world.div["ld"].path)
    Case.objects.exclude(pk=ld.pk).update(scope_path=world.div["qt"].path)
    world.users["coord"].scope = world.div["ld"]
    world.users["coord"].save()
    assert listed(page_for(world, "coord")) == {str(ld.pk)}


def test_the_count_stops_at_the_cap_and_later_pages_still_open(world, imported, monkeypatch):
    imported(xlsx(STANDARD))
    monkeypatch.setattr(case_views, "COUNT_CAP", 1)
    monkeypatch.setattr(case_views, "PAGE_SIZE", 1)
    first = page_for(world, "coord")
    assert "共 1+ 件" in first and "1 / 1+" in first and "page=2" in first
    second = page_for(world, "coord", page="2")
    assert "共 2+ 件" in second and "2 / 2+" in second and "page=3" in second
    third = page_for(world, "coord", page="3")
    assert "共 3 件" in third and "3 / 3" in third and "page=4" not in third
    shown = listed(first) | listed(second) | listed(third)
    assert shown == {str(pk) for pk in Case.objects.values_list("pk", flat=True)}


def test_below_the_cap_the_count_is_exact(world, imported):
    imported(xlsx(STANDARD))
    assert "共 3 件" in page_for(world, "coord")
    assert "共 1 件" in page_for(world, "coord", verdict="false")


def test_a_row_shows_labels_badges_and_its_link(world, imported):
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    page = page_for(world, "coord", q="石材")
    row = re.search(rf'<a class="list-group-item[^>]*data-case-id="{case.pk}">.*?</a>', page, re.S).group(0)
    assert f'href="/cases/{case.pk}/"' in row
    assert "第1批" in row and "重点件" in row and "属实" in row
    assert case.get_state_display() in row and "办理时限" in row and case.due_on.isoformat() in row
    assert case.get_routing_display() in row  # not yet confirmed: shown as a warning badge
    assert "办理逾期" in row  # the deadline of a 2024 batch has passed and nothing was reported


def test_batch_filter_by_number(world, imported):
    imported(xlsx(STANDARD), batch=3)
    assert len(listed(page_for(world, "coord", batch="3"))) == 3
    assert listed(page_for(world, "coord", batch="4")) == set()
