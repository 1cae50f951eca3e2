import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.cases import actions
from ducha.cases.models import Case, Review, Routing, RoutingRule

from .tables import PROVINCIAL, STANDARD, csv_bytes, xlsx

pytestmark = pytest.mark.django_db


def client_for(world, name):
    client = Client()
    client.force_login(world.users[name])
    return client


def test_upload_preview_confirm(world, inspection):
    client = client_for(world, "coord")
    upload = SimpleUploadedFile("第2批.csv", csv_bytes(PROVINCIAL), content_type="text/csv")
    page = client.post("/cases/import/", {"action": "preview", "inspection": inspection.pk, "batch": 2,
                                          "transferred_on": "2024-06-12", "file": upload})
    assert page.status_code == 200 and "确认导入" in page.content.decode() and not Case.objects.exists()
    token = client.session["cases_import"]["token"]
    done = client.post("/cases/import/", {"action": "confirm", "token": token})
    assert done.status_code == 302 and Case.objects.count() == 2
    batch_page = client.get(done.url).content.decode()
    assert "第2批" in batch_page and "某建筑工地扬尘严重" in batch_page


def test_preview_lists_errors_by_row_and_column(world, inspection):
    client = client_for(world, "coord")
    rows = [[*STANDARD["rows"][0][:6], "待核实", *STANDARD["rows"][0][7:]]]
    upload = SimpleUploadedFile("bad.xlsx", xlsx({**STANDARD, "rows": rows}))
    page = client.post("/cases/import/", {"action": "preview", "inspection": inspection.pk, "batch": 1,
                                          "transferred_on": "2024-06-11", "file": upload}).content.decode()
    assert "是否属实" in page and "待核实" in page and "没有任何数据被写入" in page


def test_import_page_refused_to_officers(world, inspection):
    assert client_for(world, "ld_officer").get("/cases/import/").status_code == 403


def test_list_filters_and_search(world, imported):
    imported(xlsx(STANDARD))
    client = client_for(world, "coord")
    page = client.get("/cases/", {"q": "石材"}).content.decode()
    assert "D3ZJ202406110042" in page and "X3ZJ202406110007" not in page
    page = client.get("/cases/", {"verdict": "false"}).content.decode()
    assert "D3ZJ202406110051" in page and "D3ZJ202406110042" not in page
    page = client.get("/cases/", {"key": "true"}).content.decode()
    assert "D3ZJ202406110042" in page and "D3ZJ202406110051" not in page
    page = client.get("/cases/", {"division": "331121"}).content.decode()
    assert "X3ZJ202406110007" in page and "D3ZJ202406110042" not in page
    page = client.get("/cases/", {"type": "noise"}).content.decode()
    assert "D3ZJ202406110042" in page and "X3ZJ202406110007" not in page
    assert client.get("/cases/", {"batch": "x"}).status_code == 400


def test_route_handle_review_through_the_pages(world, imported):
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    coord, officer = client_for(world, "coord"), client_for(world, "ld_officer")
    assert officer.get(f"/cases/{case.pk}/").status_code == 404  # not routed to them yet
    # The unit is found by typing part of its name, each unit shown with its division.
    page = coord.get(f"/cases/{case.pk}/").content.decode()
    route_form = page[page.index('name="lead_unit"') - 200:]
    assert 'data-search="输入单位名称筛选"' in route_form and "莲都区人民政府 · 莲都区" in route_form
    coord.post(f"/cases/{case.pk}/route/", {"version": case.version, "division": "331102",
                                            "lead_unit": world.units["ld_gov"].pk})
    case.refresh_from_db()
    assert case.routing == Routing.CONFIRMED
    assert "石材加工厂" in officer.get("/my/").content.decode()  # on the lead unit's my-work page at once
    form = {"version": case.version, "investigation": "核查属实。", "verdict": "true", "handling": "已责令整改。",
            "needs_rectification": "false", "ordered_to_rectify": 1, "penalty_cases": 1, "fine_yuan": "35000.00",
            "criminal_cases": 0, "administrative_detentions": 0, "criminal_detentions": 0, "interviews": 0,
            "accountable_persons": 0, "report": "1"}
    officer.post(f"/cases/{case.pk}/handling/", form)
    case.refresh_from_db()
    assert case.review == "pending" and str(case.fine_yuan) == "35000.00"
    coord.post(f"/cases/{case.pk}/review/", {"version": case.version, "decision": "approve"})
    case.refresh_from_db()
    assert case.review == "approved"
    world.users["coord"].full_name = "周协调"
    world.users["coord"].save(update_fields=["full_name"])
    history = coord.get(f"/cases/{case.pk}/").content.decode()
    history = history[history.index('id="history"'):]
    assert "信访件分办" in history and "审核信访件" in history and "cases.route" not in history
    assert "周协调" in history  # people by name, not login


