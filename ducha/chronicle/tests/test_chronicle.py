"""The chronicle (大事记): a task's and a plan's dated timeline from the audit log, progress reports,
supervision and the office's own entries; the task panel, the printable page, the Word export, scoping."""

import datetime as dt
import io
from urllib.parse import unquote

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ducha.chronicle import actions, sources
from ducha.chronicle.exporting import export_docx
from ducha.chronicle.models import ChronicleEntry
from ducha.ledger import actions as ledger
from ducha.progress.models import ProgressReport
from ducha.supervision import actions as supervision


@pytest.fixture
def task(world, make_task):
    return make_task(units=("ld_gov",), division="ld", number="L1", target="莲都区餐饮油烟整治")


def _titles(events):
    return [e.title for e in events]


def test_the_timeline_gathers_every_source(world, task):
    coord = world.users["coord"]
    ledger.update_task(acting_user=coord, task=task, deadline=dt.date(2023, 6, 30))
    ledger.update_task(acting_user=coord, task=task, progress_note="进展顺利")  # not a clarity: no event
    ledger.transition_task(acting_user=coord, task=task, name="start")
    ProgressReport.objects.create(task=task, unit=world.units["ld_gov"], reported_on=dt.date(2021, 11, 5),
                                  done="完成 30 家餐饮店油烟净化设施安装", percent=30,
                                  author=world.users["ld_officer"])
    record = supervision.create_supervision(acting_user=coord, kind="letter", unit=world.units["ld_gov"],
                                            tasks=[task], required="请加快进度")
    hidden_draft = record.pk
    record = supervision.issue(acting_user=coord, record=record)
    supervision.reply(acting_user=world.users["ld_officer"], record=record, text="已加快进度")
    actions.add_entry(acting_user=coord, subject=task, date=dt.date(2021, 10, 1), title="市领导现场督导",
                      text="实地查看整治情况")
    events = sources.timeline(task, coord)
    titles = _titles(events)
    assert titles[:2] == ["市领导现场督导", "莲都区人民政府报送进展（30%）"]
    assert "新建整改任务" in titles and "调整整改时限" in titles and "开始整改" in titles
    assert f"专函督办 {record.number}（莲都区人民政府）" in titles
    assert "莲都区人民政府回复专函督办" in titles
    assert len([t for t in titles if t.startswith("调整")]) == 1
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert hidden_draft == record.pk  # the draft became this record; drafts themselves are no event


def test_a_draft_is_not_an_event_and_other_sources_can_be_registered(world, task):
    supervision.create_supervision(acting_user=world.users["coord"], kind="order", unit=world.units["ld_gov"],
                                   tasks=[task], required="草稿")
    assert not [e for e in sources.timeline(task, world.users["coord"]) if e.kind == "supervision"]

    def warnings(subject, user):
        yield sources.Event(date=dt.date(2022, 1, 3), title="黄色预警", kind="warning")

    sources.register(warnings, name="test.warnings")
    try:
        assert "黄色预警" in _titles(sources.timeline(task, world.users["coord"]))
    finally:
        sources._SOURCES.pop("test.warnings")


def test_a_plan_timeline_has_its_own_events_its_tasks_sign_offs_and_entries(world, task, make_task):
    coord = world.users["coord"]
    other = make_task(units=("qt_gov",), division="qt", number="Q1")
    from ducha.signoff import actions as signoff
    from ducha.signoff.tests.helpers import to_notice_over

    for one, officer in ((task, "ld_officer"), (other, "qt_officer")):
        one = ledger.transition_task(acting_user=coord, task=one, name="claim")
        to_notice_over(one, world.users[officer], coord, coord)
        signoff.sign_off(acting_user=coord, task=one)
    actions.add_entry(acting_user=coord, subject=world.plan, date=dt.date(2021, 9, 30), title="方案印发")
    titles = _titles(sources.timeline(world.plan, coord))
    assert "方案印发" in titles and "任务 L1：验收销号" in titles and "任务 Q1：验收销号" in titles
    # A 莲都区 leader sees the plan, but only the sign-offs of tasks in their reach.
    titles = _titles(sources.timeline(world.plan, world.users["ld_leader"]))
    assert "任务 L1：验收销号" in titles and "任务 Q1：验收销号" not in titles


