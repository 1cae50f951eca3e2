"""我的待办 on a phone (375 px): an officer signs in, lands on it, reads the sections without scrolling
sideways, opens the bell and marks a notification read."""

import datetime as dt

import pytest
from django.utils import timezone

from ducha.notifications.models import Notification

pytestmark = pytest.mark.browser


def test_an_officer_starts_the_day_on_a_phone(logged_in_tab, transactional_db, live_server, world, make_task):
    today = timezone.localdate()
    make_task(units=("ld_gov",), division="ld", deadline=today + dt.timedelta(days=5),
              target="莲都区餐饮油烟整治，城区餐饮单位油烟净化设施全覆盖并定期清洗维护")
    make_task(units=("ld_gov",), division="ld", deadline=today - dt.timedelta(days=2), target="整治扬尘")
    Notification.objects.create(recipient=world.users["ld_officer"], kind="round.reminder",
                                title="第3次调度：请于12月5日前报送进展", url="/my/")
    phone = logged_in_tab(375, user="ld_officer")
    main = phone.inner_text("main")
    assert "我的待办" in main and "即将到期" in main and "已逾期" in main and "应报进展" in main
    width = phone.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], width
    assert phone.locator("#section-due_soon .todo-item").count() == 1
    bell = phone.locator("a.nav-bell:visible")
    assert bell.inner_text().strip() == "1"
    bell.click()
    phone.wait_for_load_state()
    phone.click("#notification-list button.mark-read")
    phone.wait_for_load_state()
    assert phone.locator("a.nav-bell:visible .bell-count").count() == 0
    assert Notification.objects.get().read_at is not None
