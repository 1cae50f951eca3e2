"""Hostile requests to the API: each is a 400 that names what was wrong, never a 500.

Each case is an attack testers ran against `make demo`."""

import time

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def admin(world):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(world.users["admin"])
    return client


@pytest.mark.parametrize("url, field, label", [
    ("/api/tasks/?parent=9223372036854775808", "parent", "上级任务"),
    ("/api/tasks/?parent=-9223372036854775809", "parent", "上级任务"),
    ("/api/tasks/?parent=abc", "parent", "上级任务"),
    ("/api/tasks/?parent=1.5", "parent", "上级任务"),
    ("/api/plans/?parent=9223372036854775808", "parent", "上级方案 id"),
    ("/api/problems/?inspection=99999999999999999999", "inspection", "督察 id"),
    ("/api/inspections/?round_number=1e400", "round_number", "轮次"),
    ("/api/inspections/?round_number=9223372036854775808", "round_number", "轮次"),
    ("/api/tasks/?deadline_after=2020-13-45", "deadline_after", "时限起"),
    ("/api/tasks/?state=nonsense", "state", "整改状态"),
    ("/api/tasks/?state=p%3D%25x", "state", "整改状态"),  # a "%" in the value quoted back (schemathesis)
    ("/api/tasks/export/?state=100%25", "state", "整改状态"),
    ("/api/tasks/?ordering=password", "ordering", "排序"),
    ("/api/divisions/?level=9", "level", "层级"),
    ("/api/tasks/?q=" + "扬" * 201, "q", "搜索"),
    ("/api/tasks/?page=abc", "page", "页码"),
    ("/api/tasks/?page=0", "page", "页码"),
    ("/api/tasks/?page=99999999999999999999999", "page", "页码"),
    ("/api/units/?page_size=0", "page_size", "每页条数"),
    ("/api/units/?page_size=501", "page_size", "每页条数"),
])
def test_bad_query_parameter_is_a_400_naming_the_field(admin, url, field, label):
    response = admin.get(url)
    assert response.status_code == 400, response.content
    messages = response.json()[field]
    assert messages and all(m.startswith(label + "：") for m in messages), messages


def test_multi_value_filters_take_at_most_the_configured_number(admin, settings):
    states = "&".join(["state=in_progress"] * 101)
    response = admin.get(f"/api/tasks/?{states}")
    assert response.status_code == 400
    assert response.json()["state"] == ["整改状态：最多可选 100 项，收到 101 项。"]
    assert admin.get("/api/tasks/?" + "&".join(["state=in_progress"] * 100)).status_code == 200
    settings.DUCHA_MAX_FILTER_IDS = 2
    assert admin.get("/api/tasks/?state=done&state=in_progress&state=not_started").status_code == 400
    assert admin.get("/api/tasks/?ordering=" + ",".join(["id"] * 3)).json()["ordering"][0].startswith("排序：最多可选 2")


def test_twenty_thousand_unit_ids_are_refused_at_once(admin, world):
    start = time.perf_counter()
    response = admin.get("/api/tasks/?" + "&".join(f"unit={i}" for i in range(1, 20_001)))
    assert response.status_code == 400
    assert response.json() == {"detail": "请求参数或表单字段数超过 10000 个的上限。"}
    assert time.perf_counter() - start < 2


