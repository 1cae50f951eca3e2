"""The permission matrix of progress reports, end to end: role × action × task (inside and outside the
user's reach), through the REST API and the HTML pages, with the exact outcome of every cell.

Outcomes:
  ok      the action happened (the report is filed / listed / shown, the file downloaded)
  hidden  the task is out of the user's reach: 404 (or not listed), nothing written
  denied  403: the user sees the task but may not do this
  refused bad input (400 from the API, the form again with an error on the page); nothing written

Actions:
  file        file a report: an officer for its own unit (no unit named), the office on behalf of the lead unit
  file_other  name a responsible unit that is not the user's own (the office: the co-unit, on its behalf)
  correct     correct the latest report of the unit the user files for (the office: the lead unit's)
  list        the report appears in the API list / on the task page
  download    download an evidence file of the task's lead-unit report (and its thumbnail on the page)
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ducha.progress.actions import file_report
from ducha.progress.models import ProgressReport

from .conftest import jpeg_bytes, upload

OBJECTS = ("ld", "qt", "city")  # tasks: 莲都区 (ld_gov + eco), 青田县 (qt_gov + eco), city (eco + ld_gov)
ACTIONS = ("file", "file_other", "correct", "list", "download")

# role        action       莲都区    青田县    city
TABLE = """
admin        file         ok       ok       ok
admin        file_other   ok       ok       ok
admin        correct      ok       ok       ok
admin        list         ok       ok       ok
admin        download     ok       ok       ok
coord        file         ok       ok       ok
coord        file_other   ok       ok       ok
coord        correct      ok       ok       ok
coord        list         ok       ok       ok
coord        download     ok       ok       ok
ld_officer   file         ok       hidden   ok
ld_officer   file_other   denied   hidden   denied
ld_officer   correct      ok       hidden   ok
ld_officer   list         ok       hidden   ok
ld_officer   download     ok       hidden   ok
qt_officer   file         hidden   ok       hidden
qt_officer   file_other   hidden   denied   hidden
qt_officer   correct      hidden   ok       hidden
qt_officer   list         hidden   ok       hidden
qt_officer   download     hidden   ok       hidden
eco_officer  file         ok       ok       ok
eco_officer  file_other   denied   denied   denied
eco_officer  correct      ok       ok       ok
eco_officer  list         ok       ok       ok
eco_officer  download     ok       ok       ok
supervisor   file         denied   denied   denied
supervisor   file_other   denied   denied   denied
supervisor   correct      denied   denied   denied
supervisor   list         ok       ok       ok
supervisor   download     ok       ok       ok
ld_leader    file         denied   hidden   hidden
ld_leader    file_other   denied   hidden   hidden
ld_leader    correct      denied   hidden   hidden
ld_leader    list         ok       hidden   hidden
ld_leader    download     ok       hidden   hidden
wz_coord     file         hidden   hidden   hidden
wz_coord     file_other   hidden   hidden   hidden
wz_coord     correct      hidden   hidden   hidden
wz_coord     list         hidden   hidden   hidden
wz_coord     download     hidden   hidden   hidden
"""
# The city task lies in 丽水市 with 莲都区's government as a co-unit: ld_officer reads it through its unit,
# ld_leader (who reads by scope division, 莲都区) does not. eco_officer's unit is on all three tasks.


def _parse(table):
    expected = {}
    for line in table.strip().splitlines():
        role, action, *cells = line.split()
        assert action in ACTIONS and len(cells) == len(OBJECTS), line
        expected[(role, action)] = dict(zip(OBJECTS, cells))
    return expected


EXPECTED = _parse(TABLE)
ROLES = list(dict.fromkeys(role for role, _ in EXPECTED))
CELLS = [(role, action, obj) for role in ROLES for action in ACTIONS for obj in OBJECTS]
MARKER = "矩阵测试进展"


@pytest.fixture
def tasks(world, make_task):
    tasks = {
        "ld": make_task(units=("ld_gov", "eco"), division="ld", number="L1"),
        "qt": make_task(units=("qt_gov", "eco"), division="qt", number="Q1"),
        "city": make_task(units=("eco", "ld_gov"), number="C1"),
    }
    admin, today = world.users["admin"], timezone.localdate()
    for task in tasks.values():
        for unit in task.ordered_units():
            file_report(acting_user=admin, task=task, unit=unit, reported_on=today - dt.timedelta(days=2),
                        percent=30, done=f"{unit.name}：已完成排查",
                        files=[upload("现场.jpg", jpeg_bytes())] if unit == task.lead_unit else [])
    return tasks


def _own_unit(world, user, task):
    """The unit the user files for on this task (officers: their own; everyone else: the lead)."""
    units = task.ordered_units()
    if user.unit_id in {u.pk for u in units} and user.role == "officer":
        return next(u for u in units if u.pk == user.unit_id)
    return task.lead_unit


def _other_unit(user, task):
    units = task.ordered_units()
    if user.role == "officer":
        return next((u for u in units if u.pk != user.unit_id), units[-1])
    return units[1]


def _fields(world, user, action, task):
    """What the request sends (unit: a unit id or None)."""
    fields = {"reported_on": timezone.localdate().isoformat(), "percent": 55, "done": MARKER}
    if action == "file":
        officer = user.role == "officer"
        fields["unit"] = None if officer else task.lead_unit_id
    elif action == "file_other":
        fields["unit"] = _other_unit(user, task).pk
    elif action == "correct":
        unit = _own_unit(world, user, task)
        fields["unit"] = unit.pk if user.role != "officer" else None
        fields["corrects"] = ProgressReport.objects.filter(task=task, unit=unit).latest("created_at").pk
        fields["correction_reason"] = "数字有误"
    return fields


def _written(task):
    return ProgressReport.objects.filter(task=task, done=MARKER).exists()


def _status(code, ok):
    return {ok: "ok", 403: "denied", 404: "hidden", 400: "refused"}.get(code, f"HTTP {code}")


def _evidence(task):
    report = ProgressReport.objects.filter(task=task, unit=task.lead_unit).latest("created_at")
    return report, report.evidence.get().file


def api_outcome(client, world, user, action, task):
    if action in ("file", "file_other", "correct"):
        body = {k: v for k, v in _fields(world, user, action, task).items() if v is not None}
        response = client.post("/api/reports/", {"task": task.pk, **body}, format="json")
        outcome = _status(response.status_code, 201)
        assert (outcome == "ok") == _written(task), response.content
        return outcome
    if action == "list":
        found = client.get(f"/api/reports/?task={task.pk}").json()["results"]
        listed = bool(found) and all(row["task"] == task.pk for row in found)
        report = ProgressReport.objects.filter(task=task).first()
        single = client.get(f"/api/reports/{report.pk}/").status_code
        assert listed == (single == 200)
        return "ok" if listed else "hidden"
    if action == "download":
        report, stored = _evidence(task)
        response = client.get(f"/api/reports/{report.pk}/evidence/{stored.pk}/")
        if response.status_code == 200:
            assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
        return _status(response.status_code, 200)
    raise AssertionError(action)


def html_outcome(client, world, user, action, task):
    if action in ("file", "file_other", "correct"):
        data = {k: ("" if v is None else v) for k, v in _fields(world, user, action, task).items()}
        if data.get("unit") == "":
            data["unit"] = _own_unit(world, user, task).pk
        response = client.post(reverse("progress:report_new", args=[task.pk]), data)
        if response.status_code == 200:
            form = response.context["form"]
            assert form.errors and not _written(task)
            # A unit outside the form's choices is the page's way of refusing it.
            return "denied" if "unit" in form.errors else "refused"
        outcome = _status(response.status_code, 302)
        assert (outcome == "ok") == _written(task)
        return outcome
    if action == "list":
        response = client.get(reverse("ledger:task_detail", args=[task.pk]))
        if response.status_code != 200:
            return _status(response.status_code, 200)
        return "ok" if "已完成排查" in response.content.decode() else "hidden"
    if action == "download":
        report, stored = _evidence(task)
        response = client.get(reverse("progress:evidence", args=[report.pk, stored.pk]))
        thumb = client.get(reverse("progress:evidence_thumbnail", args=[report.pk, stored.pk]))
        assert thumb.status_code == response.status_code
        if response.status_code == 200:
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["Content-Type"] == "image/jpeg"
            assert response["Content-Disposition"].startswith("inline")
        return _status(response.status_code, 200)
    raise AssertionError(action)


@pytest.mark.parametrize("channel", ["api", "html"])
@pytest.mark.parametrize("role, action, obj", CELLS)
def test_permission_matrix(world, tasks, client, channel, role, action, obj):
    user, task = world.users[role], tasks[obj]
    if channel == "api":
        api = APIClient()
        api.force_authenticate(user)
        outcome = api_outcome(api, world, user, action, task)
    else:
        client.force_login(user)
        outcome = html_outcome(client, world, user, action, task)
    assert outcome == EXPECTED[(role, action)][obj]


@pytest.mark.parametrize("url", ["/api/reports/{report}/evidence/{huge}/", "/reports/{report}/evidence/{huge}/",
                                 "/reports/{report}/evidence/{huge}/thumbnail/"])
def test_a_file_id_past_the_integer_range_is_not_found_not_a_500(world, tasks, url):
    report, _stored = _evidence(tasks["ld"])
    client = APIClient()
    client.force_login(world.users["admin"])
    response = client.get(url.format(report=report.pk, huge="5421318914443814361798541312"))
    assert response.status_code == 404
    if url.startswith("/api/"):
        assert "detail" in response.json()