def test_complainant_page_only_for_handling_unit_and_audited(world, imported):
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    case = actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])
    actions.set_complainant(acting_user=world.users["coord"], case=case, name="王某", contact="13900002222")
    assert "王某" not in client_for(world, "coord").get(f"/cases/{case.pk}/").content.decode()
    assert "13900002222" in client_for(world, "ld_officer").get(f"/cases/{case.pk}/complainant/").content.decode()
    assert client_for(world, "supervisor").get(f"/cases/{case.pk}/complainant/").status_code == 403
    assert AuditEntry.objects.filter(action="cases.complainant_view").count() == 1


def test_the_type_filter_still_works_after_the_api_schema_was_built(world, imported):
    """The schema builds the class-level filters' form fields (with the empty class-level choice list);
    the list must still read the configured types afterwards, in the same process."""
    from drf_spectacular.generators import SchemaGenerator

    SchemaGenerator().get_schema(request=None, public=True)
    imported(xlsx(STANDARD))
    page = client_for(world, "coord").get("/cases/", {"type": "noise"}).content.decode()
    assert "D3ZJ202406110042" in page and "X3ZJ202406110007" not in page


def test_the_reviewer_sees_what_approving_will_publish_masked(world, imported):
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    coord = world.users["coord"]
    case = actions.route_case(acting_user=coord, case=case, lead_unit=world.units["ld_gov"])
    actions.set_complainant(acting_user=coord, case=case, name="吴建华", contact="13900002222")
    officer = world.users["ld_officer"]
    case = actions.record_handling(acting_user=officer, case=case, investigation="经查属实。", verdict="true",
                                   handling="已责令整改，并电话回复吴建华（13900002222）。")
    case = actions.report_handling(acting_user=officer, case=case)
    page = client_for(world, "coord").get(f"/cases/{case.pk}/").content.decode()
    preview = page[page.index('id="public-preview"'):page.index("</details>", page.index('id="public-preview"'))]
    assert "处理和整改情况" in preview and "已责令整改，并电话回复吴某（139********）" in preview
    assert "吴建华" not in preview and "13900002222" not in preview
    # Only while a review is pending, and only for the office.
    assert 'id="public-preview"' not in client_for(world, "ld_officer").get(f"/cases/{case.pk}/").content.decode()
    actions.review_case(acting_user=coord, case=case, approve=True)
    assert 'id="public-preview"' not in client_for(world, "coord").get(f"/cases/{case.pk}/").content.decode()


def test_a_handling_record_refused_as_stale_keeps_what_the_unit_typed(world, imported):
    """The unit writes its investigation while the office changes the case (a call-back, a new routing):
    saving is refused, and the page shows the message with the text still in the form, so the unit saves
    again instead of typing it all anew; the second save goes through."""
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    case = actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])
    read_version, investigation = case.version, case.investigation
    actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"],
                       co_units=[world.units["ld_eco"]], version=case.version)  # the office adds a co-unit
    officer = client_for(world, "ld_officer")
    form = {"version": read_version, "investigation": "经现场核查，石材加工厂夜间偷排粉尘属实。", "verdict": "true",
            "handling": "已责令停产整改。", "needs_rectification": "false", "ordered_to_rectify": 1,
            "penalty_cases": 0, "fine_yuan": "0", "criminal_cases": 0, "administrative_detentions": 0,
            "criminal_detentions": 0, "interviews": 0, "accountable_persons": 0}
    refused = officer.post(f"/cases/{case.pk}/handling/", form)
    page = refused.content.decode()
    assert refused.status_code == 400 and "已被他人修改" in page
    assert "经现场核查，石材加工厂夜间偷排粉尘属实。" in page and "已责令停产整改。" in page
    case.refresh_from_db()
    assert case.investigation == investigation
    again = refused.context["handling_form"].data
    assert officer.post(f"/cases/{case.pk}/handling/", again).status_code == 302
    case.refresh_from_db()
    assert case.investigation == "经现场核查，石材加工厂夜间偷排粉尘属实。"


