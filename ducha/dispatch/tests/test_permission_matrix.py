"""The permission matrix of dispatch rounds: role × action × round (inside and outside the user's reach),
through the REST API and the pages, with the exact outcome of every cell.

Outcomes:
  ok      it happened (listed / opened / closed / reminded / exported)
  hidden  the round is not listed, and acting on it is a 404
  denied  403: the role may not do this (officers, supervisors and leaders never open, close or remind)
  refused opening a round over a plan outside the user's reach is bad input (400 / the form again)
"""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.dispatch import actions
from ducha.dispatch.models import Round, RoundReminder, RoundState
from ducha.ledger.models import Plan

ROUNDS = ("ls", "ld", "wz")  # a 丽水市 round, a 莲都区 round, a 温州市 round
ACTIONS = ("list", "retrieve", "open", "close", "reopen", "remind", "export")

# role        action     丽水      莲都      温州
TABLE = """
admin        list       ok       ok       ok
admin        retrieve   ok       ok       ok
admin        open       ok       ok       ok
admin        close      ok       ok       ok
admin        reopen     ok       ok       ok
admin        remind     ok       ok       ok
admin        export     ok       ok       ok
coord        list       ok       ok       hidden
coord        retrieve   ok       ok       hidden
coord        open       ok       ok       refused
coord        close      ok       ok       hidden
coord        reopen     ok       ok       hidden
coord        remind     ok       ok       hidden
coord        export     ok       ok       hidden
ld_officer   list       ok       ok       hidden
ld_officer   retrieve   ok       ok       hidden
ld_officer   open       denied   denied   denied
ld_officer   close      denied   denied   hidden
ld_officer   reopen     denied   denied   hidden
ld_officer   remind     denied   denied   hidden
ld_officer   export     denied   denied   hidden
qt_officer   list       hidden   hidden   hidden
qt_officer   retrieve   hidden   hidden   hidden
qt_officer   open       denied   denied   denied
qt_officer   close      hidden   hidden   hidden
qt_officer   reopen     hidden   hidden   hidden
qt_officer   remind     hidden   hidden   hidden
qt_officer   export     hidden   hidden   hidden
supervisor   list       ok       ok       hidden
supervisor   retrieve   ok       ok       hidden
supervisor   open       denied   denied   denied
supervisor   close      denied   denied   hidden
supervisor   reopen     denied   denied   hidden
supervisor   remind     denied   denied   hidden
supervisor   export     ok       ok       hidden
ld_leader    list       hidden   ok       hidden
ld_leader    retrieve   hidden   ok       hidden
ld_leader    open       denied   denied   denied
ld_leader    close      hidden   denied   hidden
ld_leader    reopen     hidden   denied   hidden
ld_leader    remind     hidden   denied   hidden
ld_leader    export     hidden   ok       hidden
wz_coord     list       hidden   hidden   ok
wz_coord     retrieve   hidden   hidden   ok
wz_coord     open       refused  refused  ok
wz_coord     close      hidden   hidden   ok
wz_coord     reopen     hidden   hidden   ok
wz_coord     remind     hidden   hidden   ok
wz_coord     export     hidden   hidden   ok
"""
EXPECTED = {}
for line in TABLE.strip().splitlines():
    role, act, *outcomes = line.split()
    for where, outcome in zip(ROUNDS, outcomes):
        EXPECTED[role, act, where] = outcome
ROLES = sorted({role for role, _a, _w in EXPECTED})
DUE = "2099-01-05T17:30:00+08:00"


@pytest.fixture
def places(world, make_task):
    """Per place: its plan (with an open task) and a round over it opened by the admin."""
    from ducha.jurisdictions.models import Division

    plans = {"ls": world.plan}
    for key, code in (("ld", "331102"), ("wz", "330300")):
        plans[key] = Plan.objects.create(code=f"P-{key}", title=f"{key} 整改方案", division=Division.objects.get(code=code),
                                         issued_on=dt.date(2021, 10, 1))
    make_task(units=("eco", "ld_gov"))
    make_task(units=("ld_gov",), plan=plans["ld"], division="ld")
    make_task(units=("wz_eco",), plan=plans["wz"], division="wz")

    def round_in(key):
        import django.utils.timezone as tz

        return actions.open_round(acting_user=world.users["admin"], plan=plans[key], now=tz.now(),
                                  due_at=tz.now() + dt.timedelta(days=3))

    return plans, round_in


