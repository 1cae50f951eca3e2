"""Inspections, problems and plans through the API: scope along the line of divisions, audited writes."""

import pytest

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Inspection, Plan, Problem


@pytest.fixture
def problems(world):
    ls = Problem.objects.create(inspection=world.inspection, code="1", description="丽水市区建筑工地扬尘管控不力",
                                division=world.div["ls"])
    qt = Problem.objects.create(inspection=world.inspection, code="2", kind=Problem.Kind.COMPLAINT,
                                description="青田县某石材厂废水直排", division=world.div["qt"])
    return {"ls": ls, "qt": qt}


def audit_actions(obj):
    return list(AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
                .values_list("action", "actor_name"))


def test_coordinator_registers_a_city_inspection_and_edits_it(api, world):
    client = api("coord")
    response = client.post("/api/inspections/", {"name": "丽水市生态环境保护督察", "level": "city", "round_number": 1,
                                                 "division": "331121", "feedback_date": "2026-10-01"}, format="json")
    assert response.status_code == 201, response.json()
    inspection = Inspection.objects.get(pk=response.json()["id"])
    assert inspection.division == world.div["qt"]
    response = client.patch(f"/api/inspections/{inspection.pk}/", {"team": "市第一督察组"}, format="json")
    assert response.status_code == 200 and response.json()["team"] == "市第一督察组"
    assert audit_actions(inspection) == [("inspection.create", "coord"), ("inspection.update", "coord")]


def test_inspections_are_read_along_the_line_of_divisions(api, world):
    # The provincial inspection of 浙江省 is above both cities; a 丽水市 one is not温州's.
    Inspection.objects.create(name="丽水市督察", level="city", round_number=1, division=world.div["ls"])
    names = lambda r: sorted(row["name"] for row in r.json()["results"])  # noqa: E731
    assert names(api("ld_officer").get("/api/inspections/")) == ["丽水市督察", "第二轮中央生态环境保护督察"]
    assert names(api("wz_coord").get("/api/inspections/")) == ["第二轮中央生态环境保护督察"]
    assert names(api("coord").get("/api/inspections/?level=city")) == ["丽水市督察"]


def test_nobody_below_the_province_edits_the_central_inspection(api, world):
    url = f"/api/inspections/{world.inspection.pk}/"
    assert api("coord").patch(url, {"team": "x"}, format="json").status_code == 403
    assert api("admin").patch(url, {"team": "中央第三督察组"}, format="json").status_code == 200


def test_problems_scope_filters_and_errors(api, world, problems):
    # Along the line: the county's own problems and the city's above it, not the other county's.
    # (GX-1 is the world's city-level problem, above both counties.)
    assert [r["code"] for r in api("qt_officer").get("/api/problems/").json()["results"]] == ["1", "2", "GX-1"]
    assert [r["code"] for r in api("ld_officer").get("/api/problems/").json()["results"]] == ["1", "GX-1"]
    assert api("ld_officer").get(f"/api/problems/{problems['qt'].pk}/").status_code == 404
    assert [r["code"] for r in api("coord").get("/api/problems/?kind=complaint").json()["results"]] == ["2"]
    assert [r["code"] for r in api("coord").get("/api/problems/?q=扬尘").json()["results"]] == ["1"]
    assert [r["code"] for r in api("coord").get("/api/problems/?division=331121").json()["results"]] == ["2"]
    response = api("coord").post("/api/problems/", {"division": "999999", "kind": "odd"}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"division", "kind", "description"}


def test_officers_cannot_register_problems(api, world):
    response = api("qt_officer").post("/api/problems/", {"description": "x", "division": "331121"}, format="json")
    assert response.status_code == 403 and not Problem.objects.filter(description="x").exists()


def test_coordinator_of_another_city_cannot_register_a_problem_here(api, world):
    response = api("wz_coord").post("/api/problems/", {"description": "x", "division": "331121"}, format="json")
    assert response.status_code == 403 and response.json() == {"detail": "无权登记该地区的问题。"}
    assert not Problem.objects.filter(description="x").exists()


def test_problem_cannot_be_moved_out_of_reach(api, world, problems):
    response = api("coord").patch(f"/api/problems/{problems['qt'].pk}/", {"division": "330300"}, format="json")
    assert response.status_code == 403
    problems["qt"].refresh_from_db()
    assert problems["qt"].division == world.div["qt"] and audit_actions(problems["qt"]) == []


def test_plans_create_update_and_unique_code(api, world):
    client = api("coord")
    payload = {"code": "LD-2021", "title": "莲都区整改方案", "division": "331102", "parent": world.plan.pk,
               "inspection": world.inspection.pk, "issued_on": "2021-10-20"}
    response = client.post("/api/plans/", payload, format="json")
    assert response.status_code == 201, response.json()
    plan = Plan.objects.get(code="LD-2021")
    assert plan.parent == world.plan and audit_actions(plan) == [("plan.create", "coord")]
    again = client.post("/api/plans/", payload, format="json")
    assert again.status_code == 400 and list(again.json()) == ["code"]
    response = client.put(f"/api/plans/{plan.pk}/", {**payload, "title": "莲都区贯彻落实整改方案"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "莲都区贯彻落实整改方案"
    assert [r["code"] for r in client.get("/api/plans/?division=331102").json()["results"]] == ["LD-2021"]
    assert [r["code"] for r in client.get(f"/api/plans/?parent={world.plan.pk}").json()["results"]] == ["LD-2021"]


def test_plans_of_another_city_are_404_and_cannot_be_created_there(api, world):
    assert api("wz_coord").get(f"/api/plans/{world.plan.pk}/").status_code == 404
    assert api("wz_coord").get("/api/plans/").json()["count"] == 0
    response = api("wz_coord").post("/api/plans/", {"code": "X", "title": "x", "division": "331100"}, format="json")
    assert response.status_code == 403 and not Plan.objects.filter(code="X").exists()
    assert api("ld_leader").patch(f"/api/plans/{world.plan.pk}/", {"title": "x"}, format="json").status_code == 403
