"""The transitions endpoints: the same rules as the pages, with the steps' own fields."""

import json

from rest_framework.test import APIClient

from ducha.ledger.models import TaskState
from ducha.signoff.models import ApplicationState

from .conftest import CHECKS, FINDINGS

URL = "/api/tasks/"


def _api(world, name):
    client = APIClient()
    client.force_authenticate(world.users[name])
    return client


def test_listed_transitions_name_their_required_fields(world, claimed, drive):
    task = drive(claimed, "reviewed")
    found = _api(world, "eco_officer").get(f"{URL}{task.pk}/transitions/").json()
    by_name = {t["name"]: t for t in found}
    assert set(by_name) == {"onsite_check", "fail_acceptance"}  # the plan requires an on-site check
    assert by_name["onsite_check"]["requires"] == ["checked_on", "people", "place", "findings"]
    assert _api(world, "ld_officer").get(f"{URL}{task.pk}/transitions/").json() == []


def test_the_lead_unit_is_offered_the_application_before_any_draft(world, claimed):
    found = {t["name"]: t for t in _api(world, "ld_officer").get(f"{URL}{claimed.pk}/transitions/").json()}
    assert found["apply"]["requires"] == ["report", "self_checks"]
    assert "apply" not in {t["name"] for t in _api(world, "qt_officer").get(f"{URL}{claimed.pk}/transitions/").json()}


def test_the_whole_path_through_the_api(world, claimed):
    unit, reviewer, office = _api(world, "ld_officer"), _api(world, "eco_officer"), _api(world, "coord")
    post = lambda client, name, body: client.post(f"{URL}{claimed.pk}/transitions/{name}/", body, format="json")  # noqa: E731
    response = post(unit, "apply", {"report": "已完成。", "self_checks": CHECKS})
    assert response.status_code == 200 and response.json()["state"] == TaskState.ACCEPTING
    assert post(unit, "pass_review", {}).status_code == 403
    response = post(reviewer, "return_application", {})
    assert response.status_code == 400 and "reason" in json.dumps(response.json())
    assert post(reviewer, "return_application", {"reason": "补充照片"}).status_code == 200
    assert post(unit, "resubmit", {"report": "已完成，补充照片。"}).status_code == 200
    assert post(reviewer, "pass_review", {"note": "齐全"}).status_code == 200
    body = {"checked_on": "2026-11-02", "people": "张三", "place": "莲都区", "findings": FINDINGS}
    assert post(reviewer, "onsite_check", body).status_code == 200
    assert post(reviewer, "sign", {"opinion": "同意销号。"}).status_code == 200
    assert post(reviewer, "publish", {}).status_code == 403
    response = post(office, "publish", {})
    assert response.status_code == 200 and response.json()["state"] == TaskState.IN_NOTICE
    response = post(office, "sign_off", {})
    assert response.status_code == 400  # the notice period is not over
    application = claimed.signoff_applications.get()
    assert application.state == ApplicationState.IN_NOTICE and application.rounds.count() == 2


def test_a_plain_transition_cannot_skip_a_steps_records(world, claimed, drive, client):
    task = drive(claimed, "submitted")
    client.force_login(world.users["eco_officer"])
    response = client.post(f"/tasks/{task.pk}/transitions/pass_review/", {"version": task.version})
    assert response.status_code == 302
    assert task.signoff_applications.get().state == ApplicationState.SUBMITTED
    assert task.signoff_applications.get().rounds.get().outcome == ""


def test_applications_and_the_case_file_through_the_api(world, claimed, drive):
    import io
    import zipfile

    task = drive(claimed, "signed")
    found = _api(world, "coord").get(f"/api/signoff/applications/?task={task.pk}").json()["results"]
    assert len(found) == 1 and found[0]["signature"]["signer_name"] == "eco_officer"
    assert [r["outcome"] for r in found[0]["rounds"]] == ["returned", "passed"] and len(found[0]["self_checks"]) == 5
    assert _api(world, "wz_coord").get(f"/api/signoff/applications/{found[0]['id']}/").status_code == 404
    response = _api(world, "coord").get(f"/api/signoff/applications/{found[0]['id']}/documents/opinion/")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    response = _api(world, "coord").get(f"/api/tasks/{task.pk}/case-file/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert "manifest.json" in names and any(n.endswith("验收意见表.docx") for n in names)
    assert _api(world, "wz_coord").get(f"/api/tasks/{task.pk}/case-file/").status_code == 404


def test_the_applications_task_filter_refuses_ids_the_database_cannot_hold_by_name(world, claimed, drive):
    task = drive(claimed, "signed")
    office = _api(world, "coord")
    assert len(office.get(f"/api/signoff/applications/?task={task.pk}").json()["results"]) == 1
    for bad in ("99999999999999999999", "abc", "0", "1.5"):
        response = office.get(f"/api/signoff/applications/?task={bad}")
        assert response.status_code == 400, bad
        assert response.json()["task"][0].startswith("任务 id："), bad


def test_a_step_date_outside_the_official_range_is_refused_naming_the_field(world, claimed, drive, client):
    """An on-site check dated 0001-01-01 was recorded."""
    task = drive(claimed, "reviewed")
    body = {"checked_on": "0001-01-01", "people": "张三", "place": "莲都区", "findings": FINDINGS}
    response = _api(world, "eco_officer").post(f"{URL}{task.pk}/transitions/onsite_check/", body, format="json")
    assert response.status_code == 400 and response.json() == {
        "checked_on": ["核查日期应在 2000-01-01 至 2100-12-31 之间。"]}
    client.force_login(world.users["eco_officer"])
    data = {"checked_on": "1999-12-31", "people": "张三", "place": "莲都区",
            **{f"finding_{k}": v for k, v in FINDINGS.items()}}
    from django.urls import reverse

    response = client.post(reverse("signoff:step", args=[task.pk, "onsite_check"]), data)
    assert "核查日期应在 2000-01-01 至 2100-12-31 之间。" in response.content.decode()
    task.refresh_from_db()
    assert task.signoff_applications.get().state == ApplicationState.REVIEWED
