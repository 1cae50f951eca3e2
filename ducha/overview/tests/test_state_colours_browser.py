"""The overview's 按整改状态 card in Debian's chromium: every state's badge in the legend is readable (验收中 and
公示中 had no colour: white text on a white card) and the chart paints each state in its badge's colour."""

import pytest

pytestmark = pytest.mark.browser


def test_every_state_badge_has_a_colour_and_the_chart_uses_it(logged_in_tab, transactional_db, live_server, world,
                                                               make_task):
    make_task()
    tab = logged_in_tab(375, 740)
    tab.goto(live_server.url + "/overview/")
    badges = tab.locator(".chart-box:has(#chart-state) ~ ul .badge")
    assert badges.count() == 6
    colours = badges.evaluate_all("els => els.map(e => [e.textContent, getComputedStyle(e).backgroundColor])")
    blank = [label for label, colour in colours if colour in ("rgba(0, 0, 0, 0)", "transparent")]
    assert blank == []
    assert len({colour for _label, colour in colours}) == 6
    painted = tab.evaluate("() => Chart.getChart('chart-state').data.datasets[0].backgroundColor")
    assert painted == [colour for _label, colour in colours]
