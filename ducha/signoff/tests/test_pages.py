"""The sign-off pages as each role uses them: the panel, the step forms, the worklist, the lagging report,
the documents and the case file."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ducha.ledger.models import TaskState
from ducha.signoff.models import ApplicationState, Standard

from .conftest import CHECKS, FINDINGS

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00"
       b"\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def _login(client, world, name):
    client.force_login(world.users[name])
    return client


def _step(task, name):
    return reverse("signoff:step", args=[task.pk, name])


def _read(task, name, **data):
    """A step's post as its page makes it: with the version the form carries (the task's; the application's,
    0 when there is none yet, for the application itself)."""
    task.refresh_from_db()
    if name in ("apply", "resubmit", "confirm"):
        application = task.signoff_applications.order_by("-id").first()
        return {"version": application.version if application else 0, **data}
    return {"version": task.version, **data}


def _post(client, task, name, **data):
    return client.post(_step(task, name), _read(task, name, **data))


def test_a_partly_written_application_is_saved_as_a_draft_and_refused_only_on_submission(world, claimed, client):
    """保存草稿 keeps what the unit has written so far (filling a long form on a phone); 提交申请 is refused
    by the action, naming what is missing, and nothing is submitted."""
    _login(client, world, "ld_officer")
    response = _post(client, claimed, "apply", report="已完成管网修复，自查材料整理中。", save="1")
    assert response.status_code == 302
    page = client.get(_step(claimed, "apply")).content.decode()
    assert "已完成管网修复，自查材料整理中。" in page
    response = _post(client, claimed, "apply", report="已完成管网修复，自查材料整理中。", submit="1")
    page = response.content.decode()
    assert response.status_code == 200 and "验收申请缺少：" in page and str(Standard.MEASURES.label) in page
    claimed.refresh_from_db()
    assert claimed.state == TaskState.COMPLETED


def test_the_unit_applies_through_the_page_with_evidence_and_the_reviewer_returns_it(world, claimed, client):
    page = _login(client, world, "ld_officer").get(reverse("ledger:task_detail", args=[claimed.pk]))
    assert "完成但未申请验收" in page.content.decode() and _step(claimed, "apply") in page.content.decode()
    data = {"report": "已完成全部整改。", **{f"self_check_{k}": v for k, v in CHECKS.items()},
            "file_measures": SimpleUploadedFile("现场.png", PNG, content_type="image/png"), "submit": "1"}
    response = _post(client, claimed, "apply", **data)
    assert response.status_code == 302
    claimed.refresh_from_db()
    application = claimed.signoff_applications.get()
    assert claimed.state == TaskState.ACCEPTING and application.state == ApplicationState.SUBMITTED
    assert application.evidence.get().file.sha256 == hashlib.sha256(PNG).hexdigest()
    # The unit cannot review its own application.
    assert _post(client, claimed, "pass_review").status_code == 403
    assert claimed.signoff_applications.get().state == ApplicationState.SUBMITTED
    reviewer = _login(client, world, "eco_officer")
    page = reviewer.get(reverse("ledger:task_detail", args=[claimed.pk])).content.decode()
    assert _step(claimed, "pass_review") in page and _step(claimed, "return_application") in page
    response = _post(reviewer, claimed, "return_application", reason="缺少监测报告。")
    assert response.status_code == 302
    page = reviewer.get(reverse("ledger:task_detail", args=[claimed.pk])).content.decode()
    assert "缺少监测报告。" in page and 'data-round="1"' in page


def test_a_missing_self_check_is_shown_under_its_field(world, claimed, client):
    data = {"report": "已完成。", **{f"self_check_{k}": v for k, v in CHECKS.items() if k != "punished"},
            "submit": "1"}
    response = _post(_login(client, world, "ld_officer"), claimed, "apply", **data)
    assert response.status_code == 200
    assert response.context["form"].errors["self_check_punished"]
    assert not claimed.signoff_applications.exists()


def test_onsite_sign_publish_through_the_pages(world, claimed, drive, client):
    task = drive(claimed, "reviewed")
    reviewer = _login(client, world, "eco_officer")
    data = {"checked_on": "2026-11-02", "people": "张三、李四", "place": "莲都区", "photos": SimpleUploadedFile(
        "a.png", PNG, content_type="image/png"), **{f"finding_{k}": v for k, v in FINDINGS.items()}}
    assert _post(reviewer, task, "onsite_check", **data).status_code == 302
    assert _post(reviewer, task, "sign", opinion="同意销号。", signer_title="副局长").status_code == 302
    assert _post(reviewer, task, "publish").status_code == 403  # the office publishes
    office = _login(client, world, "coord")
    assert _post(office, task, "publish").status_code == 302
    task.refresh_from_db()
    assert task.state == TaskState.IN_NOTICE
    worklist = office.get(reverse("signoff:worklist") + "?tab=notice")
    assert [a.task_id for a in worklist.context["page"]] == [task.pk]


def test_the_documents_list_the_evidence_with_hashes(world, claimed, drive, client):
    task = drive(claimed, "signed")
    from ducha.signoff import actions
    upload = SimpleUploadedFile("监测报告.png", PNG, content_type="image/png")
    application = task.signoff_applications.get()
    from ducha.evidence.storing import store_upload
    from ducha.signoff.models import ApplicationEvidence
    from django.db import transaction
    with transaction.atomic():
        ApplicationEvidence.objects.create(application=application, file=store_upload(upload, acting_user=world.users[
            "ld_officer"]), standard=Standard.EFFECT, added_by=world.users["ld_officer"])
    assert actions  # the documents render whatever the application holds
    response = _login(client, world, "coord").get(reverse("signoff:document", args=[application.pk, "opinion"]))
    document = docx.Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert hashlib.sha256(PNG).hexdigest() in cells and "经资料审核和现场核查，同意销号。" in cells
    assert "eco_officer" in cells
    outsider = _login(client, world, "wz_coord").get(reverse("signoff:document", args=[application.pk, "opinion"]))
    assert outsider.status_code == 404


def test_the_case_file_manifest_hashes_match_the_files(world, claimed, drive, client):
    task = drive(claimed, "checked")
    from ducha.signoff import actions
    actions.sign(acting_user=world.users["eco_officer"], task=task, opinion="同意。")
    from ducha.signoff.models import OnsitePhoto
    from ducha.evidence.storing import store_upload
    from django.db import transaction
    with transaction.atomic():
        OnsitePhoto.objects.create(onsite=task.signoff_applications.get().onsite, file=store_upload(
            SimpleUploadedFile("p.png", PNG, content_type="image/png"), acting_user=world.users["eco_officer"]))
    response = _login(client, world, "coord").get(reverse("signoff:case_file", args=[task.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    assert len(manifest["files"]) == 3  # two documents and the photo
    for entry in manifest["files"]:
        assert hashlib.sha256(archive.read(entry["path"])).hexdigest() == entry["sha256"]
    photo = next(e for e in manifest["files"] if e["source"] == "现场核查照片")
    assert photo["sha256"] == photo["recorded_sha256"] == hashlib.sha256(PNG).hexdigest()
    assert "manifest.csv" in archive.namelist()


def test_the_lagging_report_lists_claims_older_than_30_days(world, make_task, client):
    old = make_task(state=TaskState.COMPLETED, completed_on=dt.date(2026, 1, 5))
    make_task(state=TaskState.COMPLETED)
    page = _login(client, world, "coord").get(reverse("signoff:lagging"))
    assert [t.pk for t in page.context["page"]] == [old.pk]


def test_completed_but_not_applied_is_filtered_and_counted(world, claimed, make_task, drive, client):
    other = drive(make_task(units=("ld_gov",), division="ld", state=TaskState.COMPLETED), "submitted")
    office = _login(client, world, "coord")
    listed = office.get(reverse("ledger:task_list") + "?not_applied=true")
    assert [getattr(t, "pk", t) for t in listed.context["page"].object_list] == [claimed.pk]
    api = office.get("/api/tasks/?not_applied=true").json()
    assert [row["id"] for row in api["results"]] == [claimed.pk]
    page = office.get(reverse("overview:overview")).content.decode()
    assert "完成但未申请验收 1 项 · 验收中 1 项 · 公示中 0 项" in page
    assert other.state == TaskState.ACCEPTING


def test_my_work_lists_the_step_each_role_owes(world, claimed, drive, client):
    task = drive(claimed, "submitted")
    page = _login(client, world, "eco_officer").get(reverse("mywork:my_work")).content.decode()
    assert "资料审核" in page and f"任务 {task.number}" in page
    page = _login(client, world, "ld_officer").get(reverse("mywork:my_work")).content.decode()
    assert "资料审核" not in page
    from ducha.signoff import actions
    actions.return_application(acting_user=world.users["coord"], task=task, reason="补充")
    page = _login(client, world, "ld_officer").get(reverse("mywork:my_work")).content.decode()
    assert "按退回意见补充后重新提交" in page


def test_the_documents_drop_characters_xml_cannot_hold_instead_of_failing(world, claimed, drive, client):
    task = drive(claimed, "signed")
    application = task.signoff_applications.get()
    type(application).objects.filter(pk=application.pk).update(report="已完成\x01整改\x1b")
    application.self_checks.update(text="自查\x07合格")
    office = _login(client, world, "coord")
    for kind in ("opinion", "application"):
        response = office.get(reverse("signoff:document", args=[application.pk, kind]))
        assert response.status_code == 200
        document = docx.Document(io.BytesIO(response.content))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for row in t.rows for c in row.cells])
        assert "\x01" not in text and "\x07" not in text
    assert "已完成整改" in text


def test_the_worklist_opens_on_the_first_tab_with_work(world, claimed, drive, client):
    """From the menu (no tab chosen) the worklist shows the applications waiting somewhere, not an empty
    待审核 saying there is nothing to do while 待现场核查 holds one."""
    task = drive(claimed, "reviewed")
    page = _login(client, world, "coord").get(reverse("signoff:worklist"))
    assert [a.task_id for a in page.context["page"]] == [task.pk]
    assert page.context["tab"] == "onsite"
    empty = client.get(reverse("signoff:worklist") + "?tab=review").content.decode()
    assert "“待审核”下没有验收。" in empty


def test_the_application_form_offers_report_evidence_under_its_heading(world, claimed, client):
    """The progress reports' evidence is a list of files to pick under its heading; with none to pick
    there is no heading over an empty list."""
    page = _login(client, world, "ld_officer").get(_step(claimed, "apply")).content.decode()
    assert "选用进度报告中的佐证材料" not in page
    from ducha.progress.actions.reports import file_report

    file_report(acting_user=world.users["ld_officer"], task=claimed, reported_on=dt.date(2026, 11, 20),
                percent=100, done="已完成。", files=[SimpleUploadedFile("现场.png", PNG, content_type="image/png")])
    page = client.get(_step(claimed, "apply")).content.decode()
    assert "现场.png" in page
    assert page.index("选用进度报告中的佐证材料") < page.index('name="report_files"')


def test_the_applications_evidence_and_onsite_photos_open_from_the_task_page(world, claimed, drive, client):
    """The reviewer saw the evidence's names and hashes and a count of on-site photos, and could open none."""
    from ducha.signoff import actions

    actions.save_application(acting_user=world.users["ld_officer"], task=claimed, report="已完成。", self_checks=CHECKS,
                             uploads=[(Standard.EFFECT, SimpleUploadedFile("监测报告.pdf", b"%PDF-1.4\n%%EOF\n",
                                                                          content_type="application/pdf"))])
    task = drive(claimed, "reviewed")
    application = task.signoff_applications.get()
    assert application.evidence.count() == 1
    reviewer = _login(client, world, "eco_officer")
    data = {"checked_on": "2026-11-02", "people": "张三", "place": "莲都区", "photos": SimpleUploadedFile(
        "核查.png", PNG, content_type="image/png"), **{f"finding_{k}": v for k, v in FINDINGS.items()}}
    assert _post(reviewer, task, "onsite_check", **data).status_code == 302
    photo = application.onsite.photos.get().file
    evidence = [e.file for e in application.evidence.all()]
    urls = [reverse("signoff:application_file", args=[application.pk, f.pk]) for f in [photo, *evidence]]
    for name in ("eco_officer", "ld_officer", "coord"):
        page = _login(client, world, name).get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
        for url in urls:
            assert url in page, (name, url)
            response = client.get(url)
            assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(client.get(urls[0]).streaming_content) == PNG
    assert _login(client, world, "wz_coord").get(urls[0]).status_code == 404
    stranger = reverse("signoff:application_file", args=[application.pk, max(f.pk for f in [photo, *evidence]) + 50])
    assert _login(client, world, "coord").get(stranger).status_code == 404