def test_confirming_a_batchs_routes_says_how_many_were_confirmed(world, imported):
    """One click confirms every proposal of the batch: the page says how many, and, clicked again with
    nothing left to confirm, says so plainly instead of claiming it confirmed them all."""
    RoutingRule.objects.create(division=world.div["ld"], lead_unit=world.units["ld_gov"])
    RoutingRule.objects.create(division=world.div["qt"], lead_unit=world.units["qt_gov"])
    imported(xlsx(STANDARD))
    batch = Case.objects.get(number="D3ZJ202406110042").batch
    proposed = Case.objects.filter(batch=batch, routing=Routing.PROPOSED).count()
    assert proposed == 2  # 莲都区 and 青田县; the development zone names no unit and waits for routing by hand
    coord = client_for(world, "coord")
    page = coord.post(f"/cases/batches/{batch.pk}/confirm-routes/", follow=True).content.decode()
    assert f"已确认 {proposed} 件的分办。" in page
    assert Case.objects.filter(batch=batch, routing=Routing.CONFIRMED).count() == proposed
    again = coord.post(f"/cases/batches/{batch.pk}/confirm-routes/", follow=True).content.decode()
    assert "本批没有待确认的分办建议" in again and "已确认" not in again


def test_an_officer_cannot_confirm_a_batchs_routes_even_with_none_left(world, imported):
    """The office confirms routes. An officer's post was answered 已确认… whenever nothing was left to
    confirm (the permission was checked only per case); it is refused whatever the batch holds."""
    imported(xlsx(STANDARD))
    batch = Case.objects.get(number="D3ZJ202406110042").batch
    officer = client_for(world, "ld_officer")
    assert not Case.objects.filter(batch=batch, routing=Routing.PROPOSED).exists()
    response = officer.post(f"/cases/batches/{batch.pk}/confirm-routes/", follow=True)
    assert response.status_code == 403 and "已确认" not in response.content.decode()


def _form_on(page, action):
    """The HTML of the form posting to `action` on the page ("" when there is none)."""
    found = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', page, re.S)
    return found.group(0) if found else ""


def _reported(world, imported):
    """The 莲都区 case routed, handled and reported by the unit: waiting for the coordinator's review."""
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    case = actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])
    officer = world.users["ld_officer"]
    case = actions.record_handling(acting_user=officer, case=case, investigation="夜间生产属实。", verdict="true",
                                   handling="已责令停产整改。")
    return actions.report_handling(acting_user=officer, case=case)


def test_a_review_refused_as_stale_keeps_the_coordinators_note(world, imported):
    """The coordinator writes why the record goes back while the unit adds to it: returning is refused
    (已被他人修改), and the note written is still in the review form; sent again it returns the record."""
    case = _reported(world, imported)
    read_version = case.version
    actions.record_handling(acting_user=world.users["ld_officer"], case=case, accountability="约谈厂长1人。")
    coord = client_for(world, "coord")
    note = "请补充夜间噪声监测报告和停产整改的现场照片。"
    refused = coord.post(f"/cases/{case.pk}/review/", {"version": read_version, "decision": "return", "note": note})
    page = refused.content.decode()
    assert refused.status_code == 400 and "已被他人修改" in page
    assert re.search(rf'<textarea name="note"[^>]*>\s*{note}</textarea>', _form_on(page, f"/cases/{case.pk}/review/"))
    case.refresh_from_db()
    assert case.review == Review.PENDING and case.review_note == ""
    again = dict(refused.context["review_form"].data.items(), decision="return")
    assert coord.post(f"/cases/{case.pk}/review/", again).status_code == 302
    case.refresh_from_db()
    assert case.review == Review.RETURNED and case.review_note == note


