"""The to-do provider: an officer's unit's reports owed in open rounds, with their due date."""

import datetime as dt

from ducha.dispatch import actions
from ducha.notifications import todo

from .helpers import at, report


def test_reports_owed_lists_only_unfiled_obligations_of_my_unit_in_open_rounds(world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("ld_gov",))
    open_round = round_of([a, b], opened="03-01", due="03-05")
    closed = round_of([a], opened="03-01", due="03-06")
    actions.close_round(acting_user=world.users["coord"], round_=closed, now=at("03-07"))
    report(b, world.units["ld_gov"], at("03-02"), world.users["ld_officer"])
    items = [i for i in todo.items_for(world.users["ld_officer"], dt.date(2024, 3, 3)) if i.section == "reports_owed"]
    assert [(i.url, i.due, i.key) for i in items] == [
        (f"/tasks/{a.pk}/reports/new/", dt.date(2024, 3, 5), f"dispatch.obligation:{items[0].key.split(':')[1]}")]
    assert open_round.title in items[0].detail and "3月5日17:30截止" in items[0].detail
    assert [s.label for s in todo.sections() if s.code == "reports_owed"] == ["应报进展"]
    assert not [i for i in todo.items_for(world.users["coord"], dt.date(2024, 3, 3)) if i.section == "reports_owed"]
    assert not [i for i in todo.items_for(world.users["qt_officer"], dt.date(2024, 3, 3))
                if i.section == "reports_owed"]


def test_the_section_counts_everything_owed_and_links_to_my_obligations(world, make_task, round_of):
    tasks = [make_task(units=("qt_gov",)) for _ in range(todo.PAGE_LIMIT + 2)]
    round_of(tasks, opened="03-01", due="03-05")
    group = next(g for g in todo.grouped(world.users["qt_officer"], dt.date(2024, 3, 3))
                 if g.section.code == "reports_owed")
    assert len(group.items) == todo.PAGE_LIMIT and group.total == todo.PAGE_LIMIT + 2
    assert group.more_url == "/dispatch/mine/"
