"""The Open311 GeoReport v2 read API against the specification's fields and rules
(https://wiki.open311.org/GeoReport_v2): requests/{id} answers a list of one, datetimes carry a zone,
status is open or closed, errors are [{code, description}]."""

import datetime as dt
import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.test import Client

from ducha.cases.models import Case, CaseState, CaseType
from ducha.cases.open311.records import REQUEST_FIELDS, SERVICE_FIELDS
from ducha.text.masking import leaks

from .outward_world import PERSONAL, cases_world  # noqa: F401

W3C = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def api(cases_world):
    w = cases_world
    w.open = w.case(1, state=CaseState.STAGED, summary=PERSONAL + "某砂场夜间非法开采", types=("ecology",),
                    latitude=Decimal("28.451993"), longitude=Decimal("119.921286"), due_on=dt.date(2020, 9, 10))
    w.closed = w.case(2, state=CaseState.DONE, types=("air",))
    w.hidden = w.case(2, reviewed=False, summary="未审核的件")
    return w


def _get(url, **params):
    response = Client().get(url, params)
    return response, (response.json() if response["Content-Type"].startswith("application/json") else None)


def test_services_lists_case_types_with_spec_fields(api):
    response, body = _get("/open311/v2/services.json")
    assert response.status_code == 200
    assert {s["service_code"] for s in body} >= {"air", "water", "ecology"}
    for service in body:
        assert set(service) == set(SERVICE_FIELDS)
        assert service["metadata"] is False and service["type"] in ("realtime", "batch", "blackbox")


def test_services_offer_only_the_types_in_use_with_chinese_texts(api):
    """A disabled type is filed under no more: services/ does not offer it (in JSON nor XML), while a
    disclosed case of that type still names it in requests/. The spec's keys stay as it writes them; the
    texts people read (description, group) are Chinese."""
    CaseType.objects.filter(code="air").update(is_active=False)
    _response, body = _get("/open311/v2/services.json")
    codes = {s["service_code"] for s in body}
    assert "air" not in codes and codes == set(CaseType.objects.filter(is_active=True).values_list("code", flat=True))
    root = ElementTree.fromstring(Client().get("/open311/v2/services.xml").content)
    assert "air" not in {node.text for node in root.iter("service_code")}
    water = next(s for s in body if s["service_code"] == "water")
    assert set(water) == set(SERVICE_FIELDS)
    assert water["description"] == f"{water['service_name']}类信访举报件" and water["group"] == "信访举报"
    _response, requests = _get(f"/open311/v2/requests/{api.closed.pk}.json")
    assert requests[0]["service_code"] == "air"


def test_requests_have_spec_fields_and_only_disclosed_cases(api):
    _response, body = _get("/open311/v2/requests.json")
    ids = {r["service_request_id"] for r in body}
    assert ids == {str(api.open.pk), str(api.closed.pk)}
    for item in body:
        assert set(item) >= {"service_request_id", "status", "status_notes", "agency_responsible", "service_name",
                             "requested_datetime", "updated_datetime", "expected_datetime", "address", "lat", "long"}
        assert set(item) <= set(REQUEST_FIELDS)
        assert item["status"] in ("open", "closed")
        assert W3C.match(item["requested_datetime"]) and W3C.match(item["updated_datetime"])
        assert item["agency_responsible"] == "莲都区人民政府"
        assert leaks(str(item)) == [] and "张三" not in str(item)
    staged = next(r for r in body if r["service_request_id"] == str(api.open.pk))
    assert staged["status"] == "open" and staged["status_notes"].startswith("阶段性办结")
    assert staged["lat"] == pytest.approx(28.451993) and staged["long"] == pytest.approx(119.921286)
    assert staged["expected_datetime"] == "2020-09-10T00:00:00+08:00"
    assert staged["service_code"] == "ecology"


def test_filters(api):
    assert [r["service_request_id"] for r in _get("/open311/v2/requests.json", status="closed")[1]] == [
        str(api.closed.pk)]
    assert [r["service_request_id"] for r in _get("/open311/v2/requests.json", service_code="ecology")[1]] == [
        str(api.open.pk)]
    day1 = api.open.transferred_on.isoformat()
    body = _get("/open311/v2/requests.json", start_date=day1 + "T00:00:00+08:00",
                end_date=day1 + "T23:59:59+08:00")[1]
    assert [r["service_request_id"] for r in body] == [str(api.open.pk)]


@pytest.mark.parametrize("params", [{"status": "pending"}, {"start_date": "yesterday"},
                                    {"start_date": "2020-01-01T00:00:00Z", "end_date": "2020-12-31T00:00:00Z"},
                                    {"service_request_id": "1;drop"}, {"end_date": "x" * 500}])
def test_bad_filters_answer_spec_errors(api, params):
    response, body = _get("/open311/v2/requests.json", **params)
    assert response.status_code == 400
    assert set(body[0]) == {"code", "description"} and body[0]["code"] == 400
    assert re.search(r"[\u4e00-\u9fff]", body[0]["description"]), body  # said in Chinese, like the site


def test_single_request_is_a_list_of_one_and_undisclosed_is_404(api):
    _response, body = _get(f"/open311/v2/requests/{api.closed.pk}.json")
    assert isinstance(body, list) and len(body) == 1 and body[0]["status"] == "closed"
    response, body = _get(f"/open311/v2/requests/{api.hidden.pk}.json")
    assert response.status_code == 404 and body[0]["code"] == 404
    assert _get("/open311/v2/requests/9223372036854775808.json")[0].status_code == 404


def test_xml_format(api):
    response = Client().get("/open311/v2/requests.xml")
    assert response.status_code == 200 and response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = ElementTree.fromstring(response.content)
    assert root.tag == "service_requests" and len(root.findall("request")) == 2
    assert root.find("request/status").text in ("open", "closed")
    assert ElementTree.fromstring(Client().get("/open311/v2/services.xml").content).tag == "services"
    assert Case.objects.count() == 3


def test_xml_stays_well_formed_when_a_case_text_holds_control_characters(api):
    Case.objects.filter(pk=api.open.pk).update(summary="某砂场\x01夜间\x1b非法开采", handling="已\x07查处")
    response = Client().get(f"/open311/v2/requests/{api.open.pk}.xml")
    request = ElementTree.fromstring(response.content).find("request")
    assert request.find("description").text.endswith("某砂场夜间非法开采")
    assert request.find("status_notes").text.endswith("已查处")


def test_the_recorded_complainant_is_masked_in_every_text(api):
    from ducha.cases.actions.privacy import set_complainant

    case = api.case(1, summary="王小红多次反映养殖场臭气。", handling="已回访王小红，满意。", area_text="王小红家附近")
    set_complainant(acting_user=api.users["coord"], case=case, name="王小红", contact="")
    response, data = _get(f"/open311/v2/requests/{case.pk}.json")
    (record,) = data
    assert "王小红" not in response.content.decode()
    assert record["description"] == "王某多次反映养殖场臭气。" and "已回访王某" in record["status_notes"]
    assert record["address"] == "王某家附近"
