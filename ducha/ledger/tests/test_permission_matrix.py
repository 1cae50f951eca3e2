"""The permission matrix, end to end: role × action × task (inside and outside the user's reach) ×
destination (moves inside and outside it), through the REST API and the HTML pages, and the
`ducha tasks` command for export and import, with the exact outcome of every cell.

Outcomes:
  ok      the action happened (listed / opened / created / saved / flagged / exported / imported)
  hidden  the task is not listed or exported, and opening, editing or flagging it is a 404
  denied  403: the role may not do this to a task it can see (or may not do it at all)
  refused the request names something outside the user's reach and is rejected as bad input
          (400 from the API, the form shown again with an error on the page); nothing is written
"""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.ledger.actions.rules import OFFICE_FIELDS, editable_fields
from ducha.ledger.models import Task
from ducha.supervision.models import Supervision

OBJECTS = ("ld", "qt", "city")  # a 莲都区 task, a 青田县 task, a 丽水市 (city) task
ACTIONS = ("list", "retrieve", "create", "update", "flag", "export", "import", "move_in", "move_out", "claim",
           "sign_off", "void")

# role        action     莲都区    青田县    city
TABLE = """
admin        list       ok       ok       ok
admin        retrieve   ok       ok       ok
admin        create     ok       ok       ok
admin        update     ok       ok       ok
admin        flag       ok       ok       ok
admin        export     ok       ok       ok
admin        import     ok       ok       ok
admin        move_in    ok       ok       ok
admin        move_out   refused  refused  refused
admin        claim      ok       ok       ok
admin        sign_off   ok       ok       ok
admin        void       ok       ok       ok
coord        list       ok       ok       ok
coord        retrieve   ok       ok       ok
coord        create     ok       ok       ok
coord        update     ok       ok       ok
coord        flag       ok       ok       ok
coord        export     ok       ok       ok
coord        import     ok       ok       ok
coord        move_in    ok       ok       ok
coord        move_out   denied   denied   denied
coord        claim      ok       ok       ok
coord        sign_off   ok       ok       ok
coord        void       ok       ok       ok
ld_officer   list       ok       hidden   hidden
ld_officer   retrieve   ok       hidden   hidden
ld_officer   create     denied   denied   denied
ld_officer   update     denied   hidden   hidden
ld_officer   flag       denied   hidden   hidden
ld_officer   export     ok       hidden   hidden
ld_officer   import     denied   denied   denied
ld_officer   move_in    denied   hidden   hidden
ld_officer   move_out   denied   hidden   hidden
ld_officer   claim      ok       hidden   hidden
ld_officer   sign_off   denied   hidden   hidden
ld_officer   void       denied   hidden   hidden
qt_officer   list       hidden   ok       hidden
qt_officer   retrieve   hidden   ok       hidden
qt_officer   create     denied   denied   denied
qt_officer   update     hidden   denied   hidden
qt_officer   flag       hidden   denied   hidden
qt_officer   export     hidden   ok       hidden
qt_officer   import     denied   denied   denied
qt_officer   move_in    hidden   denied   hidden
qt_officer   move_out   hidden   denied   hidden
qt_officer   claim      hidden   ok       hidden
qt_officer   sign_off   hidden   denied   hidden
qt_officer   void       hidden   denied   hidden
supervisor   list       ok       ok       ok
supervisor   retrieve   ok       ok       ok
supervisor   create     denied   denied   denied
supervisor   update     denied   denied   denied
supervisor   flag       ok       ok       ok
supervisor   export     ok       ok       ok
supervisor   import     denied   denied   denied
supervisor   move_in    denied   denied   denied
supervisor   move_out   denied   denied   denied
supervisor   claim      denied   denied   denied
supervisor   sign_off   denied   denied   denied
supervisor   void       denied   denied   denied
ld_leader    list       ok       hidden   hidden
ld_leader    retrieve   ok       hidden   hidden
ld_leader    create     denied   denied   denied
ld_leader    update     denied   hidden   hidden
ld_leader    flag       denied   hidden   hidden
ld_leader    export     ok       hidden   hidden
ld_leader    import     denied   denied   denied
ld_leader    move_in    denied   hidden   hidden
ld_leader    move_out   denied   hidden   hidden
ld_leader    claim      denied   hidden   hidden
ld_leader    sign_off   denied   hidden   hidden
ld_leader    void       denied   hidden   hidden
wz_coord     list       hidden   hidden   hidden
wz_coord     retrieve   hidden   hidden   hidden
wz_coord     create     refused  refused  refused
wz_coord     update     hidden   hidden   hidden
wz_coord     flag       hidden   hidden   hidden
wz_coord     export     hidden   hidden   hidden
wz_coord     import     refused  refused  refused
wz_coord     move_in    hidden   hidden   hidden
wz_coord     move_out   hidden   hidden   hidden
wz_coord     claim      hidden   hidden   hidden
wz_coord     sign_off   hidden   hidden   hidden
wz_coord     void       hidden   hidden   hidden
"""
# coord is the 丽水市 coordinator, supervisor a 丽水市 supervisor, ld_leader a 莲都区 leader,
# wz_coord the coordinator of another city (温州市). ld_officer and qt_officer work for the
# 莲都区 and 青田县 governments.
# move_in moves the task (with a lead unit there) to a division inside the 丽水 coordinator's reach, move_out to
# 温州市 (outside it). claim is the lead unit's 申报完成整改, sign_off the office's 验收销号 of a task whose notice
# period is over (its page is the sign-off app's), void
# the office's 作废 with a reason. Officers may not update a task at all: they file progress reports
# (ducha.progress; its own matrix is ducha/progress/tests/test_permission_matrix.py).


