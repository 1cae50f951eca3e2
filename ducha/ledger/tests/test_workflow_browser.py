"""The task's workflow in Debian's chromium: a county officer claims completion on a phone, the office
finds it awaiting an application (not signed off), and the sub-task table of a city task fits a 1366 px screen."""

import pytest

from ducha.ledger.models import Task, TaskState

pytestmark = pytest.mark.browser


def test_officer_claims_on_a_phone_and_the_office_signs_off(logged_in_tab, transactional_db, live_server, world,
                                                          make_task):
    task = make_task(units=("ld_gov",), division="ld", number="L1", target="莲都区餐饮油烟整治")
    phone = logged_in_tab(390, user="ld_officer")
    phone.goto(f"{live_server.url}/tasks/{task.pk}/")
    buttons = phone.locator("#workflow .transition-form button")
    assert [buttons.nth(i).inner_text().strip() for i in range(buttons.count())] == ["开始整改", "申报完成整改"]
    box = phone.locator("#workflow form[data-transition=claim] button").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # reachable without scrolling sideways
    phone.click("#workflow form[data-transition=claim] button")
    phone.wait_for_load_state()
    assert "完成整改（待验收）" in phone.inner_text("main")
    assert phone.locator("#workflow form[data-transition=sign_off]").count() == 0  # not the unit's to take

    # A claim is not a sign-off: the office has no 验收销号 to take until the unit applies and the
    # acceptance steps and the notice are done (ducha.signoff); it sees the task counted as not applied.
    desk = logged_in_tab(1366, user="coord")
    desk.goto(f"{live_server.url}/tasks/{task.pk}/")
    assert desk.locator("#workflow [data-transition=sign_off]").count() == 0
    assert "完成但未申请验收" in desk.inner_text("#signoff")
    assert Task.objects.get(pk=task.pk).state == TaskState.COMPLETED
    assert "申报完成整改" in desk.inner_text("#history")


def test_the_sub_task_table_fits_a_desktop_screen(logged_in_tab, transactional_db, live_server, world, make_task):
    parent = make_task(number="9", units=("eco", "ld_gov", "qt_gov"),
                       target="全市建筑工地扬尘防控达到“七个百分百”要求，渣土车全密闭运输")
    for division, unit in (("ld", "ld_gov"), ("qt", "qt_gov")):
        make_task(number=f"9-{division}", parent=parent, division=division, units=(unit,),
                  target="辖区内建筑工地扬尘治理全覆盖并建立长效监管机制，渣土运输车辆全部安装密闭装置")
    tab = logged_in_tab(1366)
    tab.goto(f"{live_server.url}/tasks/{parent.pk}/")
    wrapper = tab.locator("#child-table").locator("xpath=..")
    scroll, client = wrapper.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client, (scroll, client)


def test_the_task_form_finds_a_unit_by_typing_part_of_its_name_on_a_phone(logged_in_tab, transactional_db,
                                                                           live_server, world, make_task):
    """Hundreds of units in one select: the coordinator types part of a name, or a short name the unit is
    known by, and only the matching units stay, each with its division (a county's 人民政府 and another's
    read apart); the chosen unit is saved."""
    task = make_task(units=("eco",), number="U1", target="城区餐饮油烟整治")
    phone = logged_in_tab(390, 844, user="coord")
    phone.goto(f"{live_server.url}/tasks/{task.pk}/edit/")
    phone.fill("#id_lead_unit_search", "人民政府")
    visible = phone.eval_on_selector_all("#id_lead_unit option", "os => os.filter(o => !o.hidden && o.value)"
                                                                 ".map(o => o.text)")
    # The unit chosen now stays in sight whatever is typed: what will be submitted is never hidden.
    assert visible == ["丽水市生态环境局 · 丽水市", "莲都区人民政府 · 莲都区", "青田县人民政府 · 青田县"]
    phone.fill("#id_lead_unit_search", "发改委")  # a short name (the unit's aliases), not in its full name
    visible = phone.eval_on_selector_all("#id_lead_unit option", "os => os.filter(o => !o.hidden && o.value)"
                                                                 ".map(o => o.text)")
    assert sorted(visible) == sorted(["丽水市生态环境局 · 丽水市", "丽水市发展和改革委员会 · 丽水市"])  # and the chosen
    phone.select_option("#id_lead_unit", str(world.units["ndrc"].pk))
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    phone.click("#task-form button[type=submit]")
    phone.wait_for_url(f"{live_server.url}/tasks/{task.pk}/")
    task.refresh_from_db()
    assert task.lead_unit_id == world.units["ndrc"].pk
