"""The dispatch API: field-named refusals, obligations with their status, reminders."""

import pytest
from rest_framework.test import APIClient

from ducha.dispatch.models import Round

from .helpers import at, report


@pytest.fixture
def api(world):
    def as_(name):
        client = APIClient()
        client.force_authenticate(world.users[name])
        return client

    return as_


def test_open_refusals_name_their_fields(api, world, make_task):
    a = make_task(units=("eco",))
    coord = api("coord")
    for body, field in [
        ({"tasks": [a.pk]}, "due_at"),
        ({"tasks": [a.pk], "due_at": "0001-01-01T00:00:00+14:00"}, "due_at"),
        ({"tasks": [a.pk], "due_at": "2001-01-01T00:00:00+08:00"}, "due_at"),  # before now
        ({"tasks": [2**63], "due_at": "2099-01-01T00:00:00+08:00"}, "tasks"),
        ({"tasks": [999999], "due_at": "2099-01-01T00:00:00+08:00"}, "tasks"),
        ({"due_at": "2099-01-01T00:00:00+08:00"}, "tasks"),
        ({"tasks": [a.pk], "due_at": "2099-01-01T00:00:00+08:00", "kind": "daily"}, "kind"),
        ({"tasks": [a.pk], "due_at": "2099-01-01T00:00:00+08:00", "title": "长" * 201}, "title"),
        ({"tasks": [a.pk], "due_at": "2099-01-01T00:00:00+08:00", "period_start": "2024-03-05",
          "period_end": "2024-03-01"}, "period_end"),
        ({"tasks": [a.pk], "due_at": "2101-01-01T00:00:00+08:00"}, "due_at"),
        ({"tasks": [a.pk], "due_at": "2099-01-01T00:00:00+08:00", "period_start": "0001-01-01"}, "period_start"),
        ({"tasks": [a.pk], "due_at": "2099-01-01T00:00:00+08:00", "period_end": "9999-12-31"}, "period_end"),
    ]:
        answer = coord.post("/api/rounds/", body, format="json")
        assert answer.status_code == 400 and field in answer.json(), (body, answer.content)
    assert not Round.objects.exists()
    answer = coord.post("/api/rounds/", {"tasks": [a.pk], "period_start": "1999-12-31", "period_end": "9999-01-01",
                                         "due_at": "2099-01-01T00:00:00+08:00"}, format="json")
    assert answer.json() == {"period_start": ["调度期起应在 2000-01-01 至 2100-12-31 之间。"],
                             "period_end": ["调度期止应在 2000-01-01 至 2100-12-31 之间。"]}
    answer = coord.post("/api/rounds/", {"tasks": [a.pk], "due_at": "2099-01-01T17:30:00+08:00", "kind": "weekly"},
                        format="json")
    assert answer.status_code == 201
    again = coord.post("/api/rounds/", {"tasks": [a.pk], "due_at": "2099-01-01T17:30:00+08:00", "kind": "weekly"},
                       format="json")
    assert again.status_code == 409 and again.json()["id"] == answer.json()["id"]
    assert Round.objects.count() == 1
    assert answer.json()["counts"] == {"total": 1, "filed": 0, "late": 0, "missing": 0, "pending": 1, "percent": 0}


def test_obligations_with_status_and_filters(api, world, make_task, round_of):
    a = make_task(units=("eco", "ld_gov"))
    b = make_task(units=("qt_gov",))
    round_ = round_of([a, b], opened="03-01", due="03-05")
    filed = report(a, world.units["eco"], at("03-02"), world.users["eco_officer"])
    report(a, world.units["ld_gov"], at("03-07"), world.users["ld_officer"])
    rows = api("coord").get("/api/obligations/", {"round": round_.pk}).json()["results"]
    by_unit = {r["unit_name"]: r for r in rows}
    assert by_unit["丽水市生态环境局"]["status"] == "filed" and by_unit["丽水市生态环境局"]["report"] == filed.pk
    assert by_unit["莲都区人民政府"]["status"] == "late"
    assert by_unit["青田县人民政府"]["status"] == "missing"
    for status, units in [("filed", ["丽水市生态环境局"]), ("late", ["莲都区人民政府"]), ("missing", ["青田县人民政府"]),
                          ("pending", [])]:
        rows = api("coord").get("/api/obligations/", {"round": round_.pk, "status": status}).json()["results"]
        assert [r["unit_name"] for r in rows] == units, status
    mine = api("qt_officer").get("/api/obligations/").json()["results"]
    assert [r["unit_name"] for r in mine] == ["青田县人民政府"]
    assert api("coord").get("/api/obligations/", {"status": "soon"}).status_code == 400
    assert "round" in api("coord").get("/api/obligations/", {"round": "0"}).json()


def test_remind_and_close_through_the_api(api, world, round_of):
    round_ = round_of()
    answer = api("coord").post(f"/api/rounds/{round_.pk}/remind/")
    assert answer.status_code == 201 and answer.json()["people"] == 3  # eco, ld and qt officers: nobody has filed
    detail = api("coord").get(f"/api/rounds/{round_.pk}/").json()
    assert detail["last_reminder_at"] is not None
    assert api("coord").post(f"/api/rounds/{round_.pk}/close/").json()["state"] == "closed"
    again = api("coord").post(f"/api/rounds/{round_.pk}/close/")
    assert again.status_code == 400 and "state" in again.json()
    assert "reason" in api("coord").post(f"/api/rounds/{round_.pk}/reopen/", {}, format="json").json()