def _api(client, world, act, plan, round_):
    if act == "list":
        data = client.get("/api/rounds/").json()
        return "ok" if round_.pk in [r["id"] for r in data["results"]] else "hidden"
    if act == "open":
        answer = client.post("/api/rounds/", {"plan": plan.pk, "due_at": DUE, "kind": "monthly"}, format="json")
        return {201: "ok", 400: "refused", 403: "denied"}[answer.status_code]
    if act == "retrieve":
        answer = client.get(f"/api/rounds/{round_.pk}/")
    elif act == "export":
        answer = client.get(f"/api/rounds/{round_.pk}/export/")
    elif act == "reopen":
        answer = client.post(f"/api/rounds/{round_.pk}/reopen/", {"reason": "补报"}, format="json")
    else:
        answer = client.post(f"/api/rounds/{round_.pk}/{act}/")
    return {200: "ok", 201: "ok", 403: "denied", 404: "hidden"}[answer.status_code]


def _page(client, world, act, plan, round_):
    if act == "list":
        html = client.get(reverse("dispatch:round_list")).content.decode()
        return "ok" if f'data-round-id="{round_.pk}"' in html else "hidden"
    if act == "open":
        before = Round.objects.count()
        answer = client.post(reverse("dispatch:round_create"), {
            "plan": plan.pk, "kind": "monthly", "due_on": "2099-01-05", "due_time": "17:30"})
        if answer.status_code == 302:
            assert Round.objects.count() == before + 1
            return "ok"
        return {200: "refused", 403: "denied"}[answer.status_code]
    if act == "retrieve":
        answer = client.get(reverse("dispatch:round_detail", args=[round_.pk]))
    elif act == "export":
        answer = client.get(reverse("dispatch:round_export", args=[round_.pk]))
    elif act == "close":
        round_.refresh_from_db()
        answer = client.post(reverse("dispatch:round_transition", args=[round_.pk, "close"]),
                             {"version": round_.version})
        if answer.status_code == 302:
            round_.refresh_from_db()
            assert round_.state == RoundState.CLOSED
    elif act == "reopen":
        round_.refresh_from_db()  # the version the page shows now
        answer = client.post(reverse("dispatch:round_transition", args=[round_.pk, "reopen"]),
                             {"reason": "补报", "version": round_.version})
        if answer.status_code == 302:
            round_.refresh_from_db()
            assert round_.state == RoundState.OPEN
    else:
        answer = client.post(reverse("dispatch:round_remind", args=[round_.pk]))
        if answer.status_code == 302:
            assert RoundReminder.objects.filter(round=round_).exists()
    return {200: "ok", 302: "ok", 403: "denied", 404: "hidden"}[answer.status_code]


@pytest.mark.parametrize("channel", ["api", "page"])
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, places, role, channel):
    plans, round_in = places
    user = world.users[role]
    if channel == "api":
        client = APIClient()
        client.force_authenticate(user)
        probe = _api
    else:
        from django.test import Client

        client = Client()
        client.force_login(user)
        probe = _page
    wrong = []
    for act in ACTIONS:
        for where in ROUNDS:
            round_ = round_in(where)
            if act == "reopen":
                actions.close_round(acting_user=world.users["admin"], round_=round_)
            got = probe(client, world, act, plans[where], round_)
            if got != EXPECTED[role, act, where]:
                wrong.append(f"{role} {act} {where}: expected {EXPECTED[role, act, where]}, got {got}")
            if got != "ok" and act in ("close", "remind"):
                round_.refresh_from_db()
                assert round_.state == RoundState.OPEN and not RoundReminder.objects.filter(round=round_).exists()
            if got != "ok" and act == "reopen":
                round_.refresh_from_db()
                assert round_.state == RoundState.CLOSED
    assert not wrong, "\n".join(wrong)