def test_only_the_office_writes_entries_and_they_are_withdrawn_not_edited(world, task):
    for user in ("ld_officer", "supervisor", "ld_leader"):
        with pytest.raises(PermissionDenied):
            actions.add_entry(acting_user=world.users[user], subject=task, date=dt.date(2022, 1, 1), title="x")
    with pytest.raises(PermissionDenied):
        actions.add_entry(acting_user=world.users["wz_coord"], subject=task, date=dt.date(2022, 1, 1), title="x")
    for bad, field in [({"title": ""}, "title"), ({"title": "x" * 201}, "title"),
                       ({"date": timezone.localdate() + dt.timedelta(days=1)}, "date"), ({"text": "x" * 10_001}, "text")]:
        fields = {"date": dt.date(2022, 1, 1), "title": "召开推进会", **bad}
        with pytest.raises(ValidationError) as error:
            actions.add_entry(acting_user=world.users["coord"], subject=task, **fields)
        assert field in error.value.message_dict
    entry = actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 1, 1),
                              title="召开推进会")
    with pytest.raises(ValidationError):
        actions.withdraw_entry(acting_user=world.users["coord"], entry=entry, reason="")
    actions.withdraw_entry(acting_user=world.users["coord"], entry=entry, reason="日期记错")
    assert "召开推进会" not in _titles(sources.timeline(task, world.users["coord"]))
    assert ChronicleEntry.objects.get().withdraw_reason == "日期记错"


def test_the_task_panel_shows_the_latest_ten_and_a_link_to_all(client, world, task):
    for day in range(1, 13):
        actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 3, day),
                          title=f"第{day}次调度")
    client.force_login(world.users["ld_officer"])
    html = client.get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    panel = html.split('id="chronicle-panel"', 1)[1].split("</ul>", 1)[0]
    assert panel.count("<li") == 10 and "第12次调度" in panel and "第2次调度" not in panel
    assert "第12次调度" in panel.split("第11次调度")[0]  # newest first
    assert reverse("chronicle:page", args=["task", task.pk]) in html


def test_the_full_page_groups_by_month_and_prints(client, world, task):
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 3, 5), title="现场督导")
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 4, 8), title="召开推进会")
    client.force_login(world.users["coord"])
    html = client.get(reverse("chronicle:page", args=["task", task.pk])).content.decode()
    assert "整改工作大事记" in html and "chronicle/print.css" in html
    assert f'id="chronicle-back">任务 {task.display_number}</a>' in html  # says what the way back leads to
    assert html.index("2022年3月") < html.index("3月5日") < html.index("2022年4月") < html.index("4月8日")
    assert 'id="chronicle-add"' in html
    client.force_login(world.users["ld_officer"])
    assert 'id="chronicle-add"' not in client.get(reverse("chronicle:page", args=["task", task.pk])).content.decode()
    response = client.post(reverse("chronicle:add", args=["task", task.pk]), {"date": "2022-05-01", "title": "x"})
    assert response.status_code == 403


def test_the_office_adds_an_entry_from_the_page(client, world, task):
    client.force_login(world.users["coord"])
    response = client.post(reverse("chronicle:add", args=["plan", world.plan.pk]),
                           {"date": "2021-09-30", "title": "方案印发", "text": "市委市政府印发整改方案"}, follow=True)
    assert "方案印发" in response.content.decode()
    entry = ChronicleEntry.objects.get()
    assert entry.plan == world.plan and entry.author == world.users["coord"]


