"""Supervision pages and API as users meet them: the list and its filters, the record page, replies with
files, downloads through scoping, the task page panel, the letter as a Word document."""

import datetime as dt
import io
from urllib.parse import unquote

import docx
import pytest
from django.urls import reverse

from ducha.supervision import actions
from ducha.supervision.models import Kind, State, Supervision


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _ids(html):
    import re

    return {int(i) for i in re.findall(r'data-supervision-id="(\d+)"', html)}


def test_the_list_filters_by_kind_state_unit_and_overdue(client, world, letter, flag):
    late = letter("ld", state="issued", reply_by=dt.date(2020, 1, 1))
    draft = letter("qt")
    raised = flag("qt")
    client.force_login(world.users["coord"])
    url = reverse("supervision:list")
    assert _ids(client.get(url).content.decode()) == {late.pk, draft.pk, raised.pk}
    assert _ids(client.get(url, {"kind": "flag"}).content.decode()) == {raised.pk}
    assert _ids(client.get(url, {"state": "draft"}).content.decode()) == {draft.pk}
    assert _ids(client.get(url, {"unit": world.units["qt_gov"].pk}).content.decode()) == {draft.pk, raised.pk}
    assert _ids(client.get(url, {"overdue": "true"}).content.decode()) == {late.pk}
    html = client.get(url, {"state": "nonsense"}).content.decode()
    assert 'id="filter-errors"' in html and not _ids(html)


def test_an_officer_lists_only_their_units_records(client, world, letter):
    mine, other = letter("ld", state="issued"), letter("qt", state="issued")
    client.force_login(world.users["ld_officer"])
    assert _ids(client.get(reverse("supervision:list")).content.decode()) == {mine.pk}
    assert client.get(reverse("supervision:detail", args=[other.pk])).status_code == 404