@pytest.mark.parametrize("step, task_label, application_label", [
    ("reviewed", "验收中", "申请：待现场核查"), ("in_notice", "公示中", None), ("signed_off", "已销号", None)])
def test_the_panel_names_the_applications_state_only_where_it_says_more_than_the_tasks(
        world, claimed, drive, client, step, task_label, application_label):
    """A signed-off task's panel said 已销号 twice (the task's state and its application's)."""
    task = drive(claimed, step)
    page = _login(client, world, "coord").get(reverse("ledger:task_detail", args=[task.pk])).content.decode()
    assert f'id="signoff-task-state">{task_label}' in page
    if application_label:
        assert f'id="signoff-application-state">{application_label}</span>' in page
    else:
        assert 'id="signoff-application-state"' not in page


@pytest.mark.parametrize("step, user, name, reason", [
    # The current state: nothing has been applied for yet.
    (None, "eco_officer", "pass_review", "“资料审核通过”不适用于“完成整改（待验收）”的任务。"),
    # A precondition: the notice period is still running.
    ("in_notice", "coord", "sign_off", "期满后方可销号。"),
    # The application is not at this step yet.
    ("submitted", "eco_officer", "sign", "验收申请处于“待资料审核”，不能执行“审核签字”。"),
    # The role: the office publishes, not the acceptance unit.
    ("signed", "eco_officer", "publish", "当前用户无权对该任务执行“公示”。"),
    # Nothing waits for a co-unit's confirmation; the application is the lead unit's to write.
    ("draft", "qt_officer", "confirm", "没有等待确认的验收申请。"),
    ("submitted", "ld_officer", "apply", "验收申请处于“待资料审核”，不能修改。"),
])
def test_a_step_that_cannot_be_taken_now_says_why_instead_of_offering_its_form(
        world, claimed, drive, client, step, user, name, reason):
    """The step pages showed their form whatever the state, and the submit was refused: the page now says
    why the step is unavailable, in the actions' words, and offers no form."""
    task = drive(claimed, step) if step else claimed
    response = _login(client, world, user).get(_step(task, name))
    page = response.content.decode()
    assert response.status_code == 200 and 'id="step-unavailable"' in page and reason in page
    assert 'id="step-form"' not in page


