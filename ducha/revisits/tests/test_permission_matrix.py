"""The permission matrix of revisits: role × action × task (inside and outside the user's reach), through
the REST API, with the exact outcome of every cell.

  ok      the action happened
  hidden  the task or revisit is out of the user's reach: not listed / 404 (a plan naming it: 400 on task)
  denied  403: the user sees it but may not do this
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from ducha.revisits import actions
from ducha.revisits.models import Revisit

# The 莲都区 task's co-unit is 莲都分局, a sub-unit of 市生态环境局: eco_officer sees it.
# role         action     莲都区   city
TABLE = """
admin          view       ok       ok
admin          plan       ok       ok
admin          record     ok       ok
coord          view       ok       ok
coord          plan       ok       ok
coord          record     ok       ok
wz_coord       view       hidden   hidden
wz_coord       plan       hidden   hidden
wz_coord       record     hidden   hidden
ld_officer     view       ok       hidden
ld_officer     plan       denied   hidden
ld_officer     record     denied   hidden
eco_officer    view       ok       ok
eco_officer    plan       denied   denied
eco_officer    record     denied   denied
supervisor     view       ok       ok
supervisor     plan       denied   denied
supervisor     record     denied   denied
ld_leader      view       ok       hidden
ld_leader      plan       denied   hidden
ld_leader      record     denied   hidden
"""
CELLS = [(role, action, obj, outcome) for role, action, *outcomes in (line.split() for line in TABLE.strip().splitlines())
         for obj, outcome in zip(("ld", "city"), outcomes)]


@pytest.mark.parametrize("role, action, obj, outcome", CELLS)
def test_matrix(world, ld_task, city_task, role, action, obj, outcome):
    task = ld_task if obj == "ld" else city_task
    client = APIClient()
    client.force_authenticate(world.users[role])
    if action == "plan":
        response = client.post("/api/revisits/", {"task": task.pk, "reason": "专项抽查"}, format="json")
        assert response.status_code == {"ok": 201, "hidden": 400, "denied": 403}[outcome], response.content
        if outcome == "hidden":
            assert "task" in response.json()
        assert Revisit.objects.filter(task=task).exists() == (outcome == "ok")
        return
    revisit = actions.plan_revisit(acting_user=None, task=task, due_on=dt.date(2024, 9, 1), reason="抽查")
    if action == "view":
        listed = client.get("/api/revisits/").json()["results"]
        assert ([r["id"] for r in listed] == [revisit.pk]) == (outcome == "ok")
        assert client.get(f"/api/revisits/{revisit.pk}/").status_code == (200 if outcome == "ok" else 404)
        return
    response = client.post(f"/api/revisits/{revisit.pk}/record/", {
        "visited_on": "2024-09-03", "people": "张伟", "findings": "成效巩固", "conclusion": "consolidated"},
        format="json")
    assert response.status_code == {"ok": 200, "hidden": 404, "denied": 403}[outcome], response.content