def test_the_office_drafts_issues_and_downloads_the_letter(client, world, tasks):
    client.force_login(world.users["coord"])
    response = client.post(reverse("supervision:create"), {
        "kind": "letter", "unit": world.units["ld_gov"].pk, "task_ids": f"{tasks['ld'].pk}",
        "required": "请于三十日内完成整改", "reason": "连续两次黄色预警", "reply_by": "2030-02-01"})
    record = Supervision.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/supervision/{record.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert 'id="issue-button"' in html and 'id="letter-download"' not in html
    client.post(reverse("supervision:transition", args=[record.pk, "issue"]), {"version": record.version})
    record.refresh_from_db()
    assert record.state == State.ISSUED and record.number
    response = client.get(reverse("supervision:letter", args=[record.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == f"督办函-{record.number}.docx"
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert record.number in text and "丽水市人民政府" not in text
    assert "莲都区人民政府：" in text and "请于三十日内完成整改" in text and "2030年2月1日" in text
    assert "丽水市生态环境保护督察整改工作领导小组办公室" in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[0] == ["序号", "编号", "整改任务", "整改时限"]
    assert rows[1][:2] == ["1", tasks["ld"].display_number] and rows[1][3] == "2022年12月31日"
    assert "{{" not in text


def test_a_letter_without_a_reason_has_no_empty_paragraph_where_the_reason_goes(client, world, tasks):
    from ducha.supervision.letters import render_letter

    record = actions.create_supervision(acting_user=world.users["coord"], kind="order", unit=world.units["ld_gov"],
                                        tasks=[tasks["ld"]], required="请加快雨污分流改造。", reason="")
    document = docx.Document(io.BytesIO(render_letter(record)))
    lines = [p.text for p in document.paragraphs]
    after = lines[lines.index("莲都区人民政府：") + 1]
    assert after.strip(" \u3000"), lines  # the next line has words, not the reason's empty indent


def test_a_stale_form_is_refused_without_writing(client, world, letter):
    record = letter("ld")
    read = record.version
    type(record).objects.filter(pk=record.pk).update(version=read + 1)  # someone saved it meanwhile
    client.force_login(world.users["coord"])
    response = client.post(reverse("supervision:transition", args=[record.pk, "issue"]),
                           {"version": read}, follow=True)
    record.refresh_from_db()
    assert record.state == State.DRAFT and "已被他人修改" in response.content.decode()


def test_the_create_form_names_bad_fields(client, world):
    client.force_login(world.users["coord"])
    response = client.post(reverse("supervision:create"), {"kind": "letter", "unit": world.units["ld_gov"].pk,
                                                           "task_ids": "1,abc", "required": "x"})
    assert response.status_code == 200 and "task_ids" in response.context["form"].errors
    response = client.post(reverse("supervision:create"), {"kind": "letter", "unit": world.units["ld_gov"].pk,
                                                           "task_ids": "999999", "required": "x"})
    assert "task_ids" in response.context["form"].errors
    assert not Supervision.objects.exists()


def test_the_unit_replies_with_files_and_only_those_who_see_the_record_download_them(client, world, letter, png):
    record = letter("ld", state="issued")
    client.force_login(world.users["ld_officer"])
    html = client.get(reverse("supervision:detail", args=[record.pk])).content.decode()
    assert 'id="reply-form"' in html and 'id="issue-button"' not in html
    response = client.post(reverse("supervision:reply", args=[record.pk]),
                           {"text": "已完成整改，附现场照片。", "files": [png()], "version": record.version}, follow=True)
    page = response.content.decode()
    assert "已完成整改，附现场照片。" in page and "现场照片.png" in page
    stored = record.replies.get().attachments.get().file
    url = reverse("supervision:attachment", args=[record.pk, stored.pk])
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert "attachment" in download["Content-Disposition"]
    client.force_login(world.users["qt_officer"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["wz_coord"])
    assert client.get(url).status_code == 404
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.users["coord"])
    assert api.get(f"/api/supervisions/{record.pk}/files/{stored.pk}/").status_code == 200
    api.force_authenticate(world.users["qt_officer"])
    assert api.get(f"/api/supervisions/{record.pk}/files/{stored.pk}/").status_code == 404


def test_the_task_page_shows_the_panel_with_flags_and_records(client, world, tasks, letter, flag):
    issued = letter("ld", state="issued")
    raised = flag("ld", note="报送进度与现场不符")
    client.force_login(world.users["supervisor"])
    html = client.get(reverse("ledger:task_detail", args=[tasks["ld"].pk])).content.decode()
    assert html.count('id="flags"') == 1 and 'id="flag-form"' in html
    assert f'data-supervision-id="{issued.pk}"' in html and f'data-flag-id="{raised.pk}"' in html
    assert "报送进度与现场不符" in html
    client.force_login(world.users["ld_officer"])
    html = client.get(reverse("ledger:task_detail", args=[tasks["ld"].pk])).content.decode()
    assert 'id="flag-form"' not in html and f'data-flag-id="{raised.pk}"' in html


def test_a_reply_with_a_refused_attachment_keeps_the_text_written(client, world, letter, png):
    """The unit writes its reply and attaches a RAR archive: the attachment is refused by name, the reply
    text stays in the form (not a redirect to an empty one), nothing is written, and sending it again
    with an accepted file goes through."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = letter("ld", state="issued")
    client.force_login(world.users["ld_officer"])
    text = "我县已完成管网排查，共修复破损管网3.2公里，详见附件。"
    rar = SimpleUploadedFile("报告.rar", b"Rar!\x1a\x07\x00" + b"\x00" * 100, "application/x-rar")
    response = client.post(reverse("supervision:reply", args=[record.pk]),
                           {"text": text, "files": [rar], "version": record.version})
    page = response.content.decode()
    assert response.status_code == 400 and "不支持的文件类型" in page and text in page
    assert not record.replies.exists()
    again = client.post(reverse("supervision:reply", args=[record.pk]),
                        {**response.context["reply_form"].data.dict(), "files": [png()]})
    assert again.status_code == 302 and record.replies.get().text == text


def test_a_reply_sent_twice_by_a_double_click_is_written_once_and_said_so(client, api, world, letter):
    """The second click carries the version the first moved on: it is answered as a repeat ("刚刚已提交过"),
    not as "已被他人修改" with the text left in the form to send a second time; the API answers 409."""
    record = letter("ld", state="issued")
    client.force_login(world.users["ld_officer"])
    form = {"text": "已完成整改，附现场照片。", "version": record.version}
    assert client.post(reverse("supervision:reply", args=[record.pk]), form).status_code == 302
    again = client.post(reverse("supervision:reply", args=[record.pk]), form, follow=True)
    page = again.content.decode()
    assert "刚刚已提交过" in page and "已被他人修改" not in page
    assert record.replies.count() == 1
    officer = api("ld_officer")
    answer = officer.post(f"/api/supervisions/{record.pk}/replies/", {"text": "已完成整改，附现场照片。"},
                          format="multipart")
    assert answer.status_code == 409 and answer.json()["id"] == record.replies.get().pk


def test_the_ledger_lists_tasks_with_open_flags(client, world, tasks, flag):
    raised = flag("ld")
    flag("qt")
    actions.close(acting_user=world.users["coord"], record=Supervision.objects.get(tasks=tasks["qt"]))
    client.force_login(world.users["coord"])
    import re

    html = client.get(reverse("ledger:task_list"), {"flagged": "true"}).content.decode()
    assert set(re.findall(r'data-task-id="(\d+)"', html)) == {str(tasks["ld"].pk)}
    html = client.get(reverse("ledger:task_list"), {"flagged": "false"}).content.decode()
    assert set(re.findall(r'data-task-id="(\d+)"', html)) == {str(tasks["qt"].pk)}
    overview = client.get(reverse("overview:overview")).content.decode()
    assert 'id="stat-flagged"' in overview and "1 项任务有未办结的督导标记" in overview
    assert raised.state == State.OPEN


def test_letter_template_is_replaced_by_an_administrator_only(client, world, letter):
    record = actions.issue(acting_user=world.users["coord"], record=letter("ld"))
    client.force_login(world.users["coord"])
    assert client.get(reverse("supervision:letter_template")).status_code == 403
    client.force_login(world.users["admin"])
    default = client.get(reverse("supervision:letter_template") + "?download=1")
    assert unquote(default["Content-Disposition"].split("''", 1)[1]) == "督办函模板.docx"
    replacement = docx.Document()
    replacement.add_paragraph("新模板 {{number}} 致{{unit}}")
    out = io.BytesIO()
    replacement.save(out)
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(reverse("supervision:letter_template"), {"file": SimpleUploadedFile("x.docx", b"not a docx")})
    assert bad.status_code == 200 and bad.context["form"].errors["file"]
    response = client.post(reverse("supervision:letter_template"),
                           {"file": SimpleUploadedFile("t.docx", out.getvalue())})
    assert response.status_code == 302
    filled = docx.Document(io.BytesIO(client.get(reverse("supervision:letter", args=[record.pk])).content))
    assert filled.paragraphs[0].text == f"新模板 {record.number} 致莲都区人民政府"


def test_api_create_issue_reply_close(api, world, tasks, png):
    coord, officer = api("coord"), api("ld_officer")
    response = coord.post("/api/supervisions/", {"kind": "order", "unit": world.units["ld_gov"].pk,
                                                 "tasks": [tasks["ld"].pk], "required": "立即整改",
                                                 "reply_by": "2030-01-31"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["state"], body["tasks"], body["number"]) == ("order", "draft", [tasks["ld"].pk], "")
    pk = body["id"]
    # The record's answers carry the ETag an If-Match names, at the version they show.
    tag = coord.get(f"/api/supervisions/{pk}/")["ETag"]
    assert tag == f'"supervision-{pk}-v{body["version"]}"'
    issued = coord.post(f"/api/supervisions/{pk}/issue/", format="json", HTTP_IF_MATCH=tag)
    assert issued.status_code == 200 and issued.json()["number"].startswith("丽督改单〔")
    assert issued["ETag"] == f'"supervision-{pk}-v{issued.json()["version"]}"' != tag
    assert issued.json()["letter_url"] == f"/supervision/{pk}/letter.docx"
    assert [t["name"] for t in officer.get(f"/api/supervisions/{pk}/transitions/").json()] == ["reply"]
    reply = officer.post(f"/api/supervisions/{pk}/replies/", {"text": "已整改", "files": [png()]}, format="multipart")
    assert reply.status_code == 201 and reply.json()["attachments"][0]["name"] == "现场照片.png"
    assert coord.get(f"/api/supervisions/{pk}/replies/").json()[0]["text"] == "已整改"
    closed = coord.post(f"/api/supervisions/{pk}/close/", {"note": "办结"}, format="json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    assert coord.get("/api/supervisions/", {"state": "closed"}).json()["count"] == 1


def test_api_bad_input_names_the_field(api, world, tasks):
    coord = api("coord")
    cases = [
        ({"kind": "flag", "unit": world.units["ld_gov"].pk, "required": "x"}, "kind"),
        ({"kind": "letter", "unit": 99999999, "required": "x"}, "unit"),
        ({"kind": "letter", "unit": world.units["ld_gov"].pk, "required": ""}, "required"),
        ({"kind": "letter", "unit": world.units["ld_gov"].pk, "required": "x", "tasks": [99999999]}, "tasks"),
        ({"kind": "letter", "unit": world.units["ld_gov"].pk, "required": "x", "meeting_on": "2026-01-01"},
         "meeting_on"),
        ({"kind": "letter", "unit": world.units["ld_gov"].pk, "required": "x", "reply_by": "soon"}, "reply_by"),
    ]
    for body, field in cases:
        response = coord.post("/api/supervisions/", body, format="json")
        assert response.status_code == 400 and field in response.json(), (body, response.json())
    for query, field in [({"unit": "abc"}, "unit"), ({"task": "-1"}, "task"), ({"kind": "x"}, "kind")]:
        response = coord.get("/api/supervisions/", query)
        assert response.status_code == 400 and field in response.json()
    assert not Supervision.objects.exists()


def test_api_lift_needs_a_reason(api, world, letter):
    record = letter("ld", kind="listed", state="listed")
    response = api("coord").post(f"/api/supervisions/{record.pk}/lift/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    assert record.kind == Kind.LISTED


def test_list_queries_do_not_grow_with_the_rows(client, world, letter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    client.force_login(world.users["coord"])
    letter("ld", state="replied", reply_by=dt.date(2020, 1, 1))
    few = (count("/api/supervisions/"), count(reverse("supervision:list")))
    for _ in range(6):
        letter("qt", state="issued", reply_by=dt.date(2020, 1, 1))
    assert (count("/api/supervisions/"), count(reverse("supervision:list"))) == few
    body = client.get("/api/supervisions/", {"overdue": "true"}).json()
    assert body["count"] == 6 and all(row["overdue"] for row in body["results"])


def test_the_office_edits_a_draft_on_its_page(client, world, tasks, letter):
    record = letter("ld")
    client.force_login(world.users["ld_officer"])  # the addressee does not see the office's draft
    assert client.get(reverse("supervision:edit", args=[record.pk])).status_code == 404
    client.force_login(world.users["coord"])
    assert 'id="edit-draft"' in client.get(reverse("supervision:detail", args=[record.pk])).content.decode()
    form = client.get(reverse("supervision:edit", args=[record.pk])).context["form"]
    assert form["task_ids"].value() == str(tasks["ld"].pk) and form["kind"].value() == "letter"
    response = client.post(reverse("supervision:edit", args=[record.pk]), {
        "kind": "order", "unit": world.units["ld_gov"].pk, "task_ids": str(tasks["ld"].pk),
        "required": "修改后的要求", "version": record.version})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.required, record.kind) == ("修改后的要求", "letter")  # the kind stays
    stale = client.post(reverse("supervision:edit", args=[record.pk]), {
        "unit": world.units["ld_gov"].pk, "task_ids": "", "required": "过期的修改", "version": 1})
    assert stale.status_code == 200 and "已被他人修改" in str(stale.context["form"].non_field_errors())
    record.refresh_from_db()
    assert record.required == "修改后的要求"


def test_the_edit_page_shows_the_saved_reply_deadline_in_its_date_input(client, world, tasks, letter):
    """A date input shows only an ISO value: 2030/01/31 showed an empty field, and saving cleared it."""
    record = letter("ld", reply_by=dt.date(2030, 1, 31))
    client.force_login(world.users["coord"])
    html = client.get(reverse("supervision:edit", args=[record.pk])).content.decode()
    assert 'type="date" name="reply_by" value="2030-01-31"' in html


def test_the_letter_drops_characters_xml_cannot_hold_instead_of_failing(client, world, tasks):
    from ducha.ledger.models import Problem
    from ducha.supervision import actions

    Problem.objects.filter(pk=tasks["ld"].problem_id).update(description="餐饮\x01油烟整治\x1f")
    record = actions.create_supervision(
        acting_user=world.users["coord"], kind="letter", unit=world.units["ld_gov"], tasks=[tasks["ld"]],
        required="请于\x07期限内\x0b完成整改", reason="连续两次黄色预警", reply_by=dt.date(2030, 1, 31))
    record = actions.issue(acting_user=world.users["coord"], record=record)
    client.force_login(world.users["coord"])
    response = client.get(reverse("supervision:letter", args=[record.pk]))
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert "请于期限内完成整改" in "\n".join(p.text for p in document.paragraphs)
    assert document.tables[0].rows[1].cells[2].text == "餐饮油烟整治"


def test_my_work_names_the_task_and_note_of_each_flag_i_raised(client, world, tasks, flag):
    flag("qt", note="报送进度与现场不符")
    client.force_login(world.users["supervisor"])
    html = client.get(reverse("mywork:my_work")).content.decode()
    section = html[html.index("我提出的督导标记"):]
    assert f"督导标记 · 任务 Q1：{tasks['qt'].title}" in section  # not the bare number "Q1"
    assert "报送进度与现场不符" in section


def test_dates_outside_the_official_range_are_refused_naming_the_field(client, api, world, tasks):
    """A 回复期限 in the year 0001 was saved, and one in 9999 too."""
    client.force_login(world.users["coord"])
    form = {"kind": "letter", "unit": world.units["ld_gov"].pk, "task_ids": f"{tasks['ld'].pk}", "required": "x"}
    for day in ("0001-01-01", "9999-12-31"):
        response = client.post(reverse("supervision:create"), form | {"reply_by": day})
        assert response.status_code == 200
        assert response.context["form"].errors["reply_by"] == ["回复期限应在 2000-01-01 至 2100-12-31 之间。"]
    coord = api("coord")
    response = coord.post("/api/supervisions/", {"kind": "interview", "unit": world.units["ld_gov"].pk,
                                                 "required": "x", "meeting_on": "0001-01-01",
                                                 "reply_by": "9999-12-31"}, format="json")
    assert response.status_code == 400 and response.json() == {
        "meeting_on": ["约谈日期应在 2000-01-01 至 2100-12-31 之间。"],
        "reply_by": ["回复期限应在 2000-01-01 至 2100-12-31 之间。"]}
    response = api("supervisor").post(f"/api/tasks/{tasks['ld'].pk}/flag/", {"note": "x", "reply_by": "0001-01-01"},
                                      format="json")
    assert response.status_code == 400 and list(response.json()) == ["reply_by"]
    assert not Supervision.objects.exists()


def test_a_draft_saved_twice_is_one_draft(client, api, world, tasks):
    """A double click on 保存 made two identical letters waiting to be issued."""
    client.force_login(world.users["coord"])
    form = {"kind": "letter", "unit": world.units["ld_gov"].pk, "task_ids": f"{tasks['ld'].pk}",
            "required": "请于三十日内完成整改", "reply_by": "2030-02-01"}
    client.post(reverse("supervision:create"), form)
    record = Supervision.objects.get()
    again = client.post(reverse("supervision:create"), form, follow=True)
    assert again.redirect_chain[-1][0] == f"/supervision/{record.pk}/"
    assert "相同的督办刚刚已提交过，未重复记录。" in again.content.decode()
    body = {"kind": "letter", "unit": world.units["ld_gov"].pk, "tasks": [tasks["ld"].pk],
            "required": "请于三十日内完成整改", "reply_by": "2030-02-01"}
    response = api("coord").post("/api/supervisions/", body, format="json")
    assert response.status_code == 409 and response.json()["id"] == record.pk
    assert Supervision.objects.count() == 1
    # Other tasks make another letter.
    client.post(reverse("supervision:create"), form | {"task_ids": f"{tasks['ld'].pk},{tasks['qt'].pk}"})
    assert Supervision.objects.count() == 2


def test_posts_without_the_version_are_refused_and_change_nothing(client, world, letter):
    """Issuing, replying to and editing a record from a page that sent no version (a hand-made post) could act
    on a record changed since; each is refused and nothing is written."""
    draft = letter("ld")
    client.force_login(world.users["coord"])
    page = client.post(reverse("supervision:transition", args=[draft.pk, "issue"]), {}, follow=True)
    assert "版本信息无效" in page.content.decode()
    response = client.post(reverse("supervision:edit", args=[draft.pk]),
                           {"unit": draft.unit_id, "task_ids": "", "required": "改过的要求"})
    assert response.status_code == 200 and "版本信息无效" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == State.DRAFT and draft.required != "改过的要求"
    issued = letter("qt", state="issued")
    client.force_login(world.users["qt_officer"])
    response = client.post(reverse("supervision:reply", args=[issued.pk]), {"text": "已整改。"})
    assert response.status_code == 400 and "版本信息无效" in response.content.decode()
    assert not issued.replies.exists()