def test_a_step_that_can_be_taken_shows_its_form(world, claimed, drive, client):
    """Including the application while its report and self-check are still to be written on that page."""
    page = _login(client, world, "ld_officer").get(_step(claimed, "apply")).content.decode()
    assert 'id="step-form"' in page and 'id="step-unavailable"' not in page
    task = drive(claimed, "submitted")
    page = _login(client, world, "eco_officer").get(_step(task, "pass_review")).content.decode()
    assert 'id="step-form"' in page and 'id="step-unavailable"' not in page


def test_a_review_step_on_a_page_read_before_a_return_and_resubmission_is_refused(world, claimed, drive, client):
    """A reviewer opened 资料审核通过 on the first submission; meanwhile a colleague returned it and the unit
    resubmitted with new content. Passing from the old page would pass what nobody read: refused, nothing
    taken; the form then carries the current version, so submitting again (having seen the panel) passes."""
    task = drive(claimed, "submitted")
    reviewer = _login(client, world, "eco_officer")
    page = reviewer.get(_step(task, "pass_review"))
    read = page.context["form"]["version"].value()
    from ducha.signoff import actions
    actions.return_application(acting_user=world.users["eco_officer"], task=task, reason="缺少监测报告。")
    actions.save_application(acting_user=world.users["ld_officer"], task=task, report="补充了监测报告。")
    actions.submit(acting_user=world.users["ld_officer"], task=task)
    response = reviewer.post(_step(task, "pass_review"), {"version": read, "note": "资料齐全。"})
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    task.refresh_from_db()
    application = task.signoff_applications.get()
    assert application.state == ApplicationState.SUBMITTED and task.state == TaskState.ACCEPTING
    assert response.context["form"]["version"].value() == task.version
    again = reviewer.post(_step(task, "pass_review"), {"version": task.version, "note": "资料齐全。"})
    assert again.status_code == 302
    assert task.signoff_applications.get().state == ApplicationState.REVIEWED