def test_a_case_without_a_contact_offers_no_call_back_form_and_says_why(world, routed):
    """回访 needs a contact: without one the page said nothing until the form was sent and refused."""
    officer = client_for(world, "ld_officer")
    page = officer.get(f"/cases/{routed.pk}/").content.decode()
    assert 'id="no-callback"' in page and f'action="/cases/{routed.pk}/callback/"' not in page
    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    page = officer.get(f"/cases/{routed.pk}/").content.decode()
    assert 'id="no-callback"' not in page and f'action="/cases/{routed.pk}/callback/"' in page


def test_a_call_back_without_a_contact_is_refused_as_the_cases_not_a_fields(world, routed):
    """No contact is no fault of the call-back's fields (result, on, note): the refusal names none. The API
    answers non_field_errors (it answered `callback`, no input of the call-back but the case's result field);
    the page says it and, in the 回访 card, why and who records the contact, keeping what was written."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
    from rest_framework.test import APIClient

    refusal = "该信访件没有信访人联系方式，无法回访。"
    with pytest.raises(ValidationError) as refused:
        actions.record_callback(acting_user=world.users["ld_officer"], case=routed, result="mostly")
    assert refused.value.message_dict == {NON_FIELD_ERRORS: [refusal]}
    client = APIClient()
    client.force_authenticate(world.users["ld_officer"])
    response = client.post(f"/api/cases/{routed.pk}/callback/", {"result": "mostly"}, format="json")
    assert response.status_code == 400 and response.json() == {"non_field_errors": [refusal]}
    note = "电话回访，信访人基本满意。"
    page = client_for(world, "ld_officer").post(f"/cases/{routed.pk}/callback/", {
        "version": routed.version, "result": "mostly", "note": note})
    html = page.content.decode()
    assert page.status_code == 400 and html.count(refusal) == 1
    card = html[html.index('id="callback-card"'):]
    assert 'id="no-callback"' in card and "整改办登记联系方式后可记录回访" in card
    form = _form_on(html, f"/cases/{routed.pk}/callback/")
    assert re.search(rf'<textarea name="note"[^>]*>\s*{note}</textarea>', form)
    routed.refresh_from_db()
    assert routed.callback == "" and routed.callback_note == ""


def test_a_refused_call_back_keeps_what_was_written(world, routed):
    """A call-back dated tomorrow is refused; the notes of the call and the result chosen stay in the form."""
    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    routed.refresh_from_db()
    officer = client_for(world, "ld_officer")
    note = "电话回访，信访人对停产整改基本满意，希望加强夜间巡查。"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    refused = officer.post(f"/cases/{routed.pk}/callback/", {"version": routed.version, "result": "mostly",
                                                              "on": tomorrow.isoformat(), "note": note})
    page = refused.content.decode()
    assert refused.status_code == 400 and "回访日期不能晚于今天" in page
    form = _form_on(page, f"/cases/{routed.pk}/callback/")
    assert re.search(rf'<textarea name="note"[^>]*>\s*{note}</textarea>', form)
    assert re.search(r'<option value="mostly" selected>', form)
    routed.refresh_from_db()
    assert routed.callback == "" and routed.callback_note == ""


HANDLED = {"investigation": "经现场核查，石材加工厂夜间偷排粉尘属实。", "verdict": "true", "handling": "已责令停产整改。",
           "needs_rectification": "false", "ordered_to_rectify": 1, "penalty_cases": 0, "fine_yuan": "0",
           "criminal_cases": 0, "administrative_detentions": 0, "criminal_detentions": 0, "interviews": 0,
           "accountable_persons": 0}


def test_a_handling_record_sent_twice_is_saved_once_and_said_so(world, routed, api):
    """A double click on 保存并报送 (or the browser sending the form again): the second post carries the
    version the first one moved on and the same text. It is answered as a repeat (刚刚已提交过) and leads to
    the case, not as 已被他人修改 with the text left in the form to send a second time; nothing is written
    twice. The API answers a retry with the same If-Match 409 with the case's id."""
    officer = client_for(world, "ld_officer")
    form = {**HANDLED, "version": routed.version, "report": "1"}
    assert officer.post(f"/cases/{routed.pk}/handling/", form).status_code == 302
    routed.refresh_from_db()
    saved_version, entries = routed.version, AuditEntry.objects.filter(object_id=str(routed.pk)).count()
    again = officer.post(f"/cases/{routed.pk}/handling/", form, follow=True)
    page = again.content.decode()
    assert again.status_code == 200 and "相同的办理情况刚刚已提交过" in page and "已被他人修改" not in page
    routed.refresh_from_db()
    assert routed.version == saved_version and routed.review == "pending"
    assert AuditEntry.objects.filter(object_id=str(routed.pk)).count() == entries
    client = api("ld_officer")
    tag = f'"case-{routed.pk}-v{routed.version}"'
    body = {"investigation": "复核：已停产整改到位。", "handling": "已责令停产整改。"}
    assert client.patch(f"/api/cases/{routed.pk}/handling/", body, format="json", HTTP_IF_MATCH=tag).status_code == 200
    retry = client.patch(f"/api/cases/{routed.pk}/handling/", body, format="json", HTTP_IF_MATCH=tag)
    assert retry.status_code == 409 and retry.json()["id"] == routed.pk


