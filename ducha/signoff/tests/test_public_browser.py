"""The public notice pages in Debian's chromium (Playwright): an anonymous visitor on a 375 px phone finds the
notice, objects and looks the answer up by the receipt number; the office answers on its own page.

The steps before the notice (the officer applies with evidence, the reviewer returns it once and accepts it
after resubmission) and the final sign-off belong to the sign-off pages, which were not on the branch when
this was written: the notice is put in place by the fixture instead."""

import pytest

from ducha.signoff.models import Answer, Objection

from .notice_fixtures import put_in_notice

pytestmark = pytest.mark.browser


def fits(tab):
    scroll, width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width, (tab.url, scroll, width)


def test_an_anonymous_visitor_objects_from_a_phone_and_the_office_answers(
        chromium, logged_in_tab, transactional_db, live_server, world, make_task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    task = make_task(units=("ld_gov",), division="ld", number="B-1", target="城区建筑工地扬尘污染得到有效控制")
    notice = put_in_notice(world, task)
    phone = chromium.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}).new_page()
    phone.goto(live_server.url + "/public/")
    fits(phone)
    phone.click("a.public-card[href=\"/public/notices/\"]")
    phone.select_option("#division", "331102")
    phone.click("#division-filter button[type=submit]")
    phone.click("text=任务 B-1")
    assert "城区建筑工地扬尘污染得到有效控制" in phone.inner_text("main")
    fits(phone)
    phone.fill("#id_text", "<b>夜间</b>仍有渣土车进出工地，车斗未覆盖。")
    phone.fill("#id_contact", "13800000000")
    phone.click("#submit-objection")
    number = phone.inner_text("#receipt-number").strip()
    assert phone.url.endswith("#receipt") and "objection-form" not in phone.url
    fits(phone)
    objection = Objection.objects.get(notice=notice)
    assert objection.receipt_number == number
    phone.click("text=查询答复")
    assert "待答复" in phone.inner_text("#receipt-answer")

    office = logged_in_tab(1280, user="coord")
    office.goto(live_server.url + "/signoff/objections/?status=open")
    office.click(f"text={number}")
    assert "13800000000" in office.inner_text("main")  # the office sees the contact, the public never
    office.check("input[name=answer][value=dismissed]")
    office.fill("#id_reason", "经现场核查，渣土车属邻近工地，已移交城管部门处理。")
    office.click("#submit-answer")
    office.wait_for_selector("text=已答复异议")
    objection.refresh_from_db()
    assert objection.answer == Answer.DISMISSED

    phone.goto(live_server.url + f"/public/receipt/?number={number}")
    answer = phone.inner_text("#receipt-answer")
    assert "异议不成立" in answer and "已移交城管部门" in answer and "13800000000" not in answer
    phone.goto(live_server.url + f"/public/notices/{notice.pk}/")
    page = phone.inner_text("main")
    assert "<b>夜间</b>仍有渣土车" in page and "13800000000" not in page
    fits(phone)


def test_a_refused_objection_on_a_390px_phone_shows_its_error_on_screen_next_to_the_field(
        chromium, transactional_db, live_server, world, make_task, settings, tmp_path):
    """A long notice puts the form far below the first screen: a refused objection must not come back at the
    top of the page with its error out of sight. The limit's page fits the phone too."""
    settings.MEDIA_ROOT = tmp_path
    settings.DUCHA_PUBLIC_POST_LIMIT = 1
    task = make_task(units=("ld_gov",), division="ld", number="B-2", target="城区建筑工地扬尘污染得到有效控制。" * 12)
    notice = put_in_notice(world, task)
    # Reduced motion: Bootstrap scrolls to an anchor smoothly otherwise, and the positions would be read mid-way.
    phone = chromium.new_context(locale="zh-CN", viewport={"width": 390, "height": 844},
                                 reduced_motion="reduce").new_page()
    phone.goto(live_server.url + f"/public/notices/{notice.pk}/")
    phone.fill("#id_text", "😀😀😀。。。")
    phone.click("#submit-objection")
    phone.wait_for_load_state()
    error = phone.locator(".field-error")
    assert error.inner_text() == "异议内容须包含文字或数字，不能只有表情符号、标点或空白。"
    box, field = error.bounding_box(), phone.locator("#id_text").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 844, box  # on screen without scrolling
    assert 0 <= box["y"] - (field["y"] + field["height"]) < 80, (box, field)  # right under the text field
    fits(phone)
    assert phone.input_value("#id_text") == "😀😀😀。。。"
    phone.fill("#id_text", "工地夜间仍在施工。")
    phone.click("#submit-objection")
    assert phone.inner_text("#receipt-number").strip() == Objection.objects.get(notice=notice).receipt_number
    phone.goto(live_server.url + f"/public/notices/{notice.pk}/")
    phone.fill("#id_text", "渣土车未覆盖，" * 40)
    phone.click("#submit-objection")
    assert "最多提交 1 次" in phone.inner_text("#rate-limited")
    assert phone.input_value("#written-text").startswith("渣土车未覆盖，")
    fits(phone)