def test_a_confirmation_page_read_before_the_lead_unit_rewrote_the_report_is_refused(world, claimed, client):
    """The co-unit's confirm form carries the application's version: after the lead unit rewrites the report
    the old page's confirmation is refused with what it typed kept, and the repost (now on the current
    version) confirms."""
    from ducha.signoff import actions
    from ducha.signoff.models import AcceptancePolicy

    AcceptancePolicy.objects.create(plan=claimed.plan, co_units_confirm_first=True)
    lead = world.users["ld_officer"]
    actions.save_application(acting_user=lead, task=claimed, report="已完成。", self_checks=CHECKS)
    application = actions.ask_confirmation(acting_user=lead, task=claimed)
    co_unit = _login(client, world, "qt_officer")
    read = co_unit.get(_step(claimed, "confirm")).context["form"]["version"].value()
    assert read == application.version
    actions.save_application(acting_user=lead, task=claimed, report="已完成，青田段另行整改。")
    response = co_unit.post(_step(claimed, "confirm"), {"version": read, "text": "青田部分已完成"})
    page = response.content.decode()
    assert response.status_code == 200 and "已被他人修改" in page and "青田部分已完成" in page
    assert not application.confirmations.exists()
    again = co_unit.post(_step(claimed, "confirm"), {"version": response.context["form"]["version"].value(),
                                                      "text": "青田部分已完成"})
    assert again.status_code == 302 and application.confirmations.get().text == "青田部分已完成"


