"""The Drive end to end in Debian's chromium (issue 8's browser test): an officer files a report with a photo
on a phone-sized screen; the coordinator sees the round fill up and confirms the yellow warning the system
proposes; the officer finds that warning on their to-do page (我的待办)."""

import datetime as dt

import pytest
from django.utils import timezone

from ducha.dispatch import actions as dispatch
from ducha.ledger.models import Task
from ducha.progress.tests.conftest import jpeg_bytes
from ducha.warnings.models import TaskWarning

pytestmark = pytest.mark.browser
PHONE = 375


def _fits(tab):
    width = tab.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


def test_report_round_warning_and_my_work(logged_in_tab, transactional_db, live_server, world, make_task,
                                          tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    today = timezone.localdate()
    task = make_task(units=("ld_gov",), division="ld", number="L7", target="莲都区建成区黑臭水体整治",
                     deadline=today + dt.timedelta(days=200))
    # Work began 200 days ago: about half the time has passed, so 35% is behind, not hopeless.
    Task.objects.filter(pk=task.pk).update(started_on=today - dt.timedelta(days=200))
    round_ = dispatch.open_round(acting_user=world.users["coord"], tasks=[task], kind="weekly", title="第5次周调度",
                                 now=timezone.now() - dt.timedelta(hours=1),
                                 due_at=timezone.now() + dt.timedelta(days=3))
    photo = tmp_path / "河道.jpg"
    photo.write_bytes(jpeg_bytes(size=(800, 600)))

    # The officer, on a phone: from 我的调度任务 to the report form, with a photo.
    phone = logged_in_tab(PHONE, height=812, user="ld_officer")
    phone.goto(f"{live_server.url}/dispatch/mine/")
    phone.locator(f'#my-obligations a.report-link[href="/tasks/{task.pk}/reports/new/"]').click()
    phone.wait_for_url(f"{live_server.url}/tasks/{task.pk}/reports/new/")
    _fits(phone)
    phone.fill("#id_percent", "35")
    phone.fill("#id_done", "完成3条河道清淤，截污纳管工程开工")
    phone.set_input_files("#id_photos", str(photo))
    phone.click("#report-submit")
    phone.wait_for_url(f"{live_server.url}/tasks/{task.pk}/#progress-reports")
    assert "完成3条河道清淤" in phone.inner_text("#progress-reports")

    # The coordinator sees the round filled, then proposes this month's warnings and confirms the yellow.
    office = logged_in_tab(1366, user="coord")
    office.goto(f"{live_server.url}/dispatch/{round_.pk}/")
    assert office.inner_text("#round-percent").strip() == "已报 100%"
    office.goto(f"{live_server.url}/warnings/")
    office.locator("#propose-form button").click()
    office.wait_for_load_state()
    warning = TaskWarning.objects.get(task=task)
    assert warning.proposed == "yellow", warning.reasons
    row = office.locator(f'#warning-table tr[data-warning-id="{warning.pk}"]')
    assert "黄牌" in row.inner_text()
    row.locator("button", has_text="确认").first.click()
    office.wait_for_load_state()
    assert Task.objects.get(pk=task.pk).warning == "yellow"

    # The officer's morning page shows it.
    phone.goto(f"{live_server.url}/my/")
    _fits(phone)
    section = phone.inner_text("#section-warnings")
    assert "黄牌" in section and task.number in section
    # The bell on the phone's top bar counts the warning's notification.
    assert int(phone.locator(".nav-bell .bell-count").first.inner_text()) >= 1