def _parse(table):
    expected = {}
    for line in table.strip().splitlines():
        role, action, *cells = line.split()
        assert action in ACTIONS and len(cells) == len(OBJECTS), line
        expected[(role, action)] = dict(zip(OBJECTS, cells))
    return expected


EXPECTED = _parse(TABLE)
ROLES = list(dict.fromkeys(role for role, _ in EXPECTED))
assert len(EXPECTED) == len(ROLES) * len(ACTIONS)

CELLS = [(role, action, obj) for role in ROLES for action in ACTIONS for obj in OBJECTS]
MARKER = "矩阵测试"


@pytest.fixture
def tasks(world, make_task):
    return {
        "ld": make_task(units=("ld_gov",), division="ld", number="L1", target="莲都区餐饮油烟整治"),
        "qt": make_task(units=("qt_gov",), division="qt", number="Q1", target="青田县矿山生态修复"),
        "city": make_task(units=("eco",), number="C1", target="市区建筑工地扬尘管控"),
    }


def _destination(world, action, task):
    """(division, lead unit) a move sends the task to."""
    if action == "move_out":
        return world.div["wz"], world.units["wz_eco"]
    if task.division == world.div["qt"]:
        return world.div["ld"], world.units["ld_gov"]
    return world.div["qt"], world.units["qt_gov"]


LEAD_OFFICERS = {"ld_gov": "ld_officer", "qt_gov": "qt_officer", "eco": "eco_officer"}


def _prepare(world, action, task):
    """A task to sign off: claimed, applied for, reviewed, checked, signed, its notice period over."""
    if action == "sign_off":
        from ducha.ledger import actions
        from ducha.signoff.tests.helpers import to_notice_over

        actions.transition_task(acting_user=world.users["admin"], task=task, name="claim")
        task.refresh_from_db()
        lead = next(k for k, unit in world.units.items() if unit.pk == task.lead_unit_id)
        to_notice_over(task, world.users[LEAD_OFFICERS[lead]], world.users["coord"], world.users["coord"])


def _status(code, ok):
    return {ok: "ok", 403: "denied", 404: "hidden", 400: "refused"}.get(code, f"HTTP {code}")


def _exported_targets(content):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return {str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None}


