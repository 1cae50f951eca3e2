"""A batch of complaint cases from the table to the public page, in Debian's chromium (Playwright), each step
on the page of the role whose it is: the coordinator imports the batch (upload → preview → confirm), routes
by hand the case whose area matched nothing, the county officer records its handling on a 390 px phone and
reports it, the coordinator approves it, and the batch's table is public — without the complainant's phone
number that was in the case text. And a coordinator decides a repeat proposal on a phone."""

import pytest

from ducha.cases.models import Case, RepeatLink, RepeatStatus, Review, Routing

from .outward_world import cases_world  # noqa: F401 - fixture
from .tables import STANDARD, xlsx
from .test_repeat_review import proposals  # noqa: F401 - fixture

pytestmark = pytest.mark.browser

PHONE = "13857812345"
UNMATCHED = f"举报人王建国反映，某某镇某化工厂夜间偷排废水，河水发黑发臭，联系电话{PHONE}，要求尽快查处。"
TABLE = {**STANDARD, "rows": [
    ["1", "D3ZJ202406110042", "莲都区南明山街道某石材加工厂夜间生产，粉尘和噪声扰民。", "丽水市莲都区", "大气、噪声",
     "", "", "", ""],
    ["2", "D3ZJ202406110043", UNMATCHED, "某某镇", "水", "", "", "", ""],
]}


def no_sideways_scroll(tab):
    scroll, width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, (tab.url, scroll, width)


def test_a_batch_from_import_to_the_public_table(logged_in_tab, chromium, transactional_db, live_server, world,
                                                 inspection, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    table = tmp_path / "第1批.xlsx"
    table.write_bytes(xlsx(TABLE))

    office = logged_in_tab(1280, user="coord")
    office.goto(f"{base}/cases/import/")
    office.set_input_files("#id_file", str(table))
    office.select_option("#id_inspection", str(inspection.pk))
    office.fill("#id_batch", "1")
    office.fill("#id_transferred_on", "2024-06-11")
    office.click("#import-form button[type=submit]")
    preview = office.inner_text("#import-preview")
    # No routing rule names a unit here: both wait for routing by hand, the 莲都区 one with its division.
    assert "新增 2" in preview and "待分办 2" in preview and not Case.objects.exists()
    office.click("#confirm-import")
    office.wait_for_selector("#batch-cases")
    assert "导入完成" in office.inner_text("main") and "待分办 2" in office.inner_text("#batch-counts")
    assert Case.objects.filter(routing=Routing.PENDING).count() == 2
    case = Case.objects.get(number="D3ZJ202406110043")
    assert case.routing == Routing.PENDING and case.division is None

    office.click(f"#batch-cases a[href='/cases/{case.pk}/']")
    office.wait_for_selector("#route-form")
    office.select_option("#id_division", "331102")
    office.select_option("#id_lead_unit", str(world.units["ld_gov"].pk))
    office.click("#route-submit")
    office.wait_for_selector("text=已分办。")
    assert office.inner_text("#lead-unit").startswith("莲都区人民政府")

    officer = logged_in_tab(390, 844, user="ld_officer")
    officer.goto(f"{base}/cases/{case.pk}/")
    officer.wait_for_selector("#handling-form")
    no_sideways_scroll(officer)
    officer.fill("#id_investigation", "经现场核查，该厂雨污管网混接，存在夜间废水外排情况。")
    officer.select_option("#id_verdict", "true")
    officer.fill("#id_handling", "责令停产整改，立案处罚1家，罚款5万元，已完成管网改造。")
    officer.fill("#id_fine_yuan", "50000")
    assert officer.locator("#report-handling").is_visible()
    box = officer.locator("#report-handling").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # reachable without sideways scrolling
    officer.click("#report-handling")
    officer.wait_for_selector("text=办理结果已报送，等待整改办审核。")
    no_sideways_scroll(officer)
    case.refresh_from_db()
    assert case.review == Review.PENDING and str(case.fine_yuan) == "50000.00"

    office.goto(f"{base}/cases/{case.pk}/")
    office.fill("#id_note", "核查处理到位。")
    office.click("#approve-review")
    office.wait_for_selector("text=审核通过。")
    case.refresh_from_db()
    assert case.review == Review.APPROVED

    visitor = chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}).new_page()
    visitor.goto(f"{base}/public/cases/")
    visitor.click("a[href='/public/cases/ZJ-S3/1/']")
    visitor.wait_for_load_state()
    page = visitor.inner_text("main")
    assert "某化工厂夜间偷排废水" in page and "罚款5万元" in page
    assert PHONE not in visitor.content() and "王建国" not in page and "举报人王某反映" in page
    assert "莲都区南明山街道某石材加工厂" not in page  # not reviewed: not disclosed
    no_sideways_scroll(visitor)


def test_a_coordinator_confirms_a_repeat_from_the_proposals_list_on_a_phone(logged_in_tab, transactional_db,
                                                                            live_server, proposals):  # noqa: F811
    w, base = proposals, live_server.url
    link = w.links["ld"]
    tab = logged_in_tab(390, 844, user="coord")
    tab.goto(f"{base}/cases/repeats/")
    no_sideways_scroll(tab)
    tab.click(f"#repeat-list a[href='/cases/{w.again.pk}/#repeats']")
    tab.wait_for_selector(f"#repeat-{link.pk}")
    no_sideways_scroll(tab)
    assert w.first.number in tab.inner_text(f"#repeat-{link.pk}")
    tab.fill(f"#merge-{link.pk}", "HB-2020-01")
    tab.click(f"#confirm-repeat-{link.pk}")
    tab.wait_for_selector("text=已确认为重复件")
    assert "HB-2020-01" in tab.inner_text("#repeats") and tab.locator(f"#confirm-repeat-{link.pk}").count() == 0
    link.refresh_from_db()
    assert (link.status, link.merge_number) == (RepeatStatus.CONFIRMED, "HB-2020-01")
    assert RepeatLink.objects.filter(status=RepeatStatus.PROPOSED).count() == 1


def test_the_case_filters_fold_on_a_phone_behind_the_search(logged_in_tab, transactional_db, live_server, world):
    """The case list on a phone opens on the search box and the cases, not on eleven filters and twelve batch
    links; 筛选 unfolds them and counts those set; a refused filter unfolds them by itself."""
    tab = logged_in_tab(390, 844)
    tab.goto(live_server.url + "/cases/?overdue=true")
    assert tab.locator("#id_q").is_visible()
    assert not tab.locator("#case-filter-panel").is_visible()
    toggle = tab.locator(".filter-toggle")
    assert toggle.inner_text().split() == ["筛选", "1"]
    toggle.click()
    tab.locator("#case-filter-panel select[name=overdue]").wait_for(state="visible")
    no_sideways_scroll(tab)
    tab.goto(live_server.url + "/cases/?batch=abc")
    assert tab.locator("#filter-errors").is_visible()
