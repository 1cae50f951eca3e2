"""The supervision permission matrix: role × action × record (addressed to 莲都区 or 青田县), through the API
and the pages, with the exact outcome of each cell and the database checked against it.

Outcomes: ok (done), hidden (404: not in the user's reach), denied (403: visible, not theirs to do),
refused (400 from the API / the form shown again: the input names something outside the user's reach).
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.supervision import actions
from ducha.supervision.models import Kind, State, Supervision

OBJECTS = ("ld", "qt")
# create_letter: a letter to the county government about its task; issue: issue a draft; reply: reply to an
# issued letter; close: close a replied letter; flag: flag the task; reply_flag / close_flag: on an open flag
# raised by the supervisor; lift: lift a listing; edit: correct a draft; retrieve: open the record. A draft is the
# issuing office's own: the addressee's line (its officers, the county's leader) does not see it (issue, edit).
TABLE = """
admin        retrieve       ok       ok
admin        create_letter  ok       ok
admin        issue          ok       ok
admin        reply          denied   denied
admin        close          ok       ok
admin        flag           ok       ok
admin        reply_flag     denied   denied
admin        close_flag     ok       ok
admin        lift           ok       ok
admin        edit           ok       ok
coord        retrieve       ok       ok
coord        create_letter  ok       ok
coord        issue          ok       ok
coord        reply          denied   denied
coord        close          ok       ok
coord        flag           ok       ok
coord        reply_flag     denied   denied
coord        close_flag     ok       ok
coord        lift           ok       ok
coord        edit           ok       ok
ld_officer   retrieve       ok       hidden
ld_officer   create_letter  denied   denied
ld_officer   issue          hidden   hidden
ld_officer   reply          ok       hidden
ld_officer   close          denied   hidden
ld_officer   flag           denied   hidden
ld_officer   reply_flag     ok       hidden
ld_officer   close_flag     denied   hidden
ld_officer   lift           denied   hidden
ld_officer   edit           hidden   hidden
qt_officer   retrieve       hidden   ok
qt_officer   create_letter  denied   denied
qt_officer   issue          hidden   hidden
qt_officer   reply          hidden   ok
qt_officer   close          hidden   denied
qt_officer   flag           hidden   denied
qt_officer   reply_flag     hidden   ok
qt_officer   close_flag     hidden   denied
qt_officer   lift           hidden   denied
qt_officer   edit           hidden   hidden
supervisor   retrieve       ok       ok
supervisor   create_letter  denied   denied
supervisor   issue          denied   denied
supervisor   reply          denied   denied
supervisor   close          denied   denied
supervisor   flag           ok       ok
supervisor   reply_flag     denied   denied
supervisor   close_flag     ok       ok
supervisor   lift           denied   denied
supervisor   edit           denied   denied
ld_leader    retrieve       ok       hidden
ld_leader    create_letter  denied   denied
ld_leader    issue          hidden   hidden
ld_leader    reply          denied   hidden
ld_leader    close          denied   hidden
ld_leader    flag           denied   hidden
ld_leader    reply_flag     denied   hidden
ld_leader    close_flag     denied   hidden
ld_leader    lift           denied   hidden
ld_leader    edit           hidden   hidden
wz_coord     retrieve       hidden   hidden
wz_coord     create_letter  refused  refused
wz_coord     issue          hidden   hidden
wz_coord     reply          hidden   hidden
wz_coord     close          hidden   hidden
wz_coord     flag           hidden   hidden
wz_coord     reply_flag     hidden   hidden
wz_coord     close_flag     hidden   hidden
wz_coord     lift           hidden   hidden
wz_coord     edit           hidden   hidden
"""
EXPECTED = {}
for line in TABLE.strip().splitlines():
    role, action, *outcomes = line.split()
    EXPECTED[(role, action)] = dict(zip(OBJECTS, outcomes))
CELLS = [(role, action) for role, action in EXPECTED]
MARKER = "矩阵测试标记"


def _status(code, ok):
    return {ok: "ok", 403: "denied", 404: "hidden", 400: "refused"}.get(code, f"HTTP {code}")


def _record(world, letter, flag, action, key):
    """The record the action works on, in the state it needs."""
    if action in ("create_letter", "flag"):
        return None
    if action in ("reply_flag", "close_flag"):
        return flag(key)
    if action == "lift":
        return letter(key, kind="listed", state="listed")
    state = {"retrieve": "issued", "issue": "draft", "edit": "draft", "reply": "issued", "close": "replied"}[action]
    return letter(key, state=state)


def _written(action, record, tasks, key):
    if action == "retrieve":
        return None
    if action in ("create_letter", "edit"):
        return Supervision.objects.filter(required=MARKER).exists()
    if action == "flag":
        return Supervision.objects.filter(kind=Kind.FLAG, required=MARKER, tasks=tasks[key]).exists()
    record.refresh_from_db()
    return record.state == {"issue": State.ISSUED, "reply": State.REPLIED, "close": State.CLOSED,
                            "reply_flag": State.REPLIED, "close_flag": State.CLOSED, "lift": State.LIFTED}[action]


def api_outcome(client, world, tasks, action, key, record):
    base = "/api/supervisions/"
    if action == "retrieve":
        return _status(client.get(f"{base}{record.pk}/").status_code, 200)
    if action == "create_letter":
        body = {"kind": "letter", "unit": world.units[f"{key}_gov"].pk, "tasks": [tasks[key].pk], "required": MARKER}
        return _status(client.post(base, body, format="json").status_code, 201)
    if action == "flag":
        return _status(client.post(f"/api/tasks/{tasks[key].pk}/flag/", {"note": MARKER}, format="json").status_code,
                       201)
    if action == "edit":
        return _status(client.patch(f"{base}{record.pk}/", {"required": MARKER}, format="json").status_code, 200)
    if action in ("reply", "reply_flag"):
        return _status(client.post(f"{base}{record.pk}/replies/", {"text": MARKER}, format="multipart").status_code,
                       201)
    name = {"close_flag": "close"}.get(action, action)
    body = {"reason": MARKER} if action == "lift" else {}
    return _status(client.post(f"{base}{record.pk}/{name}/", body, format="json").status_code, 200)


def html_outcome(client, world, tasks, action, key, record):
    if action == "retrieve":
        return _status(client.get(reverse("supervision:detail", args=[record.pk])).status_code, 200)
    if action == "create_letter":
        response = client.post(reverse("supervision:create"), {
            "kind": "letter", "unit": world.units[f"{key}_gov"].pk, "task_ids": str(tasks[key].pk),
            "required": MARKER})
        if response.status_code == 200:
            assert response.context["form"].errors, "the form came back without an error"
            return "refused"
        return _status(response.status_code, 302)
    if action == "flag":
        response = client.post(reverse("supervision:task_flag", args=[tasks[key].pk]), {"note": MARKER})
        return _status(response.status_code, 302)
    if action == "edit":
        response = client.post(reverse("supervision:edit", args=[record.pk]), {
            "unit": record.unit_id, "task_ids": "", "required": MARKER, "version": record.version})
        return _status(response.status_code, 302)
    if action in ("reply", "reply_flag"):
        response = client.post(reverse("supervision:reply", args=[record.pk]), {"text": MARKER, "version": record.version})
        return _status(response.status_code, 302)
    name = {"close_flag": "close"}.get(action, action)
    response = client.post(reverse("supervision:transition", args=[record.pk, name]),
                           {"reason": MARKER, "version": record.version})
    return _status(response.status_code, 302)


@pytest.mark.parametrize("channel", ["api", "html"])
@pytest.mark.parametrize("key", OBJECTS)
@pytest.mark.parametrize("role, action", CELLS)
def test_permission_matrix(world, tasks, letter, flag, settings, tmp_path, channel, role, action, key):
    settings.MEDIA_ROOT = tmp_path
    record = _record(world, letter, flag, action, key)
    user = world.users[role]
    if channel == "api":
        client = APIClient()
        client.force_authenticate(user)
        got = api_outcome(client, world, tasks, action, key, record)
    else:
        from django.test import Client

        client = Client()
        client.force_login(user)
        got = html_outcome(client, world, tasks, action, key, record)
    assert got == EXPECTED[(role, action)][key]
    written = _written(action, record, tasks, key)
    if written is not None:
        assert written == (got == "ok"), "the database does not match the outcome"


def test_the_actions_refuse_what_the_matrix_denies(world, letter):
    """The same rules hold without a page or the API in between."""
    record = letter("ld", state="issued")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.reply(acting_user=world.users["qt_officer"], record=record, text="x")
    with pytest.raises(PermissionDenied):
        actions.close(acting_user=world.users["wz_coord"], record=record)
