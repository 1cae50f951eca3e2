"""Each rule on real-looking data: what it finds, and the honest case it leaves alone."""

import datetime as dt

import pytest

from ducha.revisits import actions as revisits
from ducha.revisits.models import Conclusion
from ducha.suspects import rules
from ducha.suspects.actions import detect
from ducha.suspects.models import Suspect

from .conftest import HONEST, PNG, REPORT


def _found(world, only):
    return {(s.rule, s.task.number, s.other_task.number if s.other_task_id else None)
            for s in detect(acting_user=world.users["coord"], only=only)}


def test_same_evidence_file_on_two_tasks(world, make_task, accepted):
    a = accepted(make_task(number="1", units=("ld_gov",), division="ld"), "报告甲", files=[(PNG, "现场.png")])
    accepted(make_task(number="2", units=("qt_gov",), division="qt"), "报告乙", files=[(PNG, "整改后.png")])
    accepted(make_task(number="3"), "报告丙", files=[(PNG + b"other", "别的.png")])
    assert _found(world, {"same_file"}) == {("same_file", "2", "1")}
    suspect = Suspect.objects.get(rule="same_file")
    assert [e["name"] for e in suspect.evidence] == ["现场.png", "整改后.png"]
    assert suspect.evidence[0]["sha256"] == suspect.evidence[1]["sha256"]
    assert suspect.task_id != a.pk


def test_copied_completion_report_across_units_is_found_and_honest_one_is_not(world, make_task, accepted):
    accepted(make_task(number="1", units=("ld_gov",), division="ld"),
             REPORT.format(place="莲都区", site="碧湖镇砂石", n=3200, m=24))
    accepted(make_task(number="2", units=("qt_gov",), division="qt"),
             REPORT.format(place="青田县", site="温溪镇石料", n=2800, m=18))
    accepted(make_task(number="3", units=("eco",)), HONEST.format(place="丽水市生态环境局"))
    found = _found(world, {"similar_text"})
    assert found == {("similar_text", "2", "1")}
    suspect = Suspect.objects.get(rule="similar_text")
    assert 0.5 <= suspect.score < 1
    assert "碧湖镇砂石" in suspect.evidence[0]["text"] and "温溪镇石料" in suspect.evidence[1]["text"]


def test_threshold_is_an_option(world, make_task, accepted):
    accepted(make_task(number="1"), REPORT.format(place="莲都区", site="碧湖镇砂石", n=3200, m=24))
    accepted(make_task(number="2"), REPORT.format(place="青田县", site="温溪镇石料", n=2800, m=18))
    tasks = detect.__globals__["tasks_for"](None)
    assert list(rules.run(tasks, rules.Options(similarity=0.99), only={"similar_text"})) == []


def test_self_acceptance_and_no_onsite_check(world, make_task, accepted):
    accepted(make_task(number="1", units=("eco",)), "报告", signer_unit="eco")
    accepted(make_task(number="2", units=("eco",)), "报告", onsite=False)
    accepted(make_task(number="3", units=("eco",)), "报告")
    assert _found(world, {"self_acceptance", "no_onsite"}) == {("self_acceptance", "1", None),
                                                               ("no_onsite", "2", None)}


def test_rebound_within_months_of_sign_off(world, make_task, accepted):
    soon = accepted(make_task(number="1", division="ld", units=("ld_gov",)), "报告", on=dt.date(2024, 3, 1))
    late = accepted(make_task(number="2", division="ld", units=("ld_gov",)), "报告", on=dt.date(2022, 3, 1))
    for task in (soon, late):
        revisit = revisits.plan_revisit(acting_user=world.users["coord"], task=task, reason="群众反映")
        revisits.record_revisit(acting_user=world.users["coord"], revisit=revisit, visited_on=dt.date(2024, 7, 1),
                                people="张伟", findings="问题反弹", conclusion=Conclusion.REBOUND)
    assert _found(world, {"rebound_soon"}) == {("rebound_soon", "1", None)}


def test_burst_of_sign_offs_just_before_the_deadline(world, make_task, signed_off):
    deadline = dt.date(2024, 6, 30)
    for n in range(1, 6):  # five within three days, a week before the deadline
        signed_off(make_task(number=str(n), deadline=deadline), on=dt.date(2024, 6, 20 + n % 2))
    signed_off(make_task(number="9", deadline=dt.date(2024, 12, 31)), on=dt.date(2024, 6, 21))  # far from its own
    found = _found(world, {"burst"})
    assert {n for _r, n, _o in found} == {"1", "2", "3", "4", "5"}


def test_completion_after_sign_off_contradicts(world, make_task, signed_off):
    from ducha.ledger.models import Task

    task = make_task(number="1")
    Task.objects.filter(pk=task.pk).update(completed_on=dt.date(2024, 5, 20))
    signed_off(task, on=dt.date(2024, 5, 10))
    ok = make_task(number="2")
    Task.objects.filter(pk=ok.pk).update(completed_on=dt.date(2024, 5, 1))
    signed_off(ok, on=dt.date(2024, 5, 10))
    assert _found(world, {"dates"}) == {("dates", "1", None)}


@pytest.mark.parametrize("code", ["same_file", "similar_text", "burst", "self_acceptance", "no_onsite",
                                  "rebound_soon", "dates", "complaint_soon"])
def test_every_rule_is_registered_with_a_label(code):
    assert code in {r.code for r in rules.rules()} and rules.label_of(code) != code


def test_a_complaint_at_the_same_place_soon_after_sign_off(world, make_task, signed_off):
    from ducha.cases.models import Case, RepeatLink, RepeatStatus
    from ducha.cases.tests.outward_world import cases_world as _unused  # noqa: F401

    from ducha.cases.models import Batch, CaseSetup
    from ducha.ledger.models import Inspection

    task = signed_off(make_task(number="1"), on=dt.date(2024, 3, 1))
    other = signed_off(make_task(number="2"), on=dt.date(2024, 3, 1))
    inspection = Inspection.objects.create(name="浙江省第二轮生态环境保护督察", level="provincial",
                                           round_number=2, division=world.div["ls"])
    CaseSetup.objects.create(inspection=inspection, code="zj2")

    def case(number, day, **fields):
        batch = Batch.objects.get_or_create(inspection=inspection, number=number, defaults={"transferred_on": day})[0]
        return Case.objects.create(inspection=inspection, batch=batch, serial=number, transferred_on=day,
                                   number=f"X{number}", number_raw=f"X{number}", summary="石料厂粉尘", area_text="莲都区",
                                   division=world.div["ld"], scope_path=world.div["ld"].path, **fields)

    earlier, earlier_other = case(1, dt.date(2023, 9, 1), task=task), case(2, dt.date(2023, 9, 2), task=other)
    RepeatLink.objects.create(case=case(3, dt.date(2024, 5, 10)), earlier=earlier, reason="similar")  # 2 months on
    RepeatLink.objects.create(case=case(4, dt.date(2025, 5, 10)), earlier=earlier_other, reason="similar")  # too late
    dismissed = RepeatLink.objects.create(case=case(5, dt.date(2024, 4, 1)), earlier=earlier_other, reason="cited")
    RepeatLink.objects.filter(pk=dismissed.pk).update(status=RepeatStatus.DISMISSED)
    assert _found(world, {"complaint_soon"}) == {("complaint_soon", "1", None)}
