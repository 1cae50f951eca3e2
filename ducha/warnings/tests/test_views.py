"""What people see: the month page, the export, a unit's history, the task panels, to-dos, the overview,
the command; and the API's refusals naming their field."""

import datetime as dt
import io
import re

import openpyxl
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.ledger.models import Task
from ducha.notifications import todo
from ducha.warnings import actions
from ducha.warnings.models import TaskWarning


def test_month_page_lists_proposals_and_confirms_all_blue_in_one_click(client, world, three, month):
    actions.propose_month(acting_user=None, month=month)
    client.force_login(world.users["coord"])
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    assert html.count("data-warning-id=") == 3 and "确认全部蓝签（1）" in html
    response = client.post(reverse("warnings:confirm_blue"), {"month": "2024-08"}, follow=True)
    assert "已确认蓝签 1 项。" in response.content.decode()
    assert Task.objects.get(pk=three[0].pk).warning == "blue"
    html = client.get(reverse("warnings:month"), {"month": "2024-08", "colour": "yellow"}).content.decode()
    assert html.count("data-warning-id=") == 1


def test_month_page_refuses_a_malformed_month(client, world):
    client.force_login(world.users["coord"])
    assert client.get(reverse("warnings:month"), {"month": "2024-99"}).status_code == 400


def test_a_hand_edited_filter_gets_the_sites_page_naming_the_value(client, world):
    client.force_login(world.users["coord"])
    for url, query, words in [
        (reverse("warnings:month"), {"month": "2024-99"}, "月份格式应为 YYYY-MM"),
        (reverse("warnings:month"), {"colour": "purple"}, "颜色：选择一个有效的选项"),
        (reverse("warnings:month"), {"state": "x"}, "状态：选择一个有效的选项"),
        (reverse("warnings:month_export"), {"month": "0001-01"}, "月份应在 2000 年至 2100 年之间"),
    ]:
        response = client.get(url, query)
        html = response.content.decode()
        assert response.status_code == 400 and words in html, url
        assert 'id="main-nav"' in html and "请求有误" in html  # the site's page, with the way on


def test_override_from_the_page_shows_the_reason(client, world, three, month):
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[1])
    client.force_login(world.users["coord"])
    client.post(reverse("warnings:override", args=[warning.pk]), {"colour": "red", "reason": "群众反映强烈",
                                                                   "version": warning.version})
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    assert "改定理由：群众反映强烈" in html
    panel = client.get(reverse("ledger:task_detail", args=[three[1].pk])).content.decode()
    assert 'id="warnings"' in panel and "群众反映强烈" in panel and "约谈" in panel