def test_a_step_post_without_the_version_is_refused(world, claimed, drive, client):
    task = drive(claimed, "submitted")
    response = _login(client, world, "eco_officer").post(_step(task, "pass_review"), {"note": "资料齐全。"})
    assert response.status_code == 200 and "版本信息无效" in response.content.decode()
    assert task.signoff_applications.get().state == ApplicationState.SUBMITTED


def test_a_draft_saved_from_a_second_tab_does_not_silently_replace_the_first(world, claimed, client):
    """The unit's officer has the application open in two tabs (or two officers share it): the second save,
    made on what it read before the first, is refused with the first's report kept, and keeps its own text
    to save again knowingly."""
    officer = _login(client, world, "ld_officer")
    _post(officer, claimed, "apply", report="第一稿。", save="1")
    first = officer.get(_step(claimed, "apply")).context["form"]["version"].value()
    second = first
    assert officer.post(_step(claimed, "apply"), {"version": first, "report": "甲补充的内容。", "save": "1"}).status_code == 302
    response = officer.post(_step(claimed, "apply"), {"version": second, "report": "乙的旧稿。", "save": "1"})
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()
    assert claimed.signoff_applications.get().report == "甲补充的内容。"
    page = response.content.decode()
    assert "乙的旧稿。" in page  # what this tab typed, kept
    assert 'id="saved-report"' in page and "甲补充的内容。" in page  # beside what the other tab saved
    again = officer.post(_step(claimed, "apply"), {"version": response.context["form"]["version"].value(),
                                                     "report": "乙的旧稿。", "save": "1"})
    assert again.status_code == 302 and claimed.signoff_applications.get().report == "乙的旧稿。"


def test_a_draft_started_in_a_tab_opened_before_anyone_wrote_one_does_not_replace_it(world, claimed, client):
    officer = _login(client, world, "ld_officer")
    blank = officer.get(_step(claimed, "apply")).context["form"]["version"].value()
    assert blank == 0
    assert _post(officer, claimed, "apply", report="同事先写的。", save="1").status_code == 302
    response = officer.post(_step(claimed, "apply"), {"version": blank, "report": "后来的。", "save": "1"})
    assert response.status_code == 200
    assert claimed.signoff_applications.get().report == "同事先写的。"
