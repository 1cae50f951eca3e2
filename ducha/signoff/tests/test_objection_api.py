"""The objections API: the office lists, enters and answers; contact only for the office; others refused;
anonymous filing on a published notice, rate-limited."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from rest_framework.test import APIClient

from ducha.ledger.models import TaskState
from ducha.ledger.tests.conftest import api  # noqa: F401
from ducha.signoff.actions import objections
from ducha.signoff.models import Objection

from .notice_fixtures import notice  # noqa: F401
from .test_objections import PNG


def test_the_office_enters_lists_and_answers(api, notice):
    coord = api("coord")
    created = coord.post(f"/api/notices/{notice.pk}/objections/", {
        "channel": "letter", "text": "来信：整改不到位。", "name": "钱七", "contact": "13900000000",
        "files": [SimpleUploadedFile("p.png", PNG, "image/png")]}, format="multipart")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["contact"] == {"name": "钱七", "contact": "13900000000"} and len(body["attachments"]) == 1
    listed = coord.get("/api/objections/", {"answered": "false"}).json()
    assert [o["receipt_number"] for o in listed["results"]] == [body["receipt_number"]]
    assert coord.get("/api/objections/", {"answered": "maybe"}).status_code == 400
    for not_an_object in ([None, None], "upheld", 3):
        refused = coord.post(f"/api/objections/{body['id']}/answer/", not_an_object, format="json")
        assert refused.status_code == 400, refused.content
    refused = coord.post(f"/api/objections/{body['id']}/answer/", {"answer": "upheld"}, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    answered = coord.post(f"/api/objections/{body['id']}/answer/",
                          {"answer": "upheld", "reason": "核实属实。"}, format="json")
    assert answered.status_code == 200 and answered.json()["answer"] == "upheld"
    notice.task.refresh_from_db()
    assert notice.task.state == TaskState.IN_PROGRESS


def test_units_see_objections_to_their_tasks_without_the_objectors_contact_and_may_not_answer(api, notice):
    objection = objections.file_objection(notice=notice, text="意见", name="孙八", contact="138")
    officer = api("ld_officer")
    row = officer.get(f"/api/objections/{objection.pk}/").json()
    assert row["text"] == "意见" and row["contact"] is None
    assert officer.post(f"/api/objections/{objection.pk}/answer/", {"answer": "dismissed", "reason": "不成立"},
                        format="json").status_code == 403
    assert officer.post(f"/api/notices/{notice.pk}/objections/", {"channel": "phone", "text": "x"},
                        format="json").status_code == 403
    other = api("qt_officer")
    assert other.get(f"/api/objections/{objection.pk}/").status_code == 404
    assert other.get("/api/objections/").json()["count"] == 0
    assert APIClient().get("/api/objections/").status_code == 401


@override_settings(DUCHA_PUBLIC_POST_LIMIT=1)
def test_anonymous_filing_answers_a_receipt_and_is_rate_limited(notice):
    client = APIClient()
    url = f"/api/public/notices/{notice.pk}/objections/"
    first = client.post(url, {"text": "公开异议", "contact": "x@example.com"}, format="json")
    assert first.status_code == 201 and set(first.json()) == {"receipt_number"}
    assert Objection.objects.get().receipt_number == first.json()["receipt_number"]
    assert client.post(url, {"text": "再来一次"}, format="json").status_code == 429
    assert client.post("/api/public/notices/999999/objections/", {"text": "x"}, format="json").status_code == 404


@override_settings(DUCHA_PUBLIC_POST_LIMIT=1, DUCHA_PUBLIC_ATTEMPT_LIMIT=5)
def test_anonymous_filing_counts_only_objections_taken_and_caps_all_attempts(notice):
    client = APIClient()
    url = f"/api/public/notices/{notice.pk}/objections/"
    for body in ({"text": ""}, {"text": "x" * 2001}, {}):
        assert client.post(url, body, format="json").status_code == 400
    assert client.post(url, {"text": "公开异议"}, format="json").status_code == 201
    assert client.post(url, {"text": "再来一次"}, format="json").status_code == 429
    assert Objection.objects.count() == 1
    other = APIClient(REMOTE_ADDR="10.0.0.9")
    for _n in range(5):
        assert other.post(url, {"text": ""}, format="json").status_code == 400
    assert other.post(url, {"text": "正常的异议"}, format="json").status_code == 429
    assert Objection.objects.count() == 1


@pytest.mark.parametrize("body, field", [({"text": ""}, "text"), ({"text": "x" * 2001}, "text"),
                                         ({"text": "😀😀😀"}, "text"), ({"text": "。。。"}, "text"),
                                         ({"text": "意见", "contact": "\u200b…"}, "contact")])
def test_anonymous_filing_refuses_bad_input_by_field(notice, body, field):
    response = APIClient().post(f"/api/public/notices/{notice.pk}/objections/", body, format="json")
    assert response.status_code == 400 and field in response.json()


def test_an_objection_entered_twice_is_entered_once(api, notice, client, world):
    """A double click on 录入 gave one letter two receipt numbers, each waiting for an answer."""
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate().isoformat()  # the notice began yesterday
    client.force_login(world.users["coord"])
    url = reverse("signoff:objection_enter", args=[notice.pk])
    form = {"channel": "letter", "text": "来信：整改不到位。", "received_at": f"{today} 00:00"}
    first = client.post(url, form)
    objection = Objection.objects.get()
    assert first.status_code == 302
    again = client.post(url, form, follow=True)
    assert again.redirect_chain[-1][0] == reverse("signoff:objection_detail", args=[objection.pk])
    assert "相同的异议刚刚已提交过，未重复记录。" in again.content.decode()
    coord = api("coord")
    body = {"channel": "letter", "text": "来信：整改不到位。", "received_at": f"{today}T00:00:00+08:00"}
    repeated = coord.post(f"/api/notices/{notice.pk}/objections/", body, format="json")
    assert repeated.status_code == 409 and repeated.json()["id"] == objection.pk
    # Received now (no time given): the same call entered again at once is the same objection too.
    phoned = coord.post(f"/api/notices/{notice.pk}/objections/", {"channel": "phone", "text": "电话反映"},
                        format="json")
    assert phoned.status_code == 201
    again = coord.post(f"/api/notices/{notice.pk}/objections/", {"channel": "phone", "text": "电话反映"},
                       format="json")
    assert again.status_code == 409 and again.json()["id"] == phoned.json()["id"]
    assert Objection.objects.count() == 2
