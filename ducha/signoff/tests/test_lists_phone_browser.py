"""The office's sign-off lists on a 390 px phone: each row is a card whose cells read label by value (as
tables, 牵头单位 and 异议内容 were squeezed to one character a line)."""

import datetime as dt

import pytest

from ducha.ledger.models import TaskState
from ducha.signoff.actions import objections

from .notice_fixtures import put_in_notice

pytestmark = pytest.mark.browser


def _cell_widths(tab, table):
    return tab.eval_on_selector_all(f"#{table} tbody td", "cells => cells.map(c => c.getBoundingClientRect().width)")


def test_lagging_and_objection_rows_are_cards_on_a_phone(logged_in_tab, transactional_db, live_server, world,
                                                        make_task):
    make_task(units=("ld_gov",), division="ld", state=TaskState.COMPLETED, completed_on=dt.date(2022, 12, 20),
              target="县域不锈钢企业全部稳定达标排放")
    notice = put_in_notice(world, make_task(units=("ld_gov",), division="ld", target="扬尘污染得到有效控制"))
    objections.file_objection(notice=notice, text="公示材料称扬尘已整治到位，但我住在工地旁边，晚上仍有渣土车进出。")
    tab = logged_in_tab(390, 844)
    for url, table, label in [("/signoff/lagging/", "lagging-table", "牵头单位"),
                              ("/signoff/objections/", "objection-table", "异议内容")]:
        tab.goto(live_server.url + url)
        widths = _cell_widths(tab, table)
        assert widths and min(widths) > 300, (url, widths)  # each cell spans the card
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        cell = tab.locator(f"#{table} td[data-label='{label}']").first
        assert cell.is_visible()