def _ledger_file(task):
    """A one-row ledger that changes the task's measures."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "所属区划", "整改目标", "整改措施", "责任单位", "整改时限"])
    sheet.append([task.number, task.division.name, task.target, MARKER, task.lead_unit.name,
                  task.deadline.isoformat()])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "台账.xlsx"
    return out


# ---- the API ---------------------------------------------------------------------------------------------

def api_outcome(client, world, action, task):
    url = f"/api/tasks/{task.pk}/"
    if action == "list":
        ids = [row["id"] for row in client.get("/api/tasks/?page_size=100").json()["results"]]
        return "ok" if task.pk in ids else "hidden"
    if action == "retrieve":
        return _status(client.get(url).status_code, 200)
    if action == "create":
        response = client.post("/api/tasks/", {
            "plan": task.plan_id, "number": "N1", "target": task.target, "units": [task.lead_unit_id],
            "problem": world.problem.pk, "measures": task.measures,
            "division": task.division.code, "category": "by_deadline", "deadline": "2027-06-30"}, format="json")
        return _status(response.status_code, 201)
    if action == "update":
        return _status(client.patch(url, {"progress_note": MARKER}, format="json").status_code, 200)
    if action == "flag":
        return _status(client.post(url + "flag/", {"note": MARKER}, format="json").status_code, 201)
    if action == "export":
        pytest.importorskip("ducha.ledger.exporting")
        response = client.get("/api/tasks/export/")
        assert response.status_code == 200
        return "ok" if task.target in _exported_targets(b"".join(response.streaming_content)) else "hidden"
    if action == "import":
        pytest.importorskip("ducha.ledger.importing")
        response = client.post("/api/tasks/import/", {"file": _ledger_file(task), "plan_code": task.plan.code,
                                                      "dry_run": "false"}, format="multipart")
        return _status(response.status_code, 200)
    if action in ("move_in", "move_out"):
        division, lead = _destination(world, action, task)
        return _status(client.patch(url, {"division": division.code, "units": [lead.pk]}, format="json")
                       .status_code, 200)
    if action in ("claim", "sign_off"):
        return _status(client.post(url + f"transitions/{action}/", {}, format="json").status_code, 200)
    if action == "void":
        return _status(client.post(url + "void/", {"reason": MARKER}, format="json").status_code, 200)
    raise AssertionError(action)


# ---- the HTML pages --------------------------------------------------------------------------------------

def _form_data(task, user, **changes):
    data = {"progress": task.progress, "progress_note": task.progress_note}
    if task.pk is None or editable_fields(user, task) == OFFICE_FIELDS:
        data.update({
            "plan": task.plan_id, "number": task.number, "target": task.target, "measures": task.measures,
            "problem": task.problem_id or "", "version": task.version or "",
            "division": task.division_id, "lead_unit": task.lead_unit_id, "category": task.category,
            "deadline": task.deadline.isoformat(), "stages-TOTAL_FORMS": "0", "stages-INITIAL_FORMS": "0",
            "stages-MIN_NUM_FORMS": "0", "stages-MAX_NUM_FORMS": "20",
        })
    data.update(changes)
    return data


def html_outcome(client, world, user, action, task):
    if action == "list":
        html = client.get(reverse("ledger:task_list")).content.decode()
        return "ok" if str(task.pk) in re.findall(r'data-task-id="(\d+)"', html) else "hidden"
    if action == "retrieve":
        return _status(client.get(reverse("ledger:task_detail", args=[task.pk])).status_code, 200)
    if action == "create":
        new = Task(plan=task.plan, number="N1", target=task.target, measures=task.measures, division=task.division,
                   lead_unit=task.lead_unit, category="by_deadline", deadline=dt.date(2027, 6, 30),
                   problem=world.problem)
        response = client.post(reverse("ledger:task_create"), _form_data(new, user))
        if response.status_code == 200:
            assert response.context["form"].errors, "the form came back without an error"
            return "refused"
        return _status(response.status_code, 302)
    if action == "update":
        response = client.post(reverse("ledger:task_edit", args=[task.pk]),
                               _form_data(task, user, progress_note=MARKER))
        return _status(response.status_code, 302)
    if action == "flag":
        return _status(client.post(reverse("supervision:task_flag", args=[task.pk]), {"note": MARKER}).status_code, 302)
    if action == "export":
        pytest.importorskip("ducha.ledger.exporting")
        response = client.get(reverse("ledger:task_export"))
        assert response.status_code == 200
        return "ok" if task.target in _exported_targets(b"".join(response.streaming_content)) else "hidden"
    if action == "import":
        pytest.importorskip("ducha.ledger.importing")
        response = client.post(reverse("ledger:task_import"), {"action": "preview", "file": _ledger_file(task),
                                                               "plan_code": task.plan.code})
        if response.status_code != 200:
            return _status(response.status_code, 200)
        if response.context["form"].errors or not response.context.get("pending"):
            return "refused"
        token = client.session["ledger_import"]["token"]
        return _status(client.post(reverse("ledger:task_import"), {"action": "confirm", "token": token}).status_code,
                       302)
    if action in ("move_in", "move_out"):
        division, lead = _destination(world, action, task)
        response = client.post(reverse("ledger:task_edit", args=[task.pk]),
                               _form_data(task, user, division=division.pk, lead_unit=lead.pk))
        if response.status_code == 302:  # a unit's progress form has no division to change: nothing moves
            return "ok" if _written(action, task, 0) else "denied"
        if response.status_code == 200:
            form = response.context["form"]
            assert form.errors, "the form came back without an error"
            # A destination outside the user's reach is not among the form's choices; one the user may choose
            # but the rules refuse (a division outside the plan's) comes back with the rule's error.
            choices = form.fields["division"].queryset
            return "refused" if choices.filter(pk=division.pk).exists() else "denied"
        return _status(response.status_code, 302)
    if action in ("claim", "sign_off", "void"):
        url = (reverse("ledger:task_void", args=[task.pk]) if action == "void"
               else reverse("signoff:step", args=[task.pk, action]) if action == "sign_off"
               else reverse("ledger:task_transition", args=[task.pk, action]))
        response = client.post(url, {"version": task.version, **({"reason": MARKER} if action == "void" else {})})
        if response.status_code != 302:
            return _status(response.status_code, 302)
        return "ok" if _written(action, task, 0) else "denied"
    raise AssertionError(action)


def _written(action, task, before_flags):
    """Did the action leave its mark on the database?"""
    task.refresh_from_db()
    if action == "create":
        return Task.objects.filter(plan=task.plan, number="N1").exists()
    if action == "update":
        return task.progress_note == MARKER
    if action == "flag":
        return Supervision.objects.filter(tasks=task, kind="flag").count() > before_flags
    if action == "import":
        return task.measures == MARKER
    if action in ("move_in", "move_out"):
        return task.division == _destination(task._world, action, task._original)[0]
    if action == "claim":
        return task.state == "completed"
    if action == "sign_off":
        return task.state == "signed_off"
    if action == "void":
        return Task.objects.filter(pk=task.pk, voided_at__isnull=False).exists()
    return None


@pytest.mark.parametrize("channel", ["api", "html"])
@pytest.mark.parametrize("role, action, obj", CELLS)
def test_permission_matrix(world, tasks, settings, tmp_path, channel, role, action, obj):
    settings.MEDIA_ROOT = tmp_path
    user, task = world.users[role], tasks[obj]
    _prepare(world, action, task)
    task._world, task._original = world, Task.objects.select_related("division").get(pk=task.pk)
    flags = Supervision.objects.filter(tasks=task, kind="flag").count()
    if channel == "api":
        client = APIClient()
        client.force_authenticate(user)
        got = api_outcome(client, world, action, task)
    else:
        from django.test import Client

        client = Client()
        client.force_login(user)
        got = html_outcome(client, world, user, action, task)
    assert got == EXPECTED[(role, action)][obj]
    written = _written(action, task, flags)
    if written is not None:
        assert written == (got == "ok"), "the database does not match the outcome"
