"""The acceptance steps × every role, in scope and out of it, through the API, the pages and the command
(`ducha tasks transition`).

The task: 莲都区人民政府 leads, 青田县人民政府 is a co-unit, 丽水市生态环境局 is the acceptance unit; wz_coord
(温州市) is out of scope. Each cell prepares the task at the step before and takes the step.

  ok      the step happened
  denied  403: the user sees the task but the step is not theirs
  hidden  404: the task is out of the user's reach
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from rest_framework.test import APIClient

from ducha.signoff.models import Application

from .helpers import CHECKS, FINDINGS

STEPS = ("apply", "return_application", "pass_review", "onsite_check", "sign", "publish", "sign_off", "file")

# role          apply    return   pass     onsite   sign     publish  sign_off file
TABLE = """
admin           denied   ok       ok       ok       ok       ok       ok       ok
coord           denied   ok       ok       ok       ok       ok       ok       ok
ld_officer      ok       denied   denied   denied   denied   denied   denied   denied
qt_officer      denied   denied   denied   denied   denied   denied   denied   denied
eco_officer     denied   ok       ok       ok       ok       denied   denied   denied
supervisor      denied   denied   denied   denied   denied   denied   denied   denied
ld_leader       denied   denied   denied   denied   denied   denied   denied   denied
wz_coord        hidden   hidden   hidden   hidden   hidden   hidden   hidden   hidden
"""
EXPECTED = {(line.split()[0], step): cell for line in TABLE.strip().splitlines()
            for step, cell in zip(STEPS, line.split()[1:])}
# The step before each one (conftest's drive) and the body the step takes.
BEFORE = {"apply": "draft", "return_application": "submitted", "pass_review": "submitted",
          "onsite_check": "reviewed", "sign": "checked", "publish": "signed", "sign_off": "notice_over",
          "file": "signed_off"}
BODY = {"return_application": {"reason": "缺少监测报告"}, "sign": {"opinion": "同意销号"},
        "onsite_check": {"checked_on": "2026-11-02", "people": "张三", "place": "莲都区", "findings": FINDINGS},
        "file": {"filed_with": "浙江省整改办"}, "apply": {}, "pass_review": {}, "publish": {}, "sign_off": {}}
AFTER = {"apply": "submitted", "return_application": "returned", "pass_review": "reviewed", "onsite_check": "checked",
         "sign": "signed", "publish": "in_notice", "sign_off": "signed_off", "file": "signed_off"}


def _form(step, task):
    """The page's post, on the version its form carries: the task's, the application's for the draft."""
    body = dict(BODY[step], version=task.version)
    if step == "onsite_check":
        body.update({f"finding_{k}": v for k, v in body.pop("findings").items()})
    if step == "apply":
        body.update({"report": "已完成。", "submit": "1", **{f"self_check_{k}": v for k, v in CHECKS.items()},
                     "version": Application.objects.filter(task=task).latest("id").version})
    return body


def _outcome(code, ok):
    return {ok: "ok", 403: "denied", 404: "hidden"}.get(code, f"HTTP {code}")


def _command(user, task, step, tmp_path):
    """The command's outcome: ok, hidden (the task is out of the user's reach) or denied (refused)."""
    body = tmp_path / "body.json"
    body.write_text(json.dumps(BODY[step], ensure_ascii=False), encoding="utf-8")
    try:
        call_command("tasks", "transition", "--id", str(task.pk), step, "--user", user.username, "--json", str(body),
                     stdout=io.StringIO())
    except CommandError as error:
        return "hidden" if "不在该用户的范围内" in str(error) else "denied"
    return "ok"


@pytest.mark.parametrize("channel", ["api", "page", "command"])
@pytest.mark.parametrize("role, step", list(EXPECTED))
def test_matrix(world, claimed, drive, client, channel, role, step, tmp_path):
    task = drive(claimed, BEFORE[step])
    user = world.users[role]
    response = None
    if channel == "command":
        got = _command(user, task, step, tmp_path)
    elif channel == "api":
        api = APIClient()
        api.force_authenticate(user)
        response = api.post(f"/api/tasks/{task.pk}/transitions/{step}/", BODY[step], format="json")
        got = _outcome(response.status_code, 200)
    else:
        client.force_login(user)
        response = client.post(reverse("signoff:step", args=[task.pk, step]), _form(step, task))
        got = _outcome(response.status_code, 302)
    application = Application.objects.filter(task=task).order_by("-id").first()
    if got == "ok":
        assert application.state == AFTER[step]
        assert step != "file" or task.signoff_filings.count() == 1
    else:
        assert application.state != AFTER[step] or step == "file" and not task.signoff_filings.exists()
    assert got == EXPECTED[(role, step)], (role, step, channel, getattr(response, "content", b"")[:300])
