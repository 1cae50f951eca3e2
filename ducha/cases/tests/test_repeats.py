import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from ducha.audit.models import AuditEntry
from ducha.cases.actions.repeats import confirm_repeat, dismiss_repeat, find_repeats, repeats_of
from ducha.cases.models import Case, RepeatLink, RepeatStatus

from .outward_world import cases_world  # noqa: F401

QUARRY = ("莲都区碧湖镇下南山村某石料厂长期夜间开采，爆破震动导致村民房屋开裂，运输车辆带泥上路，"
          "道路扬尘严重，周边农田被粉尘覆盖，村民多次反映无果。")
QUARRY_AGAIN = ("莲都区碧湖镇下南山村石料厂仍然夜间开采，爆破震动导致村民房屋开裂，运输车辆带泥上路，"
                "道路扬尘严重，周边农田被粉尘覆盖，村民多次反映至今无果。")
RESTAURANT = "莲都区紫金街道某小区楼下三家餐饮店油烟未经净化直排，油烟管道紧贴居民窗户，夏季无法开窗。"


@pytest.fixture
def linked(cases_world):
    w = cases_world
    w.first = w.case(1, summary=QUARRY)
    w.other = w.case(1, summary=RESTAURANT)
    w.cited = w.case(4, summary=f"反映{w.first.number}件所涉问题至今未整改，要求再次核查。")
    w.again = w.case(5, summary=QUARRY_AGAIN)
    w.elsewhere = w.case(5, summary=QUARRY_AGAIN + "另", division="qt")
    return w


def test_cited_number_similar_text_and_honest_non_repeats(linked):
    w = linked
    assert find_repeats(Case.objects.all(), acting_user=None) >= 2
    pairs = {(l.case_id, l.earlier_id): l for l in RepeatLink.objects.all()}
    assert pairs[(w.cited.pk, w.first.pk)].reason == "cited"
    similar = pairs[(w.again.pk, w.first.pk)]
    assert similar.reason == "similar" and 0.5 <= similar.score < 1
    assert (w.first.pk, w.again.pk) not in pairs  # the earlier case never repeats the later one
    assert not any(w.other.pk in key for key in pairs)  # a different complaint is not a repeat
    assert (w.elsewhere.pk, w.first.pk) not in pairs  # same words, another county: not proposed
    assert find_repeats(Case.objects.all(), acting_user=None) == 0  # nothing twice
    assert AuditEntry.objects.filter(action="cases.repeat_find").count() == len(pairs)


def test_coordinator_confirms_or_dismisses_audited(linked):
    w = linked
    find_repeats(Case.objects.all(), acting_user=w.users["coord"])
    link = RepeatLink.objects.get(case=w.again, earlier=w.first)
    with pytest.raises(PermissionDenied):
        confirm_repeat(link, acting_user=w.users["ld_officer"])
    with pytest.raises(PermissionDenied):
        confirm_repeat(link, acting_user=w.users["wz_coord"])
    confirm_repeat(link, acting_user=w.users["coord"], merge_number="HB-2020-01")
    assert repeats_of(w.again) == [(w.first, "HB-2020-01")]
    with pytest.raises(ValidationError):
        dismiss_repeat(link, acting_user=w.users["coord"])
    cited = RepeatLink.objects.get(case=w.cited)
    dismiss_repeat(cited, acting_user=w.users["coord"], note="反映的是新问题")
    assert RepeatLink.objects.get(pk=cited.pk).status == RepeatStatus.DISMISSED
    assert AuditEntry.objects.filter(action__in=["cases.repeat_confirm", "cases.repeat_dismiss"],
                                     actor=w.users["coord"]).count() == 2


def test_repeat_of_signed_off_task_is_a_possible_rebound(linked, make_task):
    from ducha.core.workflow import state_change
    from ducha.ledger.models import Task, TaskState

    w = linked
    find_repeats(Case.objects.filter(pk=w.cited.pk), acting_user=None)
    assert not RepeatLink.objects.get(case=w.cited).rebound  # found before the sign-off
    task = make_task()
    with state_change():
        Task.objects.filter(pk=task.pk).update(state=TaskState.SIGNED_OFF)
    Case.objects.filter(pk=w.first.pk).update(task=task)
    find_repeats(Case.objects.all(), acting_user=None)
    assert RepeatLink.objects.get(case=w.again, earlier=w.first).rebound
    assert not RepeatLink.objects.get(case=w.cited, earlier=w.first).rebound


def test_repeats_command_lists_csv(linked, tmp_path):
    out = tmp_path / "r.csv"
    call_command("cases", "repeats", "--inspection", "zj2", "--find", "--csv", str(out), stderr=io.StringIO())
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "case,earlier,score,reason"
    assert f"{linked.again.number},{linked.first.number}," in "\n".join(lines)
    assert any(line.endswith(",cited") for line in lines)
