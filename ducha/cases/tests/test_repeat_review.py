"""The office decides repeat proposals (重复件) on the case page, on /cases/repeats/ and through the API:
what each role sees and may do, in and out of its reach, and what a second submission gets."""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ducha.cases.actions.repeats import confirm_repeat, find_repeats
from ducha.cases.models import Case, RepeatLink, RepeatStatus
from ducha.core.workflow import state_change
from ducha.ledger.models import Task, TaskState

from .outward_world import cases_world  # noqa: F401
from .test_repeats import QUARRY, QUARRY_AGAIN, RESTAURANT

FARM = ("青田县鹤城街道某养猪场养殖废水未经处理直排瓯江支流，溪水发黑发臭，周边村民饮用井水受影响，"
        "夜间偷排更加严重，多次反映未解决。")
FARM_AGAIN = ("青田县鹤城街道某养猪场养殖废水仍未经处理直排瓯江支流，溪水发黑发臭，周边村民饮用井水受影响，"
              "夜间偷排更加严重，多次反映至今未解决。")


def client_for(world, name):
    client = Client()
    client.force_login(world.users[name])
    return client


@pytest.fixture
def proposals(cases_world):
    """Two similar pairs: in 莲都区 (led by 莲都区人民政府) and in 青田县 (led by 青田县人民政府), proposed."""
    w = cases_world
    w.first, w.again = w.case(1, summary=QUARRY), w.case(5, summary=QUARRY_AGAIN)
    w.case(1, summary=RESTAURANT)
    w.qt_first = w.case(1, summary=FARM, division="qt")
    w.qt_again = w.case(4, summary=FARM_AGAIN, division="qt")
    Case.objects.filter(pk__in=[w.qt_first.pk, w.qt_again.pk]).update(lead_unit=w.units["qt_gov"])
    find_repeats(Case.objects.all(), acting_user=None)
    w.links = {"ld": RepeatLink.objects.get(case=w.again, earlier=w.first),
               "qt": RepeatLink.objects.get(case=w.qt_again, earlier=w.qt_first)}
    assert RepeatLink.objects.count() == 2
    return w


# Outcomes of confirm / dismiss for the 莲都区 and the 青田县 proposal: ok, hidden (404), denied (403).
MATRIX = """
admin        ok      ok
coord        ok      ok
wz_coord     hidden  hidden
ld_officer   denied  hidden
qt_officer   hidden  denied
supervisor   denied  denied
ld_leader    denied  hidden
"""
CELLS = [line.split() for line in MATRIX.strip().splitlines()]
PAGE_STATUS = {"ok": 302, "hidden": 404, "denied": 403}
API_STATUS = {"ok": 200, "hidden": 404, "denied": 403}


def _page_call(client, link, decision):
    url = f"/cases/{link.case_id}/repeats/{link.pk}/{decision}/"
    return client.post(url, {"merge_number": "HB-1", "note": "同一石料厂"} if decision == "confirm"
                       else {"note": "不是同一处"})


def _api_call(client, link, decision):
    body = {"merge_number": "HB-1"} if decision == "confirm" else {"note": "不是同一处"}
    return client.post(f"/api/case-repeats/{link.pk}/{decision}/", body, format="json")


@pytest.mark.parametrize("through", ["page", "api"])
def test_confirm_and_dismiss_by_role_in_and_out_of_reach(proposals, api, through):
    w, failures = proposals, []
    for user, *outcomes in CELLS:
        client = client_for(w, user) if through == "page" else api(user)
        call, statuses = (_page_call, PAGE_STATUS) if through == "page" else (_api_call, API_STATUS)
        for key, outcome in zip(("ld", "qt"), outcomes):
            for decision, status in (("confirm", RepeatStatus.CONFIRMED), ("dismiss", RepeatStatus.DISMISSED)):
                with transaction.atomic():
                    response = call(client, w.links[key], decision)
                    done = RepeatLink.objects.get(pk=w.links[key].pk).status == status
                    transaction.set_rollback(True)
                if response.status_code != statuses[outcome] or done != (outcome == "ok"):
                    failures.append(f"{user} {decision} {key}: {response.status_code} done={done}, expected {outcome}")
    assert failures == []


def test_case_page_shows_the_proposal_side_by_side_with_forms_for_the_office(proposals):
    w = proposals
    html = client_for(w, "coord").get(f"/cases/{w.again.pk}/").content.decode()
    link = w.links["ld"]
    assert 'id="repeats"' in html and f'id="repeat-{link.pk}"' in html
    assert f'href="/cases/{w.first.pk}/"' in html and w.first.number in html
    assert "第1批" in html and "同一地点且内容近似" in html and f"相似度 {round(link.score * 100)}%" in html
    assert QUARRY[:30] in html and QUARRY_AGAIN[:30] in html  # both texts, side by side
    assert f'action="/cases/{w.again.pk}/repeats/{link.pk}/confirm/"' in html and 'name="merge_number"' in html
    assert f'action="/cases/{w.again.pk}/repeats/{link.pk}/dismiss/"' in html
    assert "可能反弹" not in html
    # The earlier case shows who repeats it.
    earlier = client_for(w, "coord").get(f"/cases/{w.first.pk}/").content.decode()
    assert 'id="repeated-by"' in earlier and f'href="/cases/{w.again.pk}/"' in earlier


