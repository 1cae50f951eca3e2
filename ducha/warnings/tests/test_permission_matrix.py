"""The permission matrix of the warnings: role × action × task (inside and outside the user's reach),
through the REST API and the pages, with the exact outcome of every cell.

Outcomes:
  ok      the action happened (seen / proposed / confirmed / overridden / recorded)
  hidden  the task or its warning is out of the user's reach: not listed, 404 (a page, an API detail), a
          proposal run that does not touch it, an API create naming it refused as bad input (400 on `task`)
  denied  403: the user sees the task but may not do this (or may not do it at all)
"""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.warnings import actions
from ducha.warnings.models import ExternalEvent, TaskWarning

OBJECTS = ("ld", "city")  # a 莲都区 task led by 莲都区人民政府, a 丽水市 task led by 市生态环境局
MONTH = dt.date(2024, 8, 1)

# role         action     莲都区   city
TABLE = """
admin          view       ok       ok
admin          propose    ok       ok
admin          confirm    ok       ok
admin          override   ok       ok
admin          event      ok       ok
coord          view       ok       ok
coord          propose    ok       ok
coord          confirm    ok       ok
coord          override   ok       ok
coord          event      ok       ok
wz_coord       view       hidden   hidden
wz_coord       propose    hidden   hidden
wz_coord       confirm    hidden   hidden
wz_coord       override   hidden   hidden
wz_coord       event      hidden   hidden
ld_officer     view       ok       hidden
ld_officer     propose    denied   denied
ld_officer     confirm    denied   hidden
ld_officer     override   denied   hidden
ld_officer     event      denied   hidden
eco_officer    view       hidden   ok
eco_officer    propose    denied   denied
eco_officer    confirm    hidden   denied
eco_officer    override   hidden   denied
eco_officer    event      hidden   denied
supervisor     view       ok       ok
supervisor     propose    denied   denied
supervisor     confirm    denied   denied
supervisor     override   denied   denied
supervisor     event      denied   denied
ld_leader      view       ok       hidden
ld_leader      propose    denied   denied
ld_leader      confirm    denied   hidden
ld_leader      override   denied   hidden
ld_leader      event      denied   hidden
"""
CELLS = [(role, action, obj, outcome) for role, action, *outcomes in (line.split() for line in TABLE.strip().splitlines())
         for obj, outcome in zip(OBJECTS, outcomes)]


@pytest.fixture
def tasks(world, make_task):
    ld = make_task(number="1", division="ld", units=("ld_gov",), deadline=dt.date(2024, 12, 31))
    city = make_task(number="2", units=("eco",), deadline=dt.date(2024, 12, 31))
    return {"ld": ld, "city": city}


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _warning(task):
    return TaskWarning.objects.filter(task=task, month=MONTH).first()


def _override(warning):
    return {"colour": "blue" if warning.proposed != "blue" else "yellow", "reason": "现场核查：措施已落实"}


def _api_outcome(action, user, task):
    client = _api(user)
    if action == "propose":
        response = client.post("/api/warnings/propose/", {"month": "2024-08"}, format="json")
        if response.status_code == 403:
            return "denied"
        assert response.status_code == 200, response.content
        return "ok" if _warning(task) else "hidden"
    if action == "event":
        response = client.post("/api/external-events/", {
            "task": task.pk, "kind": "bulletin", "level": "provincial", "occurred_on": "2024-08-10",
            "source": "浙环督办〔2024〕3号"}, format="json")
        if response.status_code == 400:
            assert "task" in response.json()
            return "hidden"
        return {201: "ok", 403: "denied"}[response.status_code]
    warning = _warning(task)
    if action == "view":
        listed = {row["id"] for row in client.get("/api/warnings/", {"month": "2024-08"}).json()["results"]}
        detail = client.get(f"/api/warnings/{warning.pk}/").status_code
        assert (warning.pk in listed) == (detail == 200)
        return {200: "ok", 404: "hidden"}[detail]
    body = _override(warning) if action == "override" else {}
    response = client.post(f"/api/warnings/{warning.pk}/{action}/", body, format="json")
    return {200: "ok", 403: "denied", 404: "hidden"}[response.status_code]


def _page_outcome(action, user, task, client):
    client.force_login(user)
    if action == "propose":
        response = client.post(reverse("warnings:propose"), {"month": "2024-08"}, follow=True)
        if _warning(task):
            return "ok"
        return "denied" if "只有整改办可以生成预警提议" in response.content.decode() else "hidden"
    if action == "event":
        url = reverse("warnings:event_create", args=[task.pk])
        response = client.post(url, {"kind": "media", "level": "national", "occurred_on": "2024-08-10",
                                     "source": "焦点访谈"})
        if response.status_code == 302:
            assert ExternalEvent.objects.filter(task=task).exists()
            return "ok"
        return {403: "denied", 404: "hidden"}[response.status_code]
    warning = _warning(task)
    if action == "view":
        html = client.get(reverse("warnings:month"), {"month": "2024-08"}).content.decode()
        panel = client.get(reverse("ledger:task_detail", args=[task.pk]))
        listed = f'data-warning-id="{warning.pk}"' in html
        assert listed == (panel.status_code == 200)
        return "ok" if listed else "hidden"
    url = reverse(f"warnings:{action}", args=[warning.pk])
    response = client.post(url, _override(warning) | {"version": warning.version})
    if response.status_code == 404:
        return "hidden"
    warning.refresh_from_db()
    return "ok" if warning.is_decided else "denied"


@pytest.mark.parametrize("role, action, obj, outcome", CELLS, ids=[f"{r}-{a}-{o}" for r, a, o, _ in CELLS])
def test_api(world, tasks, role, action, obj, outcome):
    if action != "propose":
        actions.propose_month(acting_user=None, month=MONTH)
    assert _api_outcome(action, world.users[role], tasks[obj]) == outcome


@pytest.mark.parametrize("role, action, obj, outcome", CELLS, ids=[f"{r}-{a}-{o}" for r, a, o, _ in CELLS])
def test_page(world, tasks, client, role, action, obj, outcome):
    if action != "propose":
        actions.propose_month(acting_user=None, month=MONTH)
    assert _page_outcome(action, world.users[role], tasks[obj], client) == outcome