def test_the_word_export_is_the_offices_form(client, world, task):
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 3, 5), title="现场督导",
                      text="查看 12 家餐饮店")
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 4, 8), title="召开推进会")
    client.force_login(world.users["coord"])
    response = client.get(reverse("chronicle:docx", args=["task", task.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    # saved under a Chinese name a user recognises in the downloads folder, not chronicle-task-7.docx
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == f"整改工作大事记-{task.display_number}.docx"
    lines = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert lines[0] == f"{task.display_number} {task.title}整改工作大事记"
    march, april = lines.index("2022年3月"), lines.index("2022年4月")
    assert lines[march + 1] == "3月5日　现场督导。查看 12 家餐饮店"
    assert lines[april + 1] == "4月8日　召开推进会" and march < april
    empty = docx.Document(io.BytesIO(export_docx(world.plan, [])))
    assert empty.paragraphs[0].text.endswith("整改工作大事记")


def test_scoped_like_the_task_and_the_plan(client, world, task, api_client):
    client.force_login(world.users["wz_coord"])
    for name in ("chronicle:page", "chronicle:docx"):
        assert client.get(reverse(name, args=["task", task.pk])).status_code == 404
        assert client.get(reverse(name, args=["plan", world.plan.pk])).status_code == 404
    assert client.get(reverse("chronicle:page", args=["nope", task.pk])).status_code == 404
    client.force_login(world.users["qt_officer"])
    assert client.get(reverse("chronicle:page", args=["task", task.pk])).status_code == 404
    api_client.force_authenticate(world.users["wz_coord"])
    assert api_client.get(f"/api/chronicle/tasks/{task.pk}/").status_code == 404


def test_the_api_reads_the_timeline_and_the_office_adds_entries(world, task, api_client):
    api_client.force_authenticate(world.users["coord"])
    response = api_client.post(f"/api/chronicle/tasks/{task.pk}/", {"date": "2022-01-05", "title": "召开推进会"},
                               format="json")
    assert response.status_code == 201
    bad = api_client.post(f"/api/chronicle/tasks/{task.pk}/", {"date": "soon", "title": ""}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"date", "title"}
    events = api_client.get(f"/api/chronicle/tasks/{task.pk}/").json()
    assert {"date": "2022-01-05", "title": "召开推进会", "detail": "", "kind": "manual", "url": ""} in events
    api_client.force_authenticate(world.users["ld_officer"])
    assert api_client.post(f"/api/chronicle/tasks/{task.pk}/", {"date": "2022-01-05", "title": "x"},
                           format="json").status_code == 403
    api_client.force_authenticate(world.users["coord"])
    assert api_client.post(f"/api/chronicle/plans/{world.plan.pk}/", {"date": "2021-09-30", "title": "方案印发"},
                           format="json").status_code == 201
    assert api_client.get(f"/api/chronicle/plans/{world.plan.pk}/").json()[0]["date"] == "2021-09-30"


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def test_the_plan_page_has_the_chronicle_panel(client, world, task):
    actions.add_entry(acting_user=world.users["coord"], subject=world.plan, date=dt.date(2021, 9, 30),
                      title="方案印发")
    client.force_login(world.users["coord"])
    html = client.get(reverse("ledger:plan_detail", args=[world.plan.pk])).content.decode()
    assert 'id="chronicle-panel"' in html and "方案印发" in html
    assert reverse("chronicle:page", args=["plan", world.plan.pk]) in html


def test_the_word_export_drops_characters_xml_cannot_hold_instead_of_failing(client, world, task):
    # Typed or pasted text may carry control characters (an escape from a terminal, a bell, Word's vertical
    # tab); Word's XML cannot hold them, and one such entry made the export a 500 for everyone.
    actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 3, 5),
                      title="现场\x1b[31m督导\x07", text="查看\x0b 12 家\x01餐饮店")
    client.force_login(world.users["coord"])
    response = client.get(reverse("chronicle:docx", args=["task", task.pk]))
    assert response.status_code == 200
    lines = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert "3月5日　现场[31m督导。查看 12 家餐饮店" in lines


def test_a_refused_entry_or_withdrawal_names_what_is_wrong(client, world, task):
    """A too-long 内容 was answered "请填写日期和事项" though both were filled; a bad date likewise."""
    client.force_login(world.users["coord"])
    url = reverse("chronicle:add", args=["task", task.pk])
    html = client.post(url, {"date": "2022-01-05", "title": "现场核查", "text": "长" * 10_001},
                       follow=True).content.decode()
    assert "内容：" in html and "10000" in html and "请填写日期和事项" not in html
    html = client.post(url, {"date": "2022-02-30", "title": "现场核查"}, follow=True).content.decode()
    assert "日期：" in html and "请填写日期和事项" not in html
    entry = actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 1, 1), title="旧条目")
    html = client.post(reverse("chronicle:withdraw", args=[entry.pk]), {"reason": "错" * 2001},
                       follow=True).content.decode()
    assert "撤回理由：" in html and "2000" in html
    assert not ChronicleEntry.objects.exclude(pk=entry.pk).exists()
    entry.refresh_from_db()
    assert entry.withdrawn_at is None