def test_officer_reads_the_proposal_without_forms(proposals):
    w = proposals
    html = client_for(w, "ld_officer").get(f"/cases/{w.again.pk}/").content.decode()
    assert w.first.number in html and "由整改办确认或排除" in html
    assert "/confirm/" not in html and "/dismiss/" not in html


def test_earlier_case_out_of_the_users_reach_is_named_but_not_shown(proposals, api):
    w = proposals
    Case.objects.filter(pk=w.first.pk).update(lead_unit=w.units["eco"])
    html = client_for(w, "ld_officer").get(f"/cases/{w.again.pk}/").content.decode()
    assert w.first.number in html and f'href="/cases/{w.first.pk}/"' not in html
    assert "无权查看在先件内容" in html and QUARRY[:30] not in html
    # The API gives the number and no text either.
    [row] = api("ld_officer").get(f"/api/cases/{w.again.pk}/repeats/").json()
    assert row["earlier_number"] == w.first.number and row["earlier_summary"] is None


def test_repeat_of_a_signed_off_task_is_flagged_as_a_possible_rebound(proposals, make_task):
    w = proposals
    task = make_task()
    with state_change():
        Task.objects.filter(pk=task.pk).update(state=TaskState.SIGNED_OFF)
    newer = w.case(6, summary=QUARRY_AGAIN + "现在还在开采。")
    Case.objects.filter(pk=w.first.pk).update(task=task)
    find_repeats(Case.objects.filter(pk=newer.pk), acting_user=None)
    link = RepeatLink.objects.get(case=newer, earlier=w.first)
    assert link.rebound
    html = client_for(w, "coord").get(f"/cases/{newer.pk}/").content.decode()
    assert "可能反弹" in html.split(f'id="repeat-{link.pk}"')[1].split("</li>")[0]


def test_confirm_with_merge_number_then_a_second_submission_changes_nothing(proposals):
    w = proposals
    link, coord = w.links["ld"], client_for(w, "coord")
    url = f"/cases/{w.again.pk}/repeats/{link.pk}/"
    response = coord.post(url + "confirm/", {"merge_number": " HB-2020-01 ", "note": "同一石料厂，合并办理"}, follow=True)
    html = response.content.decode()
    assert "已确认为重复件" in html
    link.refresh_from_db()
    assert (link.status, link.merge_number, link.decided_by) == (RepeatStatus.CONFIRMED, "HB-2020-01", w.users["coord"])
    section = html.split('id="repeats"')[1]
    assert "确认重复" in section and "HB-2020-01" in section and "同一石料厂，合并办理" in section
    assert w.users["coord"].username in section and f"/repeats/{link.pk}/confirm/" not in section
    # The same form posted again (a second tab, a double click): a message, nothing changed, no 500.
    again = coord.post(url + "dismiss/", {"note": "误判"}, follow=True)
    assert again.status_code == 200 and "该重复件建议已由coord于" in again.content.decode()
    assert "处理（确认重复），未再更改" in again.content.decode()
    link.refresh_from_db()
    assert link.status == RepeatStatus.CONFIRMED and link.note == "同一石料厂，合并办理"
    listed = coord.get("/cases/", {"repeat": "confirmed"}).content.decode()
    assert w.again.number in listed and w.qt_again.number not in listed


def test_dismiss_needs_a_reason_and_page_refuses_get_and_foreign_links(proposals):
    w = proposals
    link, coord = w.links["ld"], client_for(w, "coord")
    url = f"/cases/{w.again.pk}/repeats/{link.pk}/"
    html = coord.post(url + "dismiss/", {"note": "  "}, follow=True).content.decode()
    assert "请填写排除理由" in html
    assert RepeatLink.objects.get(pk=link.pk).status == RepeatStatus.PROPOSED
    too_long = coord.post(url + "confirm/", {"merge_number": "x" * 65}, follow=True).content.decode()
    assert "合并编号" in too_long and RepeatLink.objects.get(pk=link.pk).status == RepeatStatus.PROPOSED
    assert coord.get(url + "confirm/").status_code == 405
    other = w.links["qt"]
    assert coord.post(f"/cases/{w.again.pk}/repeats/{other.pk}/confirm/").status_code == 404
    coord.post(url + "dismiss/", {"note": "不是同一家石料厂"})
    link.refresh_from_db()
    assert link.status == RepeatStatus.DISMISSED and link.note == "不是同一家石料厂"