def _json_operations():
    """(method, path) of every operation that reads a JSON body, from the app's own schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path) for path, item in schema["paths"].items() for method, operation in item.items()
            if "application/json" in operation.get("requestBody", {}).get("content", {})]


def _sent_to_every_json_endpoint(admin, world, task, body):
    """(method, url, response) of `body` sent to every operation that reads JSON, on objects of the world
    (`task` among them); operations on a collection the world has no object of that answer 404 are left out
    (the view stops before reading the body)."""
    from ducha.ledger.models import Problem
    from ducha.supervision.actions import flag_task

    problem = Problem.objects.create(inspection=world.inspection, division=world.div["ls"], description="扬尘")
    ids = {"tasks": task.pk, "plans": world.plan.pk, "inspections": world.inspection.pk,
           "problems": problem.pk,
           "supervisions": flag_task(acting_user=world.users["admin"], task=task, note="核实进度").pk}
    operations = _json_operations()
    assert len(operations) >= 10
    for method, path in operations:
        # /api/<collection>/{id}/…, or /api/chronicle/<collection>/{id}/
        collection = path.split("/")[3 if path.startswith("/api/chronicle/") else 2]
        url = path.replace("{id}", str(ids.get(collection, 0))).replace("{name}", "claim")
        response = getattr(admin, method)(url, body, content_type="application/json")
        if collection not in ids and response.status_code == 404:
            continue
        yield method, url, response


@pytest.mark.parametrize("depth", [5_000, 1_000_000])
def test_deeply_nested_json_is_refused_on_every_json_endpoint(admin, world, make_task, depth):
    body = "[" * depth + "]" * depth
    for method, url, response in _sent_to_every_json_endpoint(admin, world, make_task(), body):
        assert response.status_code == 400, (method, url, response.status_code)
        detail = response.json()["detail"]
        assert ("JSON 嵌套超过 32 层" if depth == 5_000 else "字节的上限") in detail, (method, url, detail)


def test_json_body_over_the_size_limit_is_refused(admin, make_task, settings):
    task = make_task()
    settings.DUCHA_MAX_JSON_BYTES = 100
    response = admin.post(f"/api/tasks/{task.pk}/flag/", {"note": "x" * 200}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求体超过 100 字节的上限。"}


def test_form_body_with_too_many_fields_is_a_json_400(admin, make_task, settings):
    task = make_task()
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    body = "&".join(f"f{i}=1" for i in range(100))
    response = admin.post(f"/api/tasks/{task.pk}/flag/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求参数或表单字段数超过 20 个的上限。"}


def test_a_path_no_route_matches_is_a_json_404(admin):
    response = admin.get("/api/tasks/abc/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "未找到。"}


def test_schema_documents_the_refusals_of_every_operation(admin):
    schema = admin.get("/api/schema/?format=json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status in ("400", "401", "403", "404"):
                assert "application/json" in operation["responses"][status]["content"], (method, path, status)
    parent = next(p for p in schema["paths"]["/api/tasks/"]["get"]["parameters"] if p["name"] == "parent")
    assert parent["schema"]["maximum"] == 2**63 - 1


def test_a_task_body_with_thousands_of_unit_ids_is_refused_before_any_lookup(admin, world,
                                                                            django_assert_max_num_queries):
    body = {"plan": world.plan.pk, "number": "1", "target": "完成整改", "measures": "整治",
            "units": list(range(1, 2_001)), "category": "by_deadline"}
    with django_assert_max_num_queries(50):
        response = admin.post("/api/tasks/", body, format="json")
    assert response.status_code == 400
    assert "units" in response.json()


@pytest.mark.parametrize("body", ['"\\ud800"', '"进行中"', "null", "1", "true", "[]", '[{"progress": 10}]'])
def test_a_json_body_that_is_not_an_object_is_refused_on_every_json_endpoint(admin, world, make_task, body):
    """Valid JSON whose top level is not an object (a bare string, null, a number, an array) was taken as
    no input: a claim with body "\\ud800" answered 200 and claimed the task. Every JSON endpoint refuses it."""
    task = make_task()
    for method, url, response in _sent_to_every_json_endpoint(admin, world, task, body):
        assert response.status_code == 400, (method, url, response.status_code)
        assert "请求体应为 JSON 对象" in response.json()["detail"], (method, url)
    task.refresh_from_db()
    assert task.state == "not_started"


def test_a_claim_with_a_bare_json_string_claims_nothing(api, make_task):
    task = make_task(units=("ld_gov",), division="ld")
    response = api("ld_officer").post(f"/api/tasks/{task.pk}/transitions/claim/", '"\\ud800"',
                                      content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": "请求体应为 JSON 对象（{…}），不能是数组、字符串、数字、true/false 或 null。"}
    task.refresh_from_db()
    assert task.state == "not_started"
    # No body at all is still no input: the claim goes through.
    assert api("ld_officer").post(f"/api/tasks/{task.pk}/transitions/claim/").status_code == 200


@pytest.mark.parametrize("body, detail", [
    ("{x", "请求体不是有效的 JSON：第 1 行第 2 列。"),
    ("nan", "请求体不是有效的 JSON：第 1 行第 1 列。"),
    ("<a/>", "请求体不是有效的 JSON：第 1 行第 1 列。"),
    ('{"progress":\n NaN}', "请求体不是有效的 JSON：含 NaN、Infinity 或位数过多的数值。"),
])
def test_a_body_that_is_not_json_is_refused_in_chinese(admin, make_task, body, detail):
    response = admin.patch(f"/api/tasks/{make_task().pk}/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"detail": detail}