def test_a_handling_record_on_an_old_version_that_differs_is_still_stale(world, routed):
    """Not a repeat: the same unit's second tab with other text, or the same text after the office changed
    the case, is refused as 已被他人修改 (the text stays in the form)."""
    officer = client_for(world, "ld_officer")
    read_version = routed.version
    assert officer.post(f"/cases/{routed.pk}/handling/", {**HANDLED, "version": read_version}).status_code == 302
    other = officer.post(f"/cases/{routed.pk}/handling/", {**HANDLED, "version": read_version, "handling": "已停产。"})
    assert other.status_code == 400 and "已被他人修改" in other.content.decode()
    routed.refresh_from_db()
    actions.route_case(acting_user=world.users["coord"], case=routed, lead_unit=world.units["ld_gov"],
                       co_units=[world.units["ld_eco"]], version=routed.version)  # the office adds a co-unit
    same = officer.post(f"/cases/{routed.pk}/handling/", {**HANDLED, "version": read_version})
    assert same.status_code == 400 and "已被他人修改" in same.content.decode()


def test_a_batch_longer_than_its_page_says_where_the_rest_is(world, imported):
    """The batch page lists the first 500 cases; a batch of 501 says so and leads to the whole list."""
    good = STANDARD["rows"][1]
    rows = [[str(i), f"X3ZJ2024061{i:05d}", f"青田县某养殖场{i}号废水直排。", *good[3:]] for i in range(1, 502)]
    assert imported(csv_bytes({"header": STANDARD["header"], "rows": rows})).ok
    batch = Case.objects.first().batch
    page = client_for(world, "coord").get(f"/cases/batches/{batch.pk}/").content.decode()
    assert page.count('data-label="序号"') == 500
    assert 'id="batch-more"' in page and "共 501 件" in page
    assert f'href="/cases/?batch=1&amp;inspection={batch.inspection_id}"' in page


def test_the_preview_of_a_long_table_counts_every_row_it_read(world, inspection):
    """A preview lists the first rows; the count beside them is the table's, not the preview's."""
    good = STANDARD["rows"][1]
    rows = [[str(i), f"X3ZJ2024061{i:05d}", f"青田县某养殖场{i}号废水直排。", *good[3:]] for i in range(1, 602)]
    upload = SimpleUploadedFile("第3批.csv", csv_bytes({"header": STANDARD["header"], "rows": rows}),
                                content_type="text/csv")
    page = client_for(world, "coord").post("/cases/import/", {
        "action": "preview", "inspection": inspection.pk, "batch": 3, "transferred_on": "2024-06-12",
        "file": upload}).content.decode()
    assert "新增 601" in page and "共 601 行" in page and "共 500 行" not in page


