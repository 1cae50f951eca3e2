"""Chronicle permission matrix: role × (read the timeline, add an entry, withdraw one) × task in 莲都区 /
青田县, through the API and the pages. ok / denied (403) / hidden (404)."""

import datetime as dt

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.chronicle import actions
from ducha.chronicle.models import ChronicleEntry

TABLE = """
admin       read     ok      ok
admin       add      ok      ok
admin       withdraw ok      ok
coord       read     ok      ok
coord       add      ok      ok
coord       withdraw ok      ok
ld_officer  read     ok      hidden
ld_officer  add      denied  hidden
ld_officer  withdraw denied  hidden
supervisor  read     ok      ok
supervisor  add      denied  denied
supervisor  withdraw denied  denied
ld_leader   read     ok      hidden
ld_leader   add      denied  hidden
ld_leader   withdraw denied  hidden
wz_coord    read     hidden  hidden
wz_coord    add      hidden  hidden
wz_coord    withdraw hidden  hidden
"""
EXPECTED = {(r, a): dict(zip(("ld", "qt"), o)) for r, a, *o in (line.split() for line in TABLE.strip().splitlines())}


def _status(code, ok):
    return {ok: "ok", 403: "denied", 404: "hidden"}.get(code, f"HTTP {code}")


# Withdrawing is a page action (the API reads and adds).
CELLS = [(channel, role, action) for channel in ("api", "html") for role, action in EXPECTED
         if not (channel == "api" and action == "withdraw")]


@pytest.mark.parametrize("key", ["ld", "qt"])
@pytest.mark.parametrize("channel, role, action", CELLS)
def test_permission_matrix(world, make_task, channel, key, role, action):
    task = make_task(units=(f"{key}_gov",), division=key, number="T1")
    entry = actions.add_entry(acting_user=world.users["coord"], subject=task, date=dt.date(2022, 1, 1), title="旧条目")
    user = world.users[role]
    if channel == "api":
        client = APIClient()
        client.force_authenticate(user)
        url = f"/api/chronicle/tasks/{task.pk}/"
        if action == "read":
            got = _status(client.get(url).status_code, 200)
        else:
            got = _status(client.post(url, {"date": "2022-02-01", "title": "新条目"}, format="json").status_code, 201)
    else:
        from django.test import Client

        client = Client()
        client.force_login(user)
        if action == "read":
            got = _status(client.get(reverse("chronicle:page", args=["task", task.pk])).status_code, 200)
        elif action == "add":
            got = _status(client.post(reverse("chronicle:add", args=["task", task.pk]),
                                      {"date": "2022-02-01", "title": "新条目"}).status_code, 302)
        else:
            got = _status(client.post(reverse("chronicle:withdraw", args=[entry.pk]), {"reason": "记错"}).status_code,
                          302)
    assert got == EXPECTED[(role, action)][key]
    if action == "add":
        assert ChronicleEntry.objects.filter(title="新条目").exists() == (got == "ok")
    if action == "withdraw":
        entry.refresh_from_db()
        assert (entry.withdrawn_at is not None) == (got == "ok")
