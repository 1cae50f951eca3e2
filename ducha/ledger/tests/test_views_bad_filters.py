"""The ledger page refuses bad filters the way the API does: 400, the error
naming its field over an empty list, never a 500."""

import pytest


@pytest.fixture
def page(client, world, make_task):
    make_task()
    client.force_login(world.users["admin"])
    return client


@pytest.mark.parametrize("query, label", [
    ("parent=abc", "上级任务"),
    ("parent=9223372036854775808", "上级任务"),
    ("parent=-1", "上级任务"),
    ("deadline_before=2020-02-30", "时限止"),
    ("state=nonsense", "整改状态"),
    ("ordering=password", "排序"),
    ("q=" + "扬" * 201, "搜索"),
    ("&".join(["category=by_deadline"] * 101), "整改类别"),
])
def test_bad_filter_shows_the_named_error_over_an_empty_list(page, query, label):
    response = page.get("/tasks/?" + query)
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('id="filter-errors"'):]
    assert f"<div>{label}：" in errors
    assert response.context["page"].paginator.count == 0


def test_parent_filter_still_links_to_the_parent(page, make_task):
    parent = make_task()
    make_task(parent=parent)
    response = page.get(f"/tasks/?parent={parent.pk}")
    assert response.status_code == 200
    assert f'href="/tasks/{parent.pk}/"' in response.content.decode()
    assert response.context["page"].paginator.count == 1


@pytest.mark.parametrize("query, label", [
    ("parent=9223372036854775808", "上级任务"),
    ("unit=abc", "责任单位"),
    ("q=%00", "搜索"),
])
def test_export_refuses_bad_filters_too_and_names_them(page, query, label):
    """The download is refused the way the page is: which filter is wrong, and a link back to the list
    (not to an unfiltered download)."""
    response = page.get("/tasks/export.xlsx?" + query)
    assert response.status_code == 400
    html = response.content.decode()
    errors = html[html.index('id="query-errors"'):]
    assert f"<div>{label}：" in errors
    assert 'href="/tasks/"' in html[html.index('id="query-errors"'):]


def test_a_nul_character_is_named_for_what_it_is(page):
    """Django's Chinese message for a NUL character says "empty string" (不允许是用空字符串); the refusal says
    what is wrong, on the page and through the API."""
    html = page.get("/tasks/?q=%00").content.decode()
    assert "<div>搜索：不能包含 NUL 控制字符（%00）。</div>" in html
    assert "空字符串" not in html
    response = page.get("/api/tasks/?q=%00")
    assert response.status_code == 400
    assert response.json()["q"] == ["搜索：不能包含 NUL 控制字符（%00）。"]
