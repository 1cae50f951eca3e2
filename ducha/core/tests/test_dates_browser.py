"""A date never breaks at its hyphens (Debian's chromium through Playwright): 2026-12-31 in a narrow table
cell or phone card wrapped as 2026- / 12-31 on a 390 px phone."""

import pytest

pytestmark = pytest.mark.browser


def test_a_date_squeezed_into_a_narrow_cell_stays_on_one_line(logged_in_tab, transactional_db, live_server, world,
                                                           make_task):
    task = make_task(state="in_progress")
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + f"/tasks/{task.pk}/")
    dates = tab.locator("main time")
    assert dates.count() >= 1  # the history's entries, at least
    # Each date's box squeezed to 3em, as the narrowest column of a table on a phone.
    results = dates.evaluate_all("""ts => ts.map(t => {
        Object.assign(t.parentElement.style, {display: 'block', width: '3em'});
        const r = t.getBoundingClientRect(), line = parseFloat(getComputedStyle(t).lineHeight);
        return [t.textContent, r.height < 1.5 * line];
    })""")
    assert [text for text, one_line in results if not one_line] == [], results