def test_an_entry_refused_for_a_future_date_keeps_what_was_written(client, world, task):
    """The office dates an entry tomorrow: the refusal is shown with the title and text still in the form
    (not a redirect to an empty form), and nothing is written."""
    client.force_login(world.users["coord"])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    text = "市整改办赴现场核查雨污分流改造进度，发现两处管网未接通，要求月底前整改到位。"
    response = client.post(reverse("chronicle:add", args=["task", task.pk]),
                           {"date": tomorrow.isoformat(), "title": "现场核查", "text": text})
    page = response.content.decode()
    assert response.status_code == 400 and "未来的日期" in page and text in page and 'value="现场核查"' in page
    assert not ChronicleEntry.objects.exists()


OUT_OF_RANGE = "日期应在 2000-01-01 至 2100-12-31 之间。"


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
def test_a_date_outside_the_official_range_is_refused_on_the_page_and_the_api(client, world, task, api_client, day):
    """The year 0001 (or 9999) was written as a chronicle date."""
    client.force_login(world.users["coord"])
    html = client.post(reverse("chronicle:add", args=["task", task.pk]), {"date": day, "title": "现场核查"},
                       follow=True).content.decode()
    assert OUT_OF_RANGE in html
    api_client.force_authenticate(world.users["coord"])
    answer = api_client.post(f"/api/chronicle/plans/{world.plan.pk}/", {"date": day, "title": "方案印发"},
                             format="json")
    assert answer.status_code == 400 and answer.json() == {"date": [OUT_OF_RANGE]}
    with pytest.raises(ValidationError) as refused:
        actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date.fromisoformat(day),
                          title="现场核查")
    assert refused.value.message_dict == {"date": [OUT_OF_RANGE]}
    assert not ChronicleEntry.objects.exists()


def test_the_first_and_last_official_days_are_taken(world, task):
    entry = actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2000, 1, 1), title="起")
    assert entry.date == dt.date(2000, 1, 1)


def test_the_same_entry_posted_twice_is_written_once(client, world, task):
    """A double click (or the browser resubmitting) wrote two identical entries."""
    client.force_login(world.users["coord"])
    url = reverse("chronicle:add", args=["task", task.pk])
    form = {"date": "2022-01-05", "title": "现场核查", "text": "查看 3 家企业"}
    first = client.post(url, form)
    assert first.status_code == 302
    again = client.post(url, form)
    entry = ChronicleEntry.objects.get()
    page = reverse("chronicle:page", args=["task", task.pk])
    assert again.status_code == 302 and again["Location"] == f"{page}#entry-{entry.pk}"
    html = client.get(again["Location"]).content.decode()
    assert "相同的大事记刚刚已提交过，未重复记录。" in html and f'id="entry-{entry.pk}"' in html
    # Something else, or the same once the first is withdrawn, is a new entry.
    client.post(url, form | {"text": "查看 4 家企业"})
    assert ChronicleEntry.objects.count() == 2
    actions.withdraw_entry(acting_user=world.users["coord"], entry=entry, reason="重复")
    client.post(url, form)
    assert ChronicleEntry.objects.filter(withdrawn_at__isnull=True).count() == 2


def test_the_api_answers_a_repeated_entry_with_409_and_the_first_id(world, task, api_client):
    api_client.force_authenticate(world.users["coord"])
    body = {"date": "2022-01-05", "title": "召开推进会"}
    first = api_client.post(f"/api/chronicle/tasks/{task.pk}/", body, format="json")
    assert first.status_code == 201
    again = api_client.post(f"/api/chronicle/tasks/{task.pk}/", body, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "相同的大事记刚刚已提交过，未重复记录。", "id": first.json()["id"]}
    assert ChronicleEntry.objects.count() == 1


def test_the_same_entry_later_than_the_window_is_a_new_entry(world, task):
    coord = world.users["coord"]
    first = actions.add_entry(acting_user=coord, subject=task, date=dt.date(2022, 1, 5), title="周例会")
    ChronicleEntry.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    actions.add_entry(acting_user=coord, subject=task, date=dt.date(2022, 1, 5), title="周例会")
    assert ChronicleEntry.objects.count() == 2
