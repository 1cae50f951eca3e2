"""The whole sign-off in Debian's chromium (Playwright), each step on the page of the role whose it is: the
officer applies with evidence, the reviewer returns it once and accepts it after resubmission (document
review, on-site check, signature), the office publishes, the notice appears on the public page, an anonymous
visitor objects from a 375 px phone, the office answers, and after the notice period the task is signed off.

The notice period cannot pass during a test: its days are moved back in the database (the only write not
made through a page)."""

import datetime as dt

import pytest

from ducha.ledger.models import TaskState
from ducha.signoff.models import Answer, Notice, Objection, Standard

from .test_objections import PNG

pytestmark = pytest.mark.browser


def step(tab, base, task, name, fields=None, files=None, button="#step-form button[type=submit]"):
    tab.goto(f"{base}/signoff/task/{task.pk}/{name}/")
    for selector, value in (fields or {}).items():
        tab.fill(selector, value)
    for selector, path in (files or {}).items():
        tab.set_input_files(selector, path)
    tab.click(button)
    tab.wait_for_load_state()
    assert "alert-danger" not in tab.content(), (name, tab.inner_text("main"))


def test_from_application_to_sign_off_with_a_public_objection(
        chromium, logged_in_tab, transactional_db, live_server, world, make_task, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "site.png"
    photo.write_bytes(PNG)
    base = live_server.url
    task = make_task(units=("ld_gov",), division="ld", number="F-1", acceptance_unit=world.units["eco"],
                     target="城区建筑工地扬尘污染得到有效控制", state=TaskState.COMPLETED)
    checks = {f"#id_self_check_{s.value}": f"自查：{s.label}，已落实。" for s in Standard}

    officer = logged_in_tab(1280, user="ld_officer")
    step(officer, base, task, "apply", {"#id_report": "已完成工地围挡、喷淋和渣土车密闭运输整治。", **checks},
         {"#id_files": str(photo)}, button="#step-form button[name=submit]")
    reviewer = logged_in_tab(1280, user="eco_officer")
    step(reviewer, base, task, "return_application", {"#id_reason": "缺少喷淋设施运行记录，请补充。"})
    step(officer, base, task, "resubmit", {"#id_report": "已完成整治，补充了喷淋设施运行记录。"},
         button="#step-form button[name=submit]")
    step(reviewer, base, task, "pass_review")
    findings = {f"#id_finding_{s.value}": "现场核实到位。" for s in Standard}
    step(reviewer, base, task, "onsite_check", {"#id_checked_on": dt.date.today().isoformat(),
                                                "#id_people": "张三、李四", "#id_place": "莲都区某工地", **findings})
    step(reviewer, base, task, "sign", {"#id_opinion": "经资料审核和现场核查，同意销号。"})
    office = logged_in_tab(1280, user="coord")
    step(office, base, task, "publish", {"#id_summary": "工地扬尘已整治到位，喷淋设施正常运行。"})
    notice = Notice.objects.get(task=task)

    phone = chromium.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}).new_page()
    phone.goto(f"{base}/public/notices/")
    phone.click("text=任务 F-1")
    assert "工地扬尘已整治到位" in phone.inner_text("main") and "同意销号" in phone.inner_text("main")
    assert "缺少喷淋设施运行记录" not in phone.content()  # the review's return stays internal
    phone.fill("#id_text", "晚上仍有渣土车未覆盖进出。")
    phone.click("#submit-objection")
    number = phone.inner_text("#receipt-number").strip()
    scroll, width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= width

    objection = Objection.objects.get(receipt_number=number)
    office.goto(f"{base}/signoff/objections/{objection.pk}/")
    office.check("input[name=answer][value=dismissed]")
    office.fill("#id_reason", "经核查，渣土车属邻近工地，已移交城管部门。")
    office.click("#submit-answer")
    office.wait_for_selector("text=已答复异议")
    objection.refresh_from_db()
    assert objection.answer == Answer.DISMISSED

    past = dt.date.today() - dt.timedelta(days=notice.length + 20)
    Notice.objects.filter(pk=notice.pk).update(starts_on=past, ends_on=past + dt.timedelta(days=notice.length))
    step(office, base, task, "sign_off")
    task.refresh_from_db()
    assert task.state == TaskState.SIGNED_OFF
    phone.goto(f"{base}/public/notices/?past=1")
    phone.click("text=任务 F-1")
    page = phone.inner_text("main")
    assert "已销号" in page and "已移交城管部门" in page
