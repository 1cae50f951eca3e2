"""The dispatch pages as users see them."""

import io

import openpyxl
from django.urls import reverse

from ducha.dispatch.models import Obligation, Round

from .helpers import at, report


def login(client, world, name):
    client.force_login(world.users[name])
    return client


def test_round_page_shows_who_filed_late_and_missing(client, world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("qt_gov",))
    round_ = round_of([a, b], opened="03-01", due="03-05")
    report(a, world.units["eco"], at("03-02"), world.users["eco_officer"])
    report(a, world.units["ld_gov"], at("03-06"), world.users["ld_officer"])
    page = login(client, world, "coord").get(reverse("dispatch:round_detail", args=[round_.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-status="filed" href="?status=filed"><span class="badge text-bg-success">按时报送</span> <span class="count">1' in html
    assert '迟报</span> <span class="count">1' in html and '漏报</span> <span class="count">1' in html
    assert "已报 67%" in html and "提醒未报单位" in html and "尚未提醒过" in html
    only_missing = client.get(reverse("dispatch:round_detail", args=[round_.pk]), {"status": "missing"})
    assert f'data-task-id="{b.pk}"' in only_missing.content.decode()
    assert f'data-task-id="{a.pk}"' not in only_missing.content.decode()
    assert client.get(reverse("dispatch:round_detail", args=[round_.pk]), {"status": "nope"}).status_code == 400


def test_remind_and_close_buttons(client, world, round_of):
    round_ = round_of(due="03-05")
    url = reverse("dispatch:round_detail", args=[round_.pk])
    login(client, world, "coord")
    client.post(reverse("dispatch:round_remind", args=[round_.pk]))
    assert "上次提醒" in client.get(url).content.decode()
    round_.refresh_from_db()
    client.post(reverse("dispatch:round_transition", args=[round_.pk, "close"]), {"version": round_.version})
    round_.refresh_from_db()
    assert not round_.is_open
    assert "提醒未报单位" not in client.get(url).content.decode()


def test_open_a_round_through_the_form(client, world, make_task):
    a = make_task(units=("eco",), number="9")
    make_task(units=("qt_gov",), number="10")
    login(client, world, "coord")
    answer = client.post(reverse("dispatch:round_create"), {
        "plan": world.plan.pk, "kind": "weekly", "task_numbers": "9", "due_on": "2099-01-05", "due_time": "17:30"})
    round_ = Round.objects.get()
    assert answer.status_code == 302 and answer.url == reverse("dispatch:round_detail", args=[round_.pk])
    assert list(Obligation.objects.values_list("task_id", flat=True)) == [a.pk]
    bad = client.post(reverse("dispatch:round_create"), {
        "plan": world.plan.pk, "kind": "weekly", "task_numbers": "77", "due_on": "2000-01-05", "due_time": "17:30"})
    assert bad.status_code == 200 and "该方案中没有这些序号：77" in bad.content.decode()
    assert login(client, world, "eco_officer").get(reverse("dispatch:round_create")).status_code == 403


def test_officer_sees_own_obligations_with_report_links(client, world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("qt_gov",))
    round_of([a, b], due="03-05")
    html = login(client, world, "ld_officer").get(reverse("dispatch:my_obligations")).content.decode()
    assert f'href="/tasks/{a.pk}/reports/new/"' in html and f"/tasks/{b.pk}/" not in html
    assert "漏报" in html  # the due moment (2024) has passed


def test_panels_on_plan_and_task_pages(client, world, make_task, round_of):
    a = make_task(units=("eco",))
    round_ = round_of([a], plan=world.plan)
    login(client, world, "coord")
    plan_page = client.get(reverse("ledger:plan_detail", args=[world.plan.pk])).content.decode()
    assert 'id="plan-rounds"' in plan_page and f'data-round-id="{round_.pk}"' in plan_page
    task_page = login(client, world, "eco_officer").get(reverse("ledger:task_detail", args=[a.pk])).content.decode()
    assert 'id="task-obligations"' in task_page and f"/tasks/{a.pk}/reports/new/" in task_page


def test_export_is_the_styled_dispatch_table(client, world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    round_ = round_of([a], opened="03-01", due="03-05")
    report(a, world.units["eco"], at("03-02"), world.users["eco_officer"], percent=40, problems="资金不足",
           next_steps="加快施工")
    answer = login(client, world, "coord").get(reverse("dispatch:round_export", args=[round_.pk]))
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(answer.streaming_content)))
    sheet = book.active
    assert sheet["A1"].value.startswith("丽水市生态环境保护督察整改第1次调度表（截至")
    assert "A1:I1" in [str(r) for r in sheet.merged_cells.ranges]
    assert [c.value for c in sheet[3]] == ["序号", "整改任务", "责任单位", "报告日期", "进度", "本期完成情况", "存在问题",
                                           "下一步计划", "报送情况"]
    rows = {r[2]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    eco = rows["丽水市生态环境局"]
    assert (eco[4], eco[6], eco[7], eco[8]) == (0.4, "资金不足", "加快施工", "按时报送")
    assert rows["莲都区人民政府"][8] == "漏报"
    assert sheet.freeze_panes == "A4"
    assert sheet["B4"].alignment.wrap_text and sheet["B4"].border.left.style == "thin"
    assert sheet["A3"].font.b
    assert sheet.column_dimensions["B"].width > 30
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    # fitToWidth 1 is the OOXML default: xlsxwriter leaves it out, openpyxl reads None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$3:$3"


def test_round_list_filters_offer_all_rather_than_dashes(client, world, round_of):
    round_of(due="03-05")
    html = login(client, world, "coord").get(reverse("dispatch:round_list")).content.decode()
    form = html[html.index('id="round-filters"'):html.index("</form>", html.index('id="round-filters"'))]
    assert "---" not in form
    assert form.count('<option value="">全部</option>') == 2


def test_round_list_says_when_the_filters_match_nothing(client, world, round_of):
    round_of(due="03-05")
    login(client, world, "coord")
    html = client.get(reverse("dispatch:round_list"), {"q": "不存在的标题"}).content.decode()
    assert "没有符合条件的调度。" in html and "还没有调度" not in html


def test_a_close_from_a_page_read_before_a_reopen_is_refused(client, world, round_of):
    """Two coordinators have the round page open. One closes the round, the other (on a fresh page) reopens
    it with a reason; the first then presses 结束 on the page still showing the round as it first read it.
    That silently undid the reopening; now the page's version is stale and the round stays open."""
    round_ = round_of(due="03-05")
    url = reverse("dispatch:round_transition", args=[round_.pk, "close"])
    login(client, world, "coord")
    read = client.get(reverse("dispatch:round_detail", args=[round_.pk]))
    version = read.context["round"].version
    assert f'name="version" value="{version}"' in read.content.decode()
    assert client.post(url, {"version": version}).status_code == 302
    reopen = reverse("dispatch:round_transition", args=[round_.pk, "reopen"])
    client.post(reopen, {"reason": "补报", "version": version + 1})
    round_.refresh_from_db()
    assert round_.is_open and round_.version == version + 2
    page = client.post(url, {"version": version}, follow=True).content.decode()
    round_.refresh_from_db()
    assert round_.is_open and "已被他人修改" in page
    assert client.post(url, {"version": round_.version}).status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open


def test_the_api_closes_with_if_match_and_answers_a_stale_one_with_412(world, round_of):
    from rest_framework.test import APIClient

    round_ = round_of(due="03-05")
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    read = api.get(f"/api/rounds/{round_.pk}/")
    tag = read["ETag"]  # the round's answers carry the tag an If-Match names
    assert tag == f'"round-{round_.pk}-v{read.json()["version"]}"'
    assert api.post(f"/api/rounds/{round_.pk}/close/", HTTP_IF_MATCH=tag).status_code == 200
    assert api.post(f"/api/rounds/{round_.pk}/reopen/", {"reason": "补报"}, format="json").status_code == 200
    stale = api.post(f"/api/rounds/{round_.pk}/close/", HTTP_IF_MATCH=tag)
    assert stale.status_code == 412
    round_.refresh_from_db()
    assert round_.is_open


def test_the_form_refuses_dates_outside_the_official_range_naming_each_field(client, world, make_task):
    """Periods from the year 0001 and a due day in 9999 were taken."""
    make_task(units=("eco",), number="9")
    login(client, world, "coord")
    form = {"plan": world.plan.pk, "kind": "weekly", "task_numbers": "9", "due_on": "2099-01-05", "due_time": "17:30"}
    for changed, message in [
        ({"period_start": "0001-01-01"}, "调度期起应在 2000-01-01 至 2100-12-31 之间。"),
        ({"period_end": "9999-12-31"}, "调度期止应在 2000-01-01 至 2100-12-31 之间。"),
        ({"due_on": "9999-12-31"}, "报送截止时间应在 2000-01-01 至 2100-12-31 之间。"),
    ]:
        answer = client.post(reverse("dispatch:round_create"), form | changed)
        assert answer.status_code == 200 and message in answer.content.decode(), changed
        field = next(iter(changed))
        assert answer.context["form"].errors[field] == [message]
    assert not Round.objects.exists()


def test_the_same_round_opened_twice_is_opened_once(client, world, make_task):
    """A double click on 发起调度 opened two rounds and asked every unit twice."""
    make_task(units=("eco",), number="9")
    make_task(units=("qt_gov",), number="10")
    login(client, world, "coord")
    form = {"plan": world.plan.pk, "kind": "weekly", "task_numbers": "9", "due_on": "2099-01-05", "due_time": "17:30"}
    client.post(reverse("dispatch:round_create"), form)
    round_ = Round.objects.get()
    again = client.post(reverse("dispatch:round_create"), form, follow=True)
    assert again.redirect_chain[-1][0] == reverse("dispatch:round_detail", args=[round_.pk])
    assert "相同的调度轮次刚刚已提交过，未重复记录。" in again.content.decode()
    assert Round.objects.count() == 1 and Obligation.objects.count() == 1
    # Other tasks, or another due day, are another round.
    client.post(reverse("dispatch:round_create"), form | {"task_numbers": "9 10"})
    client.post(reverse("dispatch:round_create"), form | {"due_on": "2099-01-06"})
    assert Round.objects.count() == 3


def test_closing_a_round_without_the_version_is_refused(client, world, round_of):
    round_ = round_of(due="03-05")
    login(client, world, "coord")
    page = client.post(reverse("dispatch:round_transition", args=[round_.pk, "close"]), follow=True)
    assert "版本信息无效" in page.content.decode()
    round_.refresh_from_db()
    assert round_.is_open
