"""The case permission matrix: role × action × case (routed to 莲都区人民政府 or 青田县人民政府), through the
API, with the exact outcome of each cell and the database checked against it.

Outcomes: ok (done), hidden (404: not in the user's reach), denied (403: visible, not theirs to do).
Each cell runs in its own rolled-back transaction, on the same two cases.
"""

import pytest
from django.db import transaction

from ducha.cases import actions
from ducha.cases.models import Case, CaseState, Review

from .tables import STANDARD, xlsx

OBJECTS = ("ld", "qt")
TABLE = """
admin        retrieve  ok      ok
admin        handling  ok      ok
admin        route     ok      ok
admin        review    ok      ok
admin        close     ok      ok
coord        retrieve  ok      ok
coord        handling  ok      ok
coord        route     ok      ok
coord        review    ok      ok
coord        close     ok      ok
ld_officer   retrieve  ok      hidden
ld_officer   handling  ok      hidden
ld_officer   route     denied  hidden
ld_officer   review    denied  hidden
ld_officer   close     ok      hidden
qt_officer   retrieve  hidden  ok
qt_officer   handling  hidden  ok
qt_officer   route     hidden  denied
qt_officer   review    hidden  denied
qt_officer   close     hidden  ok
eco_officer  retrieve  hidden  hidden
eco_officer  handling  hidden  hidden
supervisor   retrieve  ok      ok
supervisor   handling  denied  denied
supervisor   route     denied  denied
supervisor   review    denied  denied
supervisor   close     denied  denied
ld_leader    retrieve  ok      hidden
ld_leader    handling  denied  hidden
ld_leader    route     denied  hidden
ld_leader    close     denied  hidden
wz_coord     retrieve  hidden  hidden
wz_coord     handling  hidden  hidden
wz_coord     route     hidden  hidden
wz_coord     close     hidden  hidden
"""
CELLS = [line.split() for line in TABLE.strip().splitlines()]
STATUS = {"ok": 200, "hidden": 404, "denied": 403}


@pytest.fixture
def cases(world, imported):
    imported(xlsx(STANDARD))
    coord = world.users["coord"]
    found = {}
    for key, number, unit in (("ld", "D3ZJ202406110042", "ld_gov"), ("qt", "X3ZJ202406110007", "qt_gov")):
        case = actions.route_case(acting_user=coord, case=Case.objects.get(number=number),
                                  lead_unit=world.units[unit])
        found[key] = actions.report_handling(acting_user=world.users[f"{key}_officer"], case=case)
    return found


def _call(client, name, case, world):
    base = f"/api/cases/{case.pk}/"
    if name == "retrieve":
        return client.get(base)
    if name == "handling":
        return client.patch(base + "handling/", {"handling": "补充核查情况。", "fine_yuan": "100.50"}, format="json")
    if name == "route":
        return client.post(base + "route/", {"lead_unit": world.units["eco"].pk}, format="json")
    if name == "review":
        return client.post(base + "review/", {"approve": True}, format="json")
    return client.post(base + "transitions/close/", {}, format="json")


def _done(name, case):
    case = Case.objects.get(pk=case.pk)
    return {"retrieve": True, "handling": case.handling == "补充核查情况。", "route": case.lead_unit.name == "丽水市生态环境局",
            "review": case.review == Review.APPROVED, "close": case.state == CaseState.DONE}[name]


@pytest.mark.django_db
def test_permission_matrix(world, cases, api):
    failures = []
    for user, name, *outcomes in CELLS:
        client = api(user)
        for key, outcome in zip(OBJECTS, outcomes):
            with transaction.atomic():
                response = _call(client, name, cases[key], world)
                done = _done(name, cases[key])
                transaction.set_rollback(True)
            if response.status_code != STATUS[outcome] or (name != "retrieve" and done != (outcome == "ok")):
                failures.append(f"{user} {name} {key}: {response.status_code} done={done}, expected {outcome}")
    assert failures == []


@pytest.mark.django_db
def test_list_is_scoped_like_the_detail(world, cases, api):
    def numbers(user):
        return sorted(r["number"] for r in api(user).get("/api/cases/").json()["results"])

    assert numbers("ld_officer") == ["D3ZJ202406110042"]
    assert numbers("qt_officer") == ["X3ZJ202406110007"]
    assert len(numbers("coord")) == 3 and numbers("wz_coord") == [] and numbers("eco_officer") == []


@pytest.mark.django_db
def test_api_never_shows_the_complainant(world, cases, api):
    actions.set_complainant(acting_user=world.users["coord"], case=cases["ld"], name="王某", contact="13900002222")
    body = api("coord").get(f"/api/cases/{cases['ld'].pk}/").content.decode()
    assert "王某" not in body and "13900002222" not in body
