"""`ducha tasks transitions` / `ducha tasks transition`: the acceptance steps from the command line take the
API's path (ducha.ledger.steps) with the same rules: who may, in and out of scope, missing fields named,
files stored as evidence, stale versions refused."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ducha.audit.models import AuditEntry
from ducha.ledger.models import TaskState
from ducha.signoff.models import Application, ApplicationState

from .helpers import CHECKS
from ..tests.test_objections import PNG


def ducha(*args):
    out = io.StringIO()
    call_command("tasks", *args, stdout=out)
    return out.getvalue()


def test_the_unit_applies_with_a_photo_and_the_reviewer_returns_then_passes(world, claimed, tmp_path):
    checks = tmp_path / "checks.json"
    checks.write_text(json.dumps({"self_checks": CHECKS}, ensure_ascii=False), encoding="utf-8")
    photo = tmp_path / "现场.png"
    photo.write_bytes(PNG)
    listed = ducha("transitions", "--id", str(claimed.pk), "--user", "ld_officer")
    assert "apply\t提交验收申请\t需填：report、self_checks" in listed  # offered before any draft exists
    said = ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--set", "report=已完成。",
                 "--json", str(checks), "--file", str(photo))
    assert "验收中" in said
    application = Application.objects.get(task=claimed)
    assert application.state == ApplicationState.SUBMITTED and application.report == "已完成。"
    assert [e.file.original_name for e in application.evidence.select_related("file")] == ["现场.png"]
    with pytest.raises(CommandError, match="reason"):
        ducha("transition", "--id", str(claimed.pk), "return_application", "--user", "eco_officer")
    ducha("transition", "--id", str(claimed.pk), "return_application", "--user", "eco_officer", "--set", "reason=补充照片")
    ducha("transition", "--id", str(claimed.pk), "resubmit", "--user", "ld_officer", "--set", "report=已补充。")
    listed = ducha("transitions", "--id", str(claimed.pk), "--user", "eco_officer")
    assert "pass_review\t" in listed and "return_application\t" in listed
    ducha("transition", "--id", str(claimed.pk), "pass_review", "--user", "eco_officer", "--set", "note=齐全")
    application.refresh_from_db()
    assert application.state == ApplicationState.REVIEWED
    assert AuditEntry.objects.filter(action="signoff.pass_review", actor=world.users["eco_officer"]).exists()


@pytest.mark.parametrize("user, message", [
    ("wz_coord", "不存在或不在该用户的范围内"),  # another city's coordinator: the task is out of reach
    ("qt_officer", "牵头单位"),  # the co-unit sees the task but may not apply for it
    ("nobody", "不存在或已停用"),
])
def test_the_wrong_people_are_refused_and_nothing_is_written(world, claimed, user, message):
    with pytest.raises(CommandError, match=message):
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", user, "--set", "report=已完成。")
    assert not Application.objects.filter(task=claimed).exists()
    claimed.refresh_from_db()
    assert claimed.state == TaskState.COMPLETED


def test_a_stale_version_and_bad_input_are_named(world, claimed, tmp_path):
    with pytest.raises(CommandError, match="已被他人修改"):
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--set", "report=x",
              "--version", str(claimed.version - 1))
    with pytest.raises(CommandError):  # no self-checks: the submit refuses, and the draft is not kept either
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--set", "report=x")
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(CommandError, match="JSON 对象"):
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--json", str(bad))
    with pytest.raises(CommandError, match="KEY=VALUE"):
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--set", "report")
    with pytest.raises(CommandError, match="无法读取"):
        ducha("transition", "--id", str(claimed.pk), "apply", "--user", "ld_officer", "--file", "/no/such.png")
    with pytest.raises(CommandError, match="--id"):
        ducha("transition", "apply", "--user", "ld_officer")
    assert not Application.objects.filter(task=claimed).exists()
