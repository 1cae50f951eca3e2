"""我的待办 per role: the sections in order, whose tasks each role sees, the start page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ducha.cases.tests.conftest import imported, inspection  # noqa: F401 - complaint cases to route and handle
from ducha.ledger.models import Category, TaskState
from ducha.notifications import todo
from ducha.notifications.tests.test_digest import _titled


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def tasks(world, make_task, today):
    make = _titled(world, make_task)
    soon = today + dt.timedelta(days=10)
    late = today - dt.timedelta(days=3)
    return {
        "ld_soon": make(units=("ld_gov",), division="ld", deadline=soon, target="莲都即将到期"),
        "ld_late": make(units=("ld_gov",), division="ld", deadline=late, target="莲都已逾期"),
        "ld_long": make(units=("ld_gov",), division="ld", deadline=late, target="莲都长期坚持",
                        category=Category.LONG_TERM),
        "ld_done": make(units=("ld_gov",), division="ld", deadline=soon, target="莲都已完成",
                        state=TaskState.COMPLETED, progress=100),
        "ld_far": make(units=("ld_gov",), division="ld", deadline=today + dt.timedelta(days=31), target="莲都远期"),
        "qt_soon": make(units=("qt_gov",), division="qt", deadline=soon, target="青田即将到期"),
        "sub_soon": make(units=("ld_eco",), division="ld", deadline=soon, target="分局即将到期"),
    }


def _page(client, world, username):
    client.force_login(world.users[username])
    response = client.get(reverse("mywork:my_work"))
    assert response.status_code == 200
    return response


def _titles(response, code):
    group = next(g for g in response.context["groups"] if g.section.code == code)
    return {item.title.split(" ", 1)[1] for item in group.items}


def test_an_officer_sees_own_units_due_and_overdue_tasks_not_another_units(client, world, tasks):
    response = _page(client, world, "ld_officer")
    assert _titles(response, "due_soon") == {"莲都即将到期"}
    assert _titles(response, "overdue") == {"莲都已逾期"}  # never the long-term one, nor closed ones
    html = response.content.decode()
    assert "青田即将到期" not in html and "莲都已完成" not in html and "莲都远期" not in html


def test_an_officer_sees_the_tasks_of_sub_units(client, world, tasks):
    assert _titles(_page(client, world, "eco_officer"), "due_soon") == {"分局即将到期"}


@pytest.mark.parametrize("username, due_soon", [
    ("coord", {"莲都即将到期", "青田即将到期", "分局即将到期"}),
    ("supervisor", {"莲都即将到期", "青田即将到期", "分局即将到期"}),
    ("ld_leader", {"莲都即将到期", "分局即将到期"}),
    ("admin", {"莲都即将到期", "青田即将到期", "分局即将到期"}),
    ("wz_coord", set()),
    ("qt_officer", {"青田即将到期"}),
])
def test_each_role_sees_the_tasks_in_its_reach(client, world, tasks, username, due_soon):
    assert _titles(_page(client, world, username), "due_soon") == due_soon


def test_every_section_of_the_role_renders_in_order_even_without_its_provider(client, world):
    response = _page(client, world, "ld_officer")
    codes = [g.section.code for g in response.context["groups"]]
    base = ["reports_owed", "due_soon", "overdue", "warnings", "replies_owed"]
    assert [c for c in codes if c in base] == base  # other apps' sections may sit between them
    html = response.content.decode()
    for label in ("应报进展", "即将到期", "已逾期", "预警", "待回复督办"):
        assert label in html
    assert html.count("暂无") == len(codes)


def test_a_long_section_shows_ten_and_links_to_the_filtered_ledger(client, world, make_task, today):
    for i in range(12):
        make_task(units=("ld_gov",), division="ld", deadline=today + dt.timedelta(days=i))
    response = _page(client, world, "ld_officer")
    group = next(g for g in response.context["groups"] if g.section.code == "due_soon")
    assert len(group.items) == todo.PAGE_LIMIT and group.total == 12
    assert [i.due for i in group.items] == sorted(i.due for i in group.items)
    assert "查看全部 12 项" in response.content.decode()
    listed = client.get(group.more_url)
    assert listed.status_code == 200 and listed.context["page"].paginator.count == 12


def test_the_overdue_link_leaves_long_term_tasks_out(client, world, tasks):
    response = _page(client, world, "coord")
    group = next(g for g in response.context["groups"] if g.section.code == "overdue")
    listed = client.get(group.more_url)
    assert listed.context["page"].paginator.count == 1


def test_the_start_page_is_my_work_for_officers_and_the_overview_for_others(client, world, tasks):
    client.force_login(world.users["ld_officer"])
    assert client.get("/").templates[0].name == "mywork/my_work.html"
    client.force_login(world.users["coord"])
    assert client.get("/").templates[0].name == "overview/overview.html"
    html = client.get("/").content.decode()
    assert f'href="{reverse("mywork:my_work")}"' in html and "我的待办" in html
    assert client.get(reverse("overview:overview")).status_code == 200


def test_anonymous_is_sent_to_sign_in(client, world):
    assert client.get(reverse("mywork:my_work")).status_code == 302
    assert client.get("/").status_code == 302


def test_the_page_reads_a_bounded_number_of_queries(client, world, make_task, today,
                                                   django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_tasks(n):
        for i in range(n):
            make_task(units=("ld_gov",), division="ld", deadline=today + dt.timedelta(days=i % 20 - 5))

    add_tasks(30)  # more than a section shows: each section also counts its whole list
    client.force_login(world.users["ld_officer"])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("mywork:my_work"))
    add_tasks(30)
    # One fixed set of queries per section, however many tasks: the session, the user, the unit, the bell,
    # and about one query per registered section (lists and counts shared where a provider can).
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("mywork:my_work"))
    assert len(one.captured_queries) <= 6 + len(todo.sections())


def test_the_api_gives_the_same_sections_in_the_users_reach(world, tasks):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users["ld_officer"])
    data = api.get("/api/my-work/").json()
    sections = {s["code"]: s for s in data["sections"]}
    assert [s["code"] for s in data["sections"]][:3] == ["reports_owed", "due_soon", "overdue"]
    assert [i["title"].split(" ", 1)[1] for i in sections["due_soon"]["items"]] == ["莲都即将到期"]
    assert sections["overdue"]["total"] == 1 and sections["overdue"]["items"][0]["url"].startswith("/tasks/")
    assert APIClient().get("/api/my-work/").status_code == 401


# What each role is asked to do, by section: a unit reports, handles its cases and answers the office; the office
# routes and reviews cases, answers objections, decides warnings and plans revisits; supervisors follow their
# flags; everyone follows the deadlines in their reach.
OFFICE_SECTIONS = {"即将到期", "已逾期", "验收销号", "待答复的公示异议", "预警", "待分办信访件", "待审核信访件", "回头看",
                   "我提出的督导标记"}
SECTIONS_OF = {
    "ld_officer": {"应报进展", "即将到期", "已逾期", "验收销号", "长期坚持定期检查", "预警", "待回复督办", "待办信访件"},
    "coord": OFFICE_SECTIONS,
    "admin": OFFICE_SECTIONS,
    "supervisor": {"即将到期", "已逾期", "我提出的督导标记"},
    "ld_leader": {"即将到期", "已逾期"},
}


@pytest.fixture
def cases(world, imported):  # noqa: F811 - the fixture imported above
    """The standard table of three complaint cases: the 莲都区 one routed to 莲都区人民政府 and being handled,
    the other two waiting to be routed."""
    from ducha.cases import actions
    from ducha.cases.models import Case
    from ducha.cases.tests.tables import STANDARD, xlsx

    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    return actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])


def _api_sections(world, username):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users[username])
    return api.get("/api/my-work/").json()["sections"]


def test_an_officer_is_not_shown_the_offices_cases_to_route(client, world, cases):
    html = _page(client, world, "ld_officer").content.decode()
    assert "待分办信访件" not in html and 'id="section-cases_route"' not in html
    assert "石材加工厂" in html  # the case its unit handles is there
    assert "cases_route" not in {s["code"] for s in _api_sections(world, "ld_officer")}


def test_a_coordinator_is_shown_the_cases_to_route(client, world, cases):
    response = _page(client, world, "coord")
    group = next(g for g in response.context["groups"] if g.section.code == "cases_route")
    assert group.total == 2 and "待分办信访件" in response.content.decode()
    (routing,) = [s for s in _api_sections(world, "coord") if s["code"] == "cases_route"]
    assert routing["label"] == "待分办信访件" and routing["total"] == 2


@pytest.mark.parametrize("username", sorted(SECTIONS_OF))
def test_each_role_is_shown_only_the_sections_it_can_act_on(client, world, tasks, cases, username):
    response = _page(client, world, username)
    groups = response.context["groups"]
    assert {str(g.section.label) for g in groups} == SECTIONS_OF[username]
    # Every link of every section shown (its items and its full list) opens for this user.
    for group in groups:
        for url in [group.more_url] + [item.url for item in group.items]:
            if url:
                assert client.get(url).status_code == 200, (group.section.code, url)
    # The API gives the same sections, and the page's total is theirs.
    sections = _api_sections(world, username)
    assert [s["code"] for s in sections] == [g.section.code for g in groups]
    total = sum(s["total"] for s in sections)
    assert total == response.context["total"] and f"共 {total} 项" in response.content.decode()