def test_a_transition_no_button_leads_to_is_not_found(world, routed):
    """POST /cases/<pk>/<name>/ with a name the workflow does not declare: 404, not 请检查填写的内容."""
    response = client_for(world, "coord").post(f"/cases/{routed.pk}/explode/", {"version": routed.version})
    assert response.status_code == 404


@pytest.mark.parametrize("version", [None, "", "abc", "0"])
def test_a_call_back_without_a_readable_version_is_refused_as_such(world, routed, version):
    """A call-back posted without its version (or with one no page gave) is refused naming the case's version,
    not with Django's bare "该字段是必填项。" that reads as if 回访结果 or 回访日期 were missing; nothing is
    written, and the form comes back with the current version to send again."""
    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    routed.refresh_from_db()
    data = {"result": "mostly", "note": "电话回访，基本满意。"} | ({} if version is None else {"version": version})
    refused = client_for(world, "ld_officer").post(f"/cases/{routed.pk}/callback/", data)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert f"该信访件的版本信息无效（当前为第 {routed.version} 版），请刷新页面后重新提交。" in page
    assert "必填项" not in page and "输入整数" not in page and "大于或等于" not in page
    assert f'name="version" value="{routed.version}"' in _form_on(page, f"/cases/{routed.pk}/callback/")
    routed.refresh_from_db()
    assert routed.callback == "" and routed.callback_note == ""


@pytest.mark.parametrize("path, data, user", [
    ("handling", {**HANDLED}, "ld_officer"),
    ("route", {"lead_unit": "UNIT"}, "coord"),
    ("stage", {"reason": ""}, "ld_officer"),
])
def test_the_other_case_forms_refuse_a_missing_version_the_same_way(world, routed, path, data, user):
    read = routed.version
    data = {k: (world.units["qt_gov"].pk if v == "UNIT" else v) for k, v in data.items()}
    response = client_for(world, user).post(f"/cases/{routed.pk}/{path}/", data, follow=True)
    page = response.content.decode()
    assert "该信访件的版本信息无效" in page and "必填项" not in page
    routed.refresh_from_db()
    assert routed.version == read


def test_a_review_without_a_version_is_refused_as_such(world, imported):
    case = _reported(world, imported)
    refused = client_for(world, "coord").post(f"/cases/{case.pk}/review/", {"decision": "approve"})
    assert refused.status_code == 400 and "该信访件的版本信息无效" in refused.content.decode()
    case.refresh_from_db()
    assert case.review == Review.PENDING
    # Returning without a note names the API's field (note), not the column (review_note).
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.users["coord"])
    response = client.post(f"/api/cases/{case.pk}/review/", {"approve": False}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["note"]


def test_call_back_refusals_name_the_field_the_client_sent(world, routed):
    """The API's call-back takes result / on / note: a refusal names those, not the case's columns
    (callback_on, callback_note)."""
    from rest_framework.test import APIClient

    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    client = APIClient()
    client.force_authenticate(world.users["ld_officer"])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(f"/api/cases/{routed.pk}/callback/", {"result": "mostly", "on": tomorrow}, format="json")
    assert response.status_code == 400 and response.json() == {"on": ["回访日期不能晚于今天。"]}
    response = client.post(f"/api/cases/{routed.pk}/callback/", {"result": "mostly", "note": "长" * 2001},
                           format="json")
    assert response.status_code == 400 and list(response.json()) == ["note"]


def test_a_batch_page_shows_a_case_without_a_number_as_a_dash_not_its_id(world, imported):
    """The 受理编号 column showed the database id of a case with no number, as if it were its number."""
    assert imported(xlsx(STANDARD)).ok
    case = Case.objects.order_by("pk").first()
    Case.objects.filter(pk=case.pk).update(number_raw="", number="")
    page = client_for(world, "coord").get(f"/cases/batches/{case.batch_id}/").content.decode()
    cell = re.search(rf'<a href="{case.get_absolute_url()}"[^>]*>(.*?)</a>', page)
    assert cell and cell.group(1) == "—"