def test_case_list_filters_and_badges_repeats_in_one_query(proposals):
    w = proposals
    coord = client_for(w, "coord")
    page = coord.get("/cases/", {"repeat": "proposed"}).content.decode()
    assert w.again.number in page and w.qt_again.number in page and w.first.number not in page
    assert page.count("repeat-badge") == 2 and "疑似重复" in page
    assert coord.get("/cases/", {"repeat": "maybe"}).status_code == 400
    with CaptureQueriesContext(connection) as few:
        coord.get("/cases/")
    for n in range(6):
        w.case(1, summary=RESTAURANT + "（再次）" * (n + 1))
        w.case(6, summary=RESTAURANT + "（再次）" * (n + 1) + "仍然直排。")
    find_repeats(Case.objects.all(), acting_user=None)
    assert RepeatLink.objects.count() > 4
    with CaptureQueriesContext(connection) as many:
        page = coord.get("/cases/").content.decode()
    assert len(many) == len(few) and page.count("repeat-badge") > 4


def test_repeats_page_lists_open_proposals_in_reach_with_filters(proposals, monkeypatch):
    w = proposals
    coord = client_for(w, "coord")
    page = coord.get("/cases/repeats/").content.decode()
    assert w.again.number in page and w.qt_again.number in page
    page = coord.get("/cases/repeats/", {"batch": 4}).content.decode()
    assert w.qt_again.number in page and w.again.number not in page
    page = coord.get("/cases/repeats/", {"reason": "cited"}).content.decode()
    assert "暂无重复件建议" in page
    page = coord.get("/cases/repeats/", {"inspection": w.case_inspection.pk}).content.decode()
    assert f'value="{w.case_inspection.pk}" selected' in page and w.again.number in page
    assert coord.get("/cases/repeats/", {"reason": "guess"}).status_code == 400
    confirm_repeat(w.links["ld"], acting_user=w.users["coord"])
    assert w.again.number not in coord.get("/cases/repeats/").content.decode()  # open ones by default
    assert w.again.number in coord.get("/cases/repeats/", {"status": ""}).content.decode()
    assert w.qt_again.number in client_for(w, "qt_officer").get("/cases/repeats/").content.decode()
    assert "暂无重复件建议" in client_for(w, "wz_coord").get("/cases/repeats/").content.decode()
    monkeypatch.setattr("ducha.cases.views.repeats.PAGE_SIZE", 1)
    first, second = (coord.get("/cases/repeats/", {"status": "", "page": n}).content.decode() for n in (1, 2))
    assert "1 / 2" in first and (w.again.number in first) != (w.again.number in second)
    batch = coord.get(f"/cases/batches/{w.qt_again.batch_id}/").content.decode()
    assert 'id="batch-repeats"' in batch and "待确认重复件 1" in batch


def test_api_lists_and_decides_with_field_named_errors(proposals, api):
    w = proposals
    coord, link = api("coord"), w.links["ld"]
    rows = coord.get(f"/api/cases/{w.again.pk}/repeats/").json()
    assert [(r["earlier_number"], r["status"], r["reason"]) for r in rows] == [(w.first.number, "proposed", "similar")]
    assert rows[0]["earlier_summary"] == QUARRY
    assert api("wz_coord").get(f"/api/cases/{w.again.pk}/repeats/").status_code == 404
    listed = coord.get("/api/case-repeats/", {"status": "proposed", "batch": 5}).json()
    assert [r["id"] for r in listed["results"]] == [link.pk]
    assert coord.get("/api/case-repeats/", {"reason": "guess"}).status_code == 400
    assert api("qt_officer").get("/api/case-repeats/").json()["count"] == 1
    missing = coord.post(f"/api/case-repeats/{link.pk}/dismiss/", {}, format="json")
    assert missing.status_code == 400 and "note" in missing.json()
    long = coord.post(f"/api/case-repeats/{link.pk}/confirm/", {"merge_number": "x" * 65}, format="json")
    assert long.status_code == 400 and "merge_number" in long.json()
    done = coord.post(f"/api/case-repeats/{link.pk}/confirm/", {"merge_number": "HB-9", "note": "同一厂"}, format="json")
    assert done.status_code == 200
    body = done.json()
    assert (body["status"], body["merge_number"], body["decided_by_name"]) == ("confirmed", "HB-9", "coord")
    twice = coord.post(f"/api/case-repeats/{link.pk}/dismiss/", {"note": "误判"}, format="json")
    assert twice.status_code == 400 and "处理（确认重复）" in twice.json()["status"][0]
    assert RepeatLink.objects.get(pk=link.pk).status == RepeatStatus.CONFIRMED
