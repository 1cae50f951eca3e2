"""The task page's 各单位进展 panel, the report form, and the reports API."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ducha.ledger.models import Task
from ducha.progress.models import ProgressReport

from .conftest import jpeg_bytes, upload


def _page(client, user, task):
    client.force_login(user)
    response = client.get(reverse("ledger:task_detail", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_panel_shows_each_units_latest_report_the_rule_and_the_history(client, world, shared_task, report):
    old = report(shared_task, "eco_officer", percent=60, done="市局误报", reported_on=timezone.localdate() - dt.timedelta(days=1),
                 files=[upload("现场.jpg", jpeg_bytes())], captions=["整治后现场"])
    report(shared_task, "eco_officer", percent=55, done="市局更正为55%", corrects=old, correction_reason="误报")
    report(shared_task, "qt_officer", percent=40, done="青田县完成40%", problems="资金未到位", next_steps="6月底前完成")
    html = _page(client, world.users["ld_officer"], shared_task)
    panel = html[html.index('id="progress-reports"'):]
    assert "总体进度取牵头单位最新报告的进度：55%" in panel
    units = re.findall(r'data-unit="(\d+)"', panel)
    assert units == [str(world.units[k].pk) for k in ("eco", "ld_gov", "qt_gov")]
    cards = panel[:panel.index('id="report-history"')]
    assert "市局更正为55%" in cards and "市局误报" not in cards and "青田县完成40%" in cards and "尚未报告" in cards
    history = panel[panel.index('id="report-history"'):]
    assert history.index("青田县完成40%") < history.index("市局更正为55%") < history.index("市局误报")
    assert "更正原因：误报" in history and "更正 " in history
    # The evidence: a thumbnail through the scoped view, the EXIF time and place, the caption.
    assert "整治后现场" in panel and "evidence-thumb" in panel and "2024-05-01 09:30" in panel
    assert "28.460000" in panel
    # ld_officer (a co-unit) may file for its own unit.
    assert 'id="file-report-button"' in panel and 'id="edit-button"' not in html


def test_supervisors_and_leaders_see_reports_but_no_file_button(client, world, shared_task, report):
    report(shared_task, "eco_officer", done="市局进展")
    for user in ("supervisor", "coord"):
        html = _page(client, world.users[user], shared_task)
        assert "市局进展" in html
        assert ('id="file-report-button"' in html) == (user == "coord")


def test_the_office_sees_the_same_file_on_other_tasks_within_its_scope(client, world, make_task, report):
    photo = jpeg_bytes(colour=(1, 2, 3))
    first = make_task(units=("eco",), number="A1")
    second = make_task(units=("eco",), number="A2")
    report(first, files=[upload("a.jpg", photo)])
    report(second, files=[upload("b.jpg", photo)])
    html = _page(client, world.users["coord"], first)
    assert "同一文件还出现在任务" in html and f'href="/tasks/{second.pk}/"' in html
    assert "同一文件还出现在任务" not in _page(client, world.users["eco_officer"], first)


def test_a_county_sub_task_rolls_up_to_the_city_task(client, world, make_task, report):
    from ducha.ledger.models import Plan

    county_plan = Plan.objects.create(code="LD-2021", title="莲都区整改方案", division=world.div["ld"],
                                      inspection=world.inspection, issued_on=dt.date(2021, 10, 8))
    city = make_task(units=("eco",), number="9")
    sub = make_task(units=("ld_gov",), division="ld", number="8", parent=city, plan=county_plan)
    report(sub, "ld_officer", percent=70, done="莲都区完成70%")
    html = _page(client, world.users["coord"], city)
    rollup = html[html.index('id="child-reports"'):]
    assert "莲都区完成70%" in rollup and "LD-2021 · 8" in rollup
    assert Task.objects.get(pk=city.pk).progress == 0  # the city task's own figure is its lead unit's


def test_the_report_form_suits_a_phone_and_files_a_report(client, world, shared_task):
    client.force_login(world.users["qt_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    response = client.get(url)
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and 'capture="environment"' in html
    assert re.search(r'<input type="file" name="files"[^>]*multiple', html) and 'accept="image/*' in html
    assert list(response.context["form"].fields["unit"].choices) == [(world.units["qt_gov"].pk, "青田县人民政府")]
    response = client.post(url, {
        "unit": world.units["qt_gov"].pk, "reported_on": timezone.localdate().isoformat(), "percent": "30",
        "done": "完成排查", "photos": [upload("p.jpg", jpeg_bytes())], "files": [upload("r.pdf", b"%PDF-1.4 x")],
        "captions": "现场照片\n验收报告"})
    assert response.status_code == 302 and response["Location"].endswith("#progress-reports")
    filed = ProgressReport.objects.get()
    assert [(e.caption, e.file.kind) for e in filed.evidence.all()] == [("现场照片", "image"), ("验收报告", "pdf")]


def test_the_report_form_shows_refusals_on_their_fields(client, world, shared_task):
    client.force_login(world.users["qt_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    response = client.post(url, {"unit": world.units["qt_gov"].pk, "reported_on": timezone.localdate().isoformat(),
                                 "percent": "30", "done": "x", "files": [upload("evil.jpg", b"MZ" + b"\0" * 100)]})
    assert response.status_code == 200 and "可执行程序" in response.content.decode()
    assert not ProgressReport.objects.exists()


def test_a_correction_sent_from_a_second_tab_after_the_first_is_refused_with_the_reason(client, world, shared_task,
                                                                                     report):
    """Two tabs correcting the same report: the second is told the report was corrected meanwhile (not that
    the choice is "不在可用的选项中"), and nothing more is written."""
    wrong = report(shared_task, user="qt_officer", percent=80)
    client.force_login(world.users["qt_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    assert f'<option value="{wrong.pk}"' in client.get(url).content.decode()
    data = {"unit": world.units["qt_gov"].pk, "reported_on": timezone.localdate().isoformat(), "corrects": wrong.pk}
    first = client.post(url, data | {"percent": "30", "done": "更正：实际完成三成", "correction_reason": "进度填错"})
    assert first.status_code == 302
    second = client.post(url, data | {"percent": "35", "done": "更正：另一标签页", "correction_reason": "填错了"})
    page = second.content.decode()
    assert second.status_code == 200 and "该报告已被更正过，请更正最新的那份。" in page and "不在可用的选项中" not in page
    assert ProgressReport.objects.filter(corrects=wrong).count() == 1


def test_a_stage_reported_done_from_a_second_tab_is_refused_with_who_did_it(client, world, make_task):
    """Two tabs reporting the same stage done: the second is told who reported it and when (not that the choice
    is "不在可用的选项中"), and no second report is filed."""
    task = make_task(units=("eco",), stages=[("管网修复", dt.date(2030, 6, 30))], category="staged")
    stage = task.stages.get()
    client.force_login(world.users["eco_officer"])
    url = reverse("progress:report_new", args=[task.pk])
    assert f'<option value="{stage.pk}"' in client.get(url).content.decode()
    data = {"unit": world.units["eco"].pk, "reported_on": timezone.localdate().isoformat(), "stage_done": stage.pk}
    assert client.post(url, data | {"percent": "50", "done": "管网修复完成"}).status_code == 302
    second = client.post(url, data | {"percent": "55", "done": "另一标签页：管网修复完成"})
    page = second.content.decode()
    assert second.status_code == 200 and "不在可用的选项中" not in page
    assert "阶段“管网修复”已由丽水市生态环境局 eco_officer 于" in page and "请刷新后再填报" in page
    assert ProgressReport.objects.filter(task=task).count() == 1
    # The API answers the same.
    api = APIClient()
    api.force_authenticate(world.users["eco_officer"])
    response = api.post("/api/reports/", {"task": task.pk, "reported_on": timezone.localdate().isoformat(),
                                          "percent": 60, "done": "API 再报", "stage_done": stage.pk}, format="json")
    assert response.status_code == 400 and "已由丽水市生态环境局" in response.json()["stage_done"][0]
    assert ProgressReport.objects.filter(task=task).count() == 1


def test_a_file_above_the_general_upload_cap_but_within_the_evidence_cap_is_taken(client, world, shared_task,
                                                                                  settings):
    settings.DUCHA_MAX_UPLOAD_MB = 1  # the cap of other uploads (ledger imports)
    settings.DUCHA_EVIDENCE_MAX_BYTES = 3 * 1024 * 1024
    client.force_login(world.users["eco_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    data = {"unit": world.units["eco"].pk, "reported_on": timezone.localdate().isoformat(), "percent": "30",
            "done": "完成"}
    big = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024)
    assert client.post(url, {**data, "files": [upload("big.pdf", big)]}).status_code == 302
    bigger = b"%PDF-1.4\n" + b"0" * (4 * 1024 * 1024)
    response = client.post(url, {**data, "files": [upload("bigger.pdf", bigger)]})
    assert response.status_code == 200 and "超过上限 3 MB" in response.content.decode()
    assert ProgressReport.objects.count() == 1


def test_the_api_files_a_report_with_evidence_and_names_bad_fields(api, world, shared_task):
    client = api("eco_officer")
    response = client.post("/api/reports/", {
        "task": shared_task.pk, "reported_on": timezone.localdate().isoformat(), "percent": 45, "done": "进展",
        "files": [upload("a.jpg", jpeg_bytes()), upload("b.pdf", b"%PDF-1.4 y")], "captions": ["照片", ""]},
        format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [e["name"] for e in body["evidence"]] == ["a.jpg", "b.pdf"] and body["evidence"][0]["taken_at"]
    download = client.get(body["evidence"][1]["download"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff" and download["Content-Disposition"].startswith("inline")
    assert client.get(f"/api/tasks/{shared_task.pk}/").json()["progress"] == 45
    for bad, field in [({"percent": 120}, "percent"), ({"percent": "abc"}, "percent"), ({"done": ""}, "done"),
                       ({"reported_on": "2030-01-01"}, "reported_on"), ({"stage_done": 99999}, "stage_done"),
                       ({"corrects": 99999, "correction_reason": "x"}, "corrects"), ({"task": "x"}, "task")]:
        payload = {"task": shared_task.pk, "reported_on": timezone.localdate().isoformat(), "percent": 5,
                   "done": "x", **bad}
        response = client.post("/api/reports/", payload, format="json")
        assert response.status_code == 400 and field in response.json(), (bad, response.content)
    response = client.post("/api/reports/", {"task": shared_task.pk, "reported_on": timezone.localdate().isoformat(),
                                             "percent": 5, "done": "x", "files": [upload("e.jpg", b"<html>")]},
                           format="multipart")
    assert response.status_code == 400 and "files" in response.json()
    assert ProgressReport.objects.count() == 1


def test_the_api_lists_reports_with_bounded_filters(api, world, shared_task, report):
    report(shared_task, "eco_officer", reported_on=timezone.localdate() - dt.timedelta(days=10))
    report(shared_task, "qt_officer")
    client = api("coord")
    assert client.get(f"/api/reports/?task={shared_task.pk}").json()["count"] == 2
    assert client.get(f"/api/reports/?unit={world.units['qt_gov'].pk}").json()["count"] == 1
    after = (timezone.localdate() - dt.timedelta(days=5)).isoformat()
    assert client.get(f"/api/reports/?reported_after={after}").json()["count"] == 1
    for bad in ("task=abc", "unit=99999999999999999999", "reported_after=yesterday", "page_size=100000"):
        response = client.get(f"/api/reports/?{bad}")
        assert response.status_code == 400 and bad.split("=")[0] in response.json()
    assert client.put(f"/api/reports/{ProgressReport.objects.first().pk}/", {}).status_code == 405
    assert client.delete(f"/api/reports/{ProgressReport.objects.first().pk}/").status_code == 405


@pytest.mark.parametrize("user", ["qt_officer", "wz_coord"])
def test_evidence_of_a_task_out_of_reach_is_a_404_even_with_the_right_ids(client, world, make_task, report, user):
    task = make_task(units=("ld_gov",), division="ld")
    filed = report(task, "ld_officer", files=[upload("p.jpg", jpeg_bytes())])
    stored = filed.evidence.get().file
    client.force_login(world.users[user])
    assert client.get(reverse("progress:evidence", args=[filed.pk, stored.pk])).status_code == 404
    assert client.get(reverse("progress:evidence_thumbnail", args=[filed.pk, stored.pk])).status_code == 404
    # Nor through a visible report that the file is not attached to.
    own = make_task(units=("qt_gov",), division="qt")
    mine = report(own, "qt_officer")
    client.force_login(world.users["qt_officer"])
    assert client.get(reverse("progress:evidence", args=[mine.pk, stored.pk])).status_code == 404


def test_a_voided_tasks_reports_and_evidence_stay_readable_on_its_page(client, world, make_task, report):
    from ducha.ledger import actions as ledger_actions

    task = make_task(units=("eco",))
    filed = report(task, done="作废前的进展", files=[upload("p.jpg", jpeg_bytes())])
    ledger_actions.void_task(acting_user=world.users["coord"], task=task, reason="重复录入")
    html = _page(client, world.users["coord"], task)
    assert "作废前的进展" in html and 'id="file-report-button"' not in html
    stored = filed.evidence.get().file
    assert client.get(reverse("progress:evidence_thumbnail", args=[filed.pk, stored.pk])).status_code == 200


def test_invisible_characters_do_not_reach_a_report(api, world, shared_task):
    """A right-to-left override typed into 本期完成情况 displayed "整改已完成" as "成完已改整" on every page that
    shows it; zero-width and control characters hid inside words. A text of them alone is no text."""
    client = api("eco_officer")
    base = {"task": shared_task.pk, "reported_on": timezone.localdate().isoformat(), "percent": 50}
    response = client.post("/api/reports/", {**base, "done": "\u202e整改已完成\u200b\r\n第二项\x07",
                                             "problems": "\u2066资金\u2069"}, format="json")
    assert response.status_code == 201, response.content
    filed = ProgressReport.objects.get()
    assert (filed.done, filed.problems) == ("整改已完成\n第二项", "资金")
    response = client.post("/api/reports/", {**base, "done": "\u202e\u200b\u2066 "}, format="json")
    assert response.status_code == 400 and "done" in response.json()
    assert ProgressReport.objects.count() == 1


def test_report_dates_outside_the_official_range_are_refused_naming_the_field(client, api, world, shared_task):
    """A report dated 0001-01-01 (a period from the year 1) was filed."""
    client.force_login(world.users["eco_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    data = {"unit": world.units["eco"].pk, "reported_on": timezone.localdate().isoformat(), "percent": "30",
            "done": "完成"}
    response = client.post(url, {**data, "reported_on": "0001-01-01"})
    assert response.context["form"].errors["reported_on"] == ["报告日期应在 2000-01-01 至 2100-12-31 之间。"]
    response = client.post(url, {**data, "period_start": "1999-12-31"})
    assert response.context["form"].errors["period_start"] == ["报告期起应在 2000-01-01 至 2100-12-31 之间。"]
    answer = api("eco_officer").post("/api/reports/", {"task": shared_task.pk, "percent": 5, "done": "x",
                                                       "reported_on": "0001-01-01", "period_end": "9999-12-31"},
                                     format="json")
    assert answer.status_code == 400 and answer.json() == {
        "reported_on": ["报告日期应在 2000-01-01 至 2100-12-31 之间。"],
        "period_end": ["报告期止应在 2000-01-01 至 2100-12-31 之间。"]}
    assert not ProgressReport.objects.exists()


def test_a_report_submitted_twice_is_filed_once(client, api, world, shared_task):
    client.force_login(world.users["eco_officer"])
    url = reverse("progress:report_new", args=[shared_task.pk])
    data = {"unit": world.units["eco"].pk, "reported_on": timezone.localdate().isoformat(), "percent": "30",
            "done": "完成管网修复"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data, follow=True)
    assert "相同的进展报告刚刚已提交过，未重复记录。" in again.content.decode()
    report = ProgressReport.objects.get()
    answer = api("eco_officer").post("/api/reports/", {"task": shared_task.pk, **data, "percent": 30},
                                     format="json")
    assert answer.status_code == 409 and answer.json()["id"] == report.pk
    # The same words with a photo added are a new report.
    assert client.post(url, {**data, "files": [upload("现场.jpg", jpeg_bytes())]}).status_code == 302
    assert ProgressReport.objects.count() == 2