def test_export_is_a_titled_bordered_printable_sheet(client, world, three, month):
    actions.propose_month(acting_user=None, month=month)
    client.force_login(world.users["coord"])
    response = client.get(reverse("warnings:month_export"), {"month": "2024-08"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    assert sheet["A1"].value == "2024年8月督察整改任务预警清单"
    assert [c.value for c in sheet[2]][:4] == ["序号", "方案", "任务序号", "问题/任务"]
    assert sheet.max_row == 2 + 3
    assert sheet.freeze_panes == "A3"
    assert sheet["A3"].border.left.style == "thin" and sheet["L3"].alignment.wrap_text
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$2"


def test_unit_history_and_points(client, world, three, month):
    actions.propose_month(acting_user=None, month=month)
    actions.confirm_warning(acting_user=world.users["coord"], warning=TaskWarning.objects.get(task=three[2]))
    client.force_login(world.users["eco_officer"])
    html = client.get(reverse("warnings:unit_history", args=[world.units["eco"].pk])).content.decode()
    assert "红灯" in html and "累计扣分 2.0" in html
    client.force_login(world.users["qt_officer"])
    assert client.get(reverse("warnings:unit_history", args=[world.units["eco"].pk])).status_code == 404


def test_schedule_panel_explains_the_figure(client, world, three):
    client.force_login(world.users["coord"])
    html = client.get(reverse("ledger:task_detail", args=[three[1].pk])).content.decode()
    assert 'id="schedule-explanation"' in html and "实际 55%" in html


def test_todo_for_the_unit_and_for_the_office(world, three, month):
    today = dt.date(2024, 8, 20)
    actions.propose_month(acting_user=None, month=month)
    [item] = [i for i in todo.items_for(world.users["coord"], today) if i.section == "warnings"]
    assert item.title == "2024年8月预警提议待确认 3 项"  # as the 预警 page heads the month, not "2024-08"
    actions.confirm_warning(acting_user=world.users["coord"], warning=TaskWarning.objects.get(task=three[1]))
    mine = [i for i in todo.items_for(world.users["eco_officer"], today) if i.section == "warnings"]
    assert [i.title.split("：")[0] for i in mine] == ["黄牌"]
    assert not [i for i in todo.items_for(world.users["qt_officer"], today) if i.section == "warnings"]


def test_overview_counts_by_schedule_and_colour(client, world, three):
    # Tasks are judged when written; pin the figures this test counts.
    Task.objects.update(schedule_state="on_schedule", warning="")
    Task.objects.filter(pk=three[0].pk).update(schedule_state="behind", warning="red")
    client.force_login(world.users["coord"])
    html = client.get(reverse("overview:overview")).content.decode()
    assert '<span data-schedule="behind">1</span>' in html and '<span data-warning="red">1</span>' in html


def test_command_proposes_once_per_month(world, three, capsys):
    call_command("warnings", "propose", "--month", "2024-08")
    call_command("warnings", "propose", "--month", "2024-08")
    out = capsys.readouterr().out
    assert "新增 3" in out and "未变 3" in out
    assert TaskWarning.objects.count() == 3


def test_api_refusals_name_their_field(world, three, month):
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    assert "month" in api.post("/api/warnings/propose/", {"month": "2024-13"}, format="json").json()
    assert "month" in api.get("/api/warnings/", {"month": "08-2024"}).json()
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[0])
    response = api.post(f"/api/warnings/{warning.pk}/override/", {"colour": "yellow"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    stale = api.post(f"/api/warnings/{warning.pk}/confirm/", HTTP_IF_MATCH='"taskwarning-%s-v9"' % warning.pk)
    assert stale.status_code == 412
    tag = api.get(f"/api/warnings/{warning.pk}/")["ETag"]  # the tag an If-Match names, from the answer itself
    assert tag == '"taskwarning-%s-v%s"' % (warning.pk, warning.version)
    assert api.post(f"/api/warnings/{warning.pk}/confirm/", HTTP_IF_MATCH=tag).status_code == 200
    response = api.post("/api/external-events/", {"task": three[0].pk, "kind": "bulletin", "level": "provincial",
                                                  "occurred_on": "2999-01-01", "source": "x"}, format="json")
    assert response.status_code == 400 and "occurred_on" in response.json()


def test_a_decided_warning_says_there_is_nothing_left_to_do(client, world, three, month):
    """On a phone each warning is a card with a 处理 line; once decided it read 处理 and then nothing."""
    actions.propose_month(acting_user=None, month=month)
    actions.confirm_warning(acting_user=world.users["coord"], warning=TaskWarning.objects.get(task=three[0]))
    client.force_login(world.users["coord"])
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    cells = re.findall(r'<td data-label="处理">(.*?)</td>', html, re.S)
    assert len(cells) == 3 and all(cell.strip() for cell in cells)


def test_confirming_from_a_page_read_before_the_proposal_changed_is_refused(client, world, three, facts, month):
    """The office reads 蓝签 on the month page; the proposal is refreshed meanwhile (the task fell behind,
    now 黄牌); the 确认 button of the old page must not confirm the 黄牌 nobody read."""
    actions.propose_month(acting_user=None, month=month)
    client.force_login(world.users["coord"])
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    warning = TaskWarning.objects.get(task=three[0])
    read = re.search(rf'warnings/{warning.pk}/confirm/".*?name="version" value="(\d+)"', html, re.S).group(1)
    facts(three[0], progress=55)
    assert actions.propose_month(acting_user=None, month=month)["updated"] == 1
    response = client.post(reverse("warnings:confirm", args=[warning.pk]), {"version": read}, follow=True)
    warning.refresh_from_db()
    assert warning.state == "proposed" and warning.proposed == "yellow"
    assert Task.objects.get(pk=three[0].pk).warning != "yellow"
    assert "预警已确认。" not in response.content.decode()


def test_a_month_centuries_off_is_refused_not_proposed(client, world, three):
    """A typo such as 0026-03 made a set of warnings for the year 26, listed as month "26-03", and the page it
    led to answered 400."""
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    for month in ("0026-03", "1999-12"):
        response = api.post("/api/warnings/propose/", {"month": month}, format="json")
        assert response.status_code == 400 and "month" in response.json(), response.content
    client.force_login(world.users["coord"])
    response = client.post(reverse("warnings:propose"), {"month": "0026-03"}, follow=True)
    assert response.status_code == 200 and "2000" in response.content.decode()
    assert not TaskWarning.objects.exists()


def test_confirm_all_blue_still_works_when_a_task_was_voided_meanwhile(client, world, three, make_task, month):
    """A task voided after the month's proposals were made: its blue proposal is no longer listed, and 确认全部蓝签
    must confirm the listed ones instead of refusing the whole month over the hidden one."""
    from ducha.ledger.actions import void_task

    extra = make_task(number="4", deadline=dt.date(2024, 12, 31))
    Task.objects.filter(pk=extra.pk).update(started_on=dt.date(2024, 1, 1), state="in_progress", progress=67)
    actions.propose_month(acting_user=None, month=month)
    assert TaskWarning.objects.filter(proposed="blue").count() == 2
    void_task(acting_user=world.users["admin"], task=Task.objects.get(pk=extra.pk), reason="重复录入")
    client.force_login(world.users["coord"])
    response = client.post(reverse("warnings:confirm_blue"), {"month": "2024-08"}, follow=True)
    assert "已确认蓝签 1 项。" in response.content.decode()
    assert TaskWarning.objects.get(task=three[0]).state == "confirmed"
    assert TaskWarning.objects.get(task=extra).state == "proposed"
    api = APIClient()
    api.force_authenticate(world.users["admin"])
    assert api.post("/api/warnings/confirm-blue/", {"month": "2024-08"}, format="json").json() == {"confirmed": 0}


def test_a_voided_tasks_warning_is_out_of_every_roles_list_and_cannot_be_decided(client, world, three, make_task,
                                                                                   month):
    """Voiding a task takes its warnings with it, for the administrator's month page too, and no one (not even
    the coordinator of its division) confirms the warning of a task that is no longer in the ledger; restoring
    the task brings it back."""
    from ducha.core.scoping import CHANGE, can
    from ducha.ledger.actions import restore_task, void_task

    extra = make_task(number="4", deadline=dt.date(2024, 12, 31))
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=extra)
    void_task(acting_user=world.users["admin"], task=Task.objects.get(pk=extra.pk), reason="重复录入")
    for role in ("admin", "coord"):
        client.force_login(world.users[role])
        html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
        assert html.count("data-warning-id=") == 3 and f'data-warning-id="{warning.pk}"' not in html, role
    assert not can(world.users["coord"], CHANGE, warning)
    response = client.post(reverse("warnings:confirm", args=[warning.pk]), {"version": warning.version})
    assert response.status_code in (403, 404)
    assert TaskWarning.objects.get(pk=warning.pk).state == "proposed"
    restore_task(acting_user=world.users["admin"], task=Task.objects.get(pk=extra.pk), reason="误作废")
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    assert f'data-warning-id="{warning.pk}"' in html


def test_confirm_all_blue_from_a_page_read_before_the_proposals_changed_is_refused(client, world, three, facts,
                                                                                   month):
    """The button says 确认全部蓝签（1）; meanwhile the proposals are refreshed and the 黄牌 task is now blue too:
    the old page's click must not confirm a 蓝签 its reader saw as 黄牌."""
    actions.propose_month(acting_user=None, month=month)
    client.force_login(world.users["coord"])
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    form = re.search(r'id="confirm-blue-form">(.*?)</form>', html, re.S).group(1)
    seen = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    assert "确认全部蓝签（1）" in form
    facts(three[1], progress=67)
    actions.propose_month(acting_user=None, month=month)
    response = client.post(reverse("warnings:confirm_blue"), seen, follow=True)
    assert "提议已更新" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("?month=2024-08")  # back on the month read, not this month
    assert not TaskWarning.objects.filter(state="confirmed").exists()
    html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
    fresh = dict(re.findall(r'name="(\w+)" value="([^"]*)"',
                            re.search(r'id="confirm-blue-form">(.*?)</form>', html, re.S).group(1)))
    response = client.post(reverse("warnings:confirm_blue"), fresh, follow=True)
    assert "已确认蓝签 2 项。" in response.content.decode()


def test_a_refused_override_from_the_page_names_the_field(client, world, three, month):
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[1])
    client.force_login(world.users["coord"])
    html = client.post(reverse("warnings:override", args=[warning.pk]),
                       {"colour": "red", "reason": "长" * 2001, "version": warning.version}, follow=True).content.decode()
    assert "理由：" in html and "2000" in html
    html = client.post(reverse("warnings:override", args=[warning.pk]),
                       {"colour": "purple", "reason": "现场核查", "version": warning.version}, follow=True).content.decode()
    assert "改定为：" in html
    warning.refresh_from_db()
    assert warning.state == "proposed"


def test_an_event_date_outside_the_official_range_is_refused_naming_the_field(client, world, three):
    """The year 0001 was recorded as the day of a bulletin."""
    from ducha.warnings.models import ExternalEvent

    message = "发生日期应在 2000-01-01 至 2100-12-31 之间。"
    client.force_login(world.users["coord"])
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    for day in ("0001-01-01", "1999-12-31"):
        response = client.post(reverse("warnings:event_create", args=[three[0].pk]),
                               {"kind": "media", "level": "national", "occurred_on": day, "source": "焦点访谈"})
        assert response.status_code == 200 and message in response.content.decode()
        response = api.post("/api/external-events/", {"task": three[0].pk, "kind": "bulletin", "level": "provincial",
                                                      "occurred_on": day, "source": "x"}, format="json")
        assert response.status_code == 400 and response.json() == {"occurred_on": [message]}
    assert not ExternalEvent.objects.exists()


def test_an_event_recorded_twice_is_kept_once(client, world, three):
    """A double click on 登记 recorded the same bulletin twice (and counted it twice in the proposals)."""
    from ducha.warnings.models import ExternalEvent

    client.force_login(world.users["coord"])
    form = {"kind": "media", "level": "national", "occurred_on": "2024-08-10", "source": "焦点访谈"}
    url = reverse("warnings:event_create", args=[three[0].pk])
    assert client.post(url, form).status_code == 302
    again = client.post(url, form, follow=True)
    assert again.redirect_chain[-1][0] == reverse("ledger:task_detail", args=[three[0].pk])
    assert "相同的外部事件刚刚已提交过，未重复记录。" in again.content.decode()
    api = APIClient()
    api.force_authenticate(world.users["coord"])
    body = {"task": three[0].pk, "source": "焦点访谈"} | {k: form[k] for k in ("kind", "level", "occurred_on")}
    response = api.post("/api/external-events/", body, format="json")
    event = ExternalEvent.objects.get()
    assert response.status_code == 409 and response.json()["id"] == event.pk


def _override_form(html, warning):
    """The override form shown again above the table for `warning` ("" when there is none)."""
    found = re.search(r'<div class="card[^"]*" id="refused-override">.*?<form method="post" action="%s".*?</form>'
                      % reverse("warnings:override", args=[warning.pk]), html, re.S)
    return found.group(0) if found else ""


def test_a_refused_override_keeps_the_reason_written_and_the_colour_chosen(client, world, three, month):
    """Another coordinator confirmed the proposal while this one wrote why it should be red: the override
    is refused (已被他人修改 / already decided), and the reason written is still in the form with red chosen,
    instead of an empty form to write it all again."""
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[1])
    read_version = warning.version
    client.force_login(world.users["coord"])
    reason = "群众多次反映该项目整改进度滞后，且上月督办后仍未见实质进展。"
    TaskWarning.objects.filter(pk=warning.pk).update(version=read_version + 1)  # changed meanwhile
    refused = client.post(reverse("warnings:override", args=[warning.pk]),
                          {"colour": "red", "reason": reason, "version": read_version})
    html = refused.content.decode()
    assert refused.status_code == 400 and "已被他人修改" in html
    form = _override_form(html, warning)
    assert re.search(rf'<textarea name="reason"[^>]*>\s*{reason}</textarea>', form)
    assert '<option value="red" selected>' in form
    assert f'name="version" value="{read_version + 1}"' in form  # sent again, it applies to the warning as it is
    warning.refresh_from_db()
    assert warning.state == "proposed" and warning.override_reason == ""


