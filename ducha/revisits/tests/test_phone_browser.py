"""回头看 pages on a 390 px phone (Debian's chromium through Playwright)."""

import datetime as dt

import pytest

from ducha.revisits.actions.revisits import plan_revisit

pytestmark = pytest.mark.browser


@pytest.fixture
def planned(world, ld_task):
    return plan_revisit(acting_user=world.users["coord"], task=ld_task, due_on=dt.date(2026, 12, 31),
                        reason="群众来电反映问题复发，开展专项回头看。")


def test_the_list_is_a_card_per_revisit_on_a_phone(logged_in_tab, transactional_db, live_server, planned):
    """The five-column table broke its headings into columns of single characters (状/态) and the date at
    its hyphens; on a phone each revisit is a card: labelled lines, the date on one line."""
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/revisits/")
    assert not tab.locator("#revisit-table thead").is_visible()
    wrapper = tab.locator("#revisit-table").locator("xpath=..")
    scroll, client = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client, (scroll, client)
    date = tab.locator("#revisit-table tbody time")
    assert date.get_attribute("datetime") == "2026-12-31" and date.inner_text() == "2026-12-31"
    height, line = date.evaluate("t => [t.getBoundingClientRect().height, parseFloat(getComputedStyle(t).lineHeight)]")
    assert height < 1.5 * line, (height, line)
    label = date.locator("xpath=ancestor::td[1]").evaluate("td => getComputedStyle(td, '::before').content")
    assert "应开展日期" in label


def test_the_record_and_cancel_forms_line_up_on_a_phone(logged_in_tab, transactional_db, live_server, planned):
    """Every control of the record form starts at the same left edge (the conclusion's radios were bare
    browser radios), and the buttons keep their own width instead of stretching across the card."""
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + f"/revisits/{planned.pk}/")
    form = tab.locator("#record-form")
    lefts = {name: round(tab.locator(f"#record-form [name={name}]").first.bounding_box()["x"])
             for name in ("visited_on", "people", "findings", "conclusion", "photos")}
    label_left = round(tab.locator("#record-form label.form-label").first.bounding_box()["x"])
    assert set(lefts.values()) == {label_left}, (lefts, label_left)
    assert tab.locator("#record-form .form-check input[name=conclusion]").count() == 2
    width = form.bounding_box()["width"]
    for button in (tab.locator("#record-form button[type=submit]"), tab.locator("#cancel-form button[type=submit]")):
        assert button.bounding_box()["width"] < width / 2, (button.inner_text(), button.bounding_box(), width)


def test_the_new_revisit_page_has_the_same_heading_as_the_list(logged_in_tab, transactional_db, live_server, world):
    """安排回头看 was a bare <h1>, twice the size of every other page's heading on a phone."""
    tab = logged_in_tab(390, 844)
    size = "() => getComputedStyle(document.querySelector('main h1')).fontSize"
    tab.goto(live_server.url + "/revisits/")
    listing = tab.evaluate(size)
    tab.goto(live_server.url + "/revisits/new/")
    assert tab.evaluate(size) == listing
