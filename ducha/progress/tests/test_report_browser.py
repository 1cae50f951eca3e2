"""An officer files a progress report with a photo on a phone-sized screen (375×812) in Debian's chromium,
and sees it, with its thumbnail, on the task page."""

import pytest

from ducha.ledger.models import Task, TaskState
from ducha.progress.models import ProgressReport

from .conftest import jpeg_bytes

pytestmark = pytest.mark.browser


def test_an_officer_files_a_report_with_a_photo_on_a_phone(logged_in_tab, transactional_db, live_server, world,
                                                          make_task, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    task = make_task(units=("ld_gov",), division="ld", number="L1", target="莲都区餐饮油烟整治")
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(jpeg_bytes(size=(1200, 900)))
    phone = logged_in_tab(375, height=812, user="ld_officer")
    phone.goto(f"{live_server.url}/tasks/{task.pk}/")
    button = phone.locator("#file-report-button")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    button.click()
    phone.wait_for_url(f"{live_server.url}/tasks/{task.pk}/reports/new/")
    width = phone.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width  # nothing sticks out sideways on a phone
    phone.fill("#id_percent", "35")
    phone.fill("#id_done", "完成12家餐饮单位油烟净化设施安装")
    phone.fill("#id_problems", "部分店铺尚未停业改造")
    phone.set_input_files("#id_photos", str(photo))
    phone.fill("#id_captions", "安装后的净化设施")
    phone.click("#report-submit")
    phone.wait_for_url(f"{live_server.url}/tasks/{task.pk}/#progress-reports")
    panel = phone.inner_text("#progress-reports")
    assert "完成12家餐饮单位油烟净化设施安装" in panel and "35%" in panel and "安装后的净化设施" in panel
    assert "总体进度取牵头单位最新报告的进度：35%" in panel
    thumb = phone.locator("#unit-reports img.evidence-thumb").first
    thumb.wait_for()
    assert thumb.evaluate("img => img.complete && img.naturalWidth > 0 && img.naturalWidth <= 320")
    saved = Task.objects.get(pk=task.pk)
    assert (saved.progress, saved.state) == (35, TaskState.IN_PROGRESS)
    assert ProgressReport.objects.get().evidence.get().file.width == 1200