def test_an_override_refused_for_its_colour_keeps_the_reason_written(client, world, three, month):
    """The colour chosen is the one proposed: refused, naming the field, with the reason still written."""
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[1])
    client.force_login(world.users["coord"])
    refused = client.post(reverse("warnings:override", args=[warning.pk]),
                          {"colour": warning.proposed, "reason": "现场核查发现已整改到位。", "version": warning.version})
    html = refused.content.decode()
    assert refused.status_code == 400 and "改定的颜色与系统提议相同" in html
    assert re.search(r'<textarea name="reason"[^>]*>\s*现场核查发现已整改到位。</textarea>', _override_form(html, warning))


def test_confirm_or_override_without_the_version_is_refused(client, world, three, month):
    """A decision posted with no version (a hand-made post) might confirm a proposal changed since; refused,
    the warning stays undecided."""
    actions.propose_month(acting_user=None, month=month)
    warning = TaskWarning.objects.get(task=three[1])
    client.force_login(world.users["coord"])
    page = client.post(reverse("warnings:confirm", args=[warning.pk]), {}, follow=True).content.decode()
    assert "版本信息无效" in page
    page = client.post(reverse("warnings:override", args=[warning.pk]), {"colour": "red", "reason": "群众反映强烈"},
                       follow=True).content.decode()
    assert "版本信息无效" in page
    warning.refresh_from_db()
    assert not warning.is_decided
