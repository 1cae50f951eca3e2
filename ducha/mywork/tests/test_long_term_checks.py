"""My work lists a lead unit's periodic checks of tasks signed off as "已完成，长期坚持": missed, or due within
30 days and not yet reported; never another unit's, never a plain sign-off."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ducha.schedule.periodic import add_months
from ducha.signoff.tests.helpers import report_filed_on, signed_off_task

SECTION = "long_term_checks"


def _items(client, world, username):
    client.force_login(world.users[username])
    response = client.get(reverse("mywork:my_work"))
    assert response.status_code == 200
    group = next(g for g in response.context["groups"] if g.section.code == SECTION)
    return group.items, response.content.decode()


def test_a_missed_check_and_one_due_soon_are_listed_for_the_lead_units_officer(client, world, make_task):
    today = timezone.localdate()
    make = lambda number, **kw: signed_off_task(world, make_task, number=number, **kw)  # noqa: E731
    make("漏报")
    # Signed off 3 months less 10 days ago: the first quarterly check is due in 10 days.
    signed_on = add_months(today, -3) + dt.timedelta(days=10)
    make("将到期", on=signed_on)
    # Signed off 3 months less 40 days ago: due in 40 days, not listed yet.
    make("未到期", on=add_months(today, -3) + dt.timedelta(days=40))
    met = make("已报送")
    report_filed_on(met, world.users["ld_officer"], today)
    make("普通", long_term=False)
    items, html = _items(client, world, "ld_officer")
    by_title = {i.title.split("：", 1)[0].removeprefix("任务 "): i for i in items}
    assert set(by_title) == {"漏报", "将到期"}
    signed_missed = add_months(today, -4)
    start, due = signed_missed + dt.timedelta(days=1), add_months(signed_missed, 3)
    assert by_title["漏报"].detail.startswith(f"第 1 期定期检查（{start.isoformat()} 至 {due.isoformat()}）未报送")
    assert by_title["将到期"].due == add_months(signed_on, 3)
    assert "待报送" in by_title["将到期"].detail
    assert "长期坚持定期检查" in html and "任务 普通" not in html
    # The co-unit (青田县) is not asked for the check: its officer sees none of them.
    assert _items(client, world, "qt_officer")[0] == []
