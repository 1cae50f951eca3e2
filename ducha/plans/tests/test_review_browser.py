"""The review page in a real browser (Debian's chromium through Playwright):
clicking an item flashes its sentence in the text, clicking a highlight selects
its item, and on a phone the items stack under the text."""

import pytest

from .review_samples import PM25, document, reader  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def _open(logged_in_tab, base, document, width):
    tab = logged_in_tab(width, height=800)  # the shared chromium fixture, signed in as "coord"
    tab.goto(f"{base}/plans/{document.pk}/")
    return tab


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_items_and_highlights_point_at_each_other(transactional_db, logged_in_tab, live_server, world, document,
                                                 width):
    tab = _open(logged_in_tab, live_server.url, document, width)
    target = document.items.filter(kind="target").first()
    tab.click(f"#item-{target.pk} .fw-semibold")
    marks = tab.locator(f'#plan-text [data-items~="{target.pk}"]')
    assert "".join(marks.all_inner_texts()) == PM25
    assert "hl-active" in marks.first.get_attribute("class")
    tab.wait_for_timeout(600)  # smooth scrolling
    assert marks.first.is_visible()
    box = marks.first.bounding_box()
    assert 0 <= box["y"] <= 800

    unit = document.items.filter(kind="unit").first()
    mark = tab.locator(f'#plan-text [data-items~="{unit.pk}"]').first
    mark.click()
    chosen = mark.get_attribute("data-item")  # the innermost item there: a unit, not the whole task
    assert document.items.get(pk=chosen).kind == "unit"
    assert "selected" in tab.get_attribute(f"#item-{chosen}", "class")
    assert tab.locator(".review-item.selected").count() == 1

    text_box, items_box = tab.evaluate("""() => ["#plan-text", ".review-items"].map(s => {
        const r = document.querySelector(s).getBoundingClientRect();
        return {top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left, right: r.right};
    })""")
    if width < 992:
        assert items_box["top"] >= text_box["bottom"]  # stacked under the text
    else:
        assert items_box["left"] >= text_box["right"]  # side by side
    tab.screenshot(path=f"/tmp/review_{width}.png", full_page=False)


def test_the_document_list_shows_each_state_badge_in_colour(transactional_db, logged_in_tab, live_server, world,
                                                             document):
    """/plans/ lists the uploaded plans with their review state; the badge had no colour there (white on white)."""
    tab = logged_in_tab(390, height=800)
    tab.goto(f"{live_server.url}/plans/")
    badge = tab.locator(f".badge.doc-state-{document.state}").first
    assert badge.inner_text() == document.get_state_display()
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
