"""Proposing, deciding and what decided warnings bring."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.ledger.models import Task
from ducha.notifications.models import Notification
from ducha.warnings import actions
from ducha.warnings.models import Consequence, TaskWarning, WarningRules


def _by_task(month):
    return {w.task_id: w for w in TaskWarning.objects.filter(month=month)}


def test_proposals_colour_each_open_task_with_reasons(world, three, month, make_task):
    blue, yellow, red = three
    done = make_task(number="9")
    Task.objects.filter(pk=done.pk).update(state="completed", progress=100)
    counts = actions.propose_month(acting_user=world.users["coord"], month="2024-08")
    assert counts == {"created": 3, "updated": 0, "unchanged": 0, "decided": 0}
    found = _by_task(month)
    assert {pk: w.proposed for pk, w in found.items()} == {blue.pk: "blue", yellow.pk: "yellow", red.pk: "red"}
    # dated (the month's last day, the day it is judged on), not "今日": the reason is read long after
    assert "按计划截至 2024-08-31 应完成约 67%，实际 55%" in found[yellow.pk].reasons
    assert found[red.pk].reasons.startswith("超过整改时限仍未完成。")
    assert AuditEntry.objects.filter(action="warning.propose").count() == 1


def test_proposing_twice_adds_nothing_and_leaves_decided_ones(world, three, month, facts):
    blue, yellow, red = three
    actions.propose_month(acting_user=None, month=month)
    actions.confirm_warning(acting_user=world.users["coord"], warning=_by_task(month)[yellow.pk])
    facts(blue, progress=10)  # now far behind
    counts = actions.propose_month(acting_user=None, month=month)
    assert counts == {"created": 0, "updated": 1, "unchanged": 1, "decided": 1}
    assert TaskWarning.objects.count() == 3
    assert _by_task(month)[blue.pk].proposed == "red"  # 57 points behind ≥ 30


def test_a_provincial_bulletin_turns_the_proposal_red(world, three, month):
    blue = three[0]
    actions.record_external_event(acting_user=world.users["coord"], task=blue, kind="bulletin", level="provincial",
                                  occurred_on=dt.date(2024, 8, 10), source="浙环督办〔2024〕3号")
    actions.record_external_event(acting_user=world.users["coord"], task=three[1], kind="media", level="city",
                                  occurred_on=dt.date(2024, 8, 10), source="丽水日报")
    actions.propose_month(acting_user=None, month=month)
    found = _by_task(month)
    assert found[blue.pk].proposed == "red" and "被省级通报批评（浙环督办〔2024〕3号）" in found[blue.pk].reasons
    assert found[three[1].pk].proposed == "yellow"  # a city paper does not turn it red


def test_confirming_sets_the_task_colour_history_audit_and_notifies_the_lead_unit(world, three, month):
    actions.propose_month(acting_user=None, month=month)
    yellow = _by_task(month)[three[1].pk]
    with_commit = actions.confirm_warning(acting_user=world.users["coord"], warning=yellow)
    assert (with_commit.state, with_commit.colour, with_commit.decided_by) == ("confirmed", "yellow",
                                                                               world.users["coord"])
    assert Task.objects.get(pk=three[1].pk).warning == "yellow"
    entry = AuditEntry.objects.filter(action="warning.confirm").get()
    assert entry.scope_path == world.div["ls"].path
    with pytest.raises(ValidationError) as refused:
        actions.confirm_warning(acting_user=world.users["coord"], warning=yellow)
    assert refused.value.message_dict["state"] == ["该预警已确认，不能再次处理。"]  # not 已已确认


def test_notification_reaches_the_lead_units_officers(world, three, month, django_capture_on_commit_callbacks):
    actions.propose_month(acting_user=None, month=month)
    with django_capture_on_commit_callbacks(execute=True):
        actions.confirm_warning(acting_user=world.users["coord"], warning=_by_task(month)[three[2].pk])
    note = Notification.objects.get()
    assert note.recipient == world.users["eco_officer"] and "红灯" in note.title


def test_override_needs_a_reason_and_another_colour(world, three, month):
    actions.propose_month(acting_user=None, month=month)
    warning = _by_task(month)[three[0].pk]
    coord = world.users["coord"]
    with pytest.raises(ValidationError) as e:
        actions.override_warning(acting_user=coord, warning=warning, colour="yellow", reason=" ")
    assert "reason" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        actions.override_warning(acting_user=coord, warning=warning, colour="blue", reason="同上")
    assert "colour" in e.value.message_dict
    done = actions.override_warning(acting_user=coord, warning=warning, colour="yellow", reason="现场核查发现进度虚报")
    assert (done.state, done.colour, done.override_reason) == ("overridden", "yellow", "现场核查发现进度虚报")


def test_two_yellows_bring_a_letter_and_a_red_an_interview(world, make_task, facts):
    task = make_task(deadline=dt.date(2024, 12, 31))
    facts(task, progress=40)
    coord = world.users["coord"]
    for month in (dt.date(2024, 7, 1), dt.date(2024, 8, 1)):
        actions.propose_month(acting_user=None, month=month)
        actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(task=task, month=month))
    letter = Consequence.objects.get()
    assert (letter.kind, letter.points, letter.unit) == ("letter", Decimal("1"), world.units["eco"])
    assert letter.warnings.count() == 2
    facts(task, progress=10)
    actions.propose_month(acting_user=None, month=dt.date(2024, 9, 1))
    actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(task=task, month="2024-09-01"))
    interview = Consequence.objects.get(kind="interview")
    assert interview.points == Decimal("2")
    assert Task.objects.get(pk=task.pk).warning == "red"


def test_rules_are_data_the_administrator_changes(world, make_task, facts):
    task = make_task(deadline=dt.date(2024, 12, 31))
    facts(task, progress=40)
    with pytest.raises(PermissionDenied):
        actions.update_rules(acting_user=world.users["coord"], yellows_for_letter=1)
    actions.update_rules(acting_user=world.users["admin"], yellows_for_letter=1, letter_points=Decimal("0.5"))
    actions.propose_month(acting_user=None, month=dt.date(2024, 8, 1))
    actions.confirm_warning(acting_user=world.users["coord"], warning=TaskWarning.objects.get())
    assert Consequence.objects.get().points == Decimal("0.5")
    assert WarningRules.current().yellows_for_letter == 1


def test_confirm_all_blue_in_one_go(world, three, month):
    actions.propose_month(acting_user=None, month=month)
    assert actions.confirm_blue(acting_user=world.users["coord"], month="2024-08") == 1
    assert set(TaskWarning.objects.filter(state="confirmed").values_list("colour", flat=True)) == {"blue"}
    assert actions.confirm_blue(acting_user=world.users["coord"], month="2024-08") == 0


def test_an_older_month_does_not_overwrite_a_newer_colour(world, make_task, facts):
    task = make_task(deadline=dt.date(2024, 12, 31))
    facts(task, progress=40)
    coord = world.users["coord"]
    actions.propose_month(acting_user=None, month="2024-07")
    actions.propose_month(acting_user=None, month="2024-08")
    actions.override_warning(acting_user=coord, warning=TaskWarning.objects.get(month="2024-08-01"), colour="blue",
                             reason="已约谈，措施到位")
    actions.confirm_warning(acting_user=coord, warning=TaskWarning.objects.get(month="2024-07-01"))
    assert Task.objects.get(pk=task.pk).warning == "blue"


def test_future_months_and_bad_months_are_refused(world):
    with pytest.raises(ValidationError) as e:
        actions.propose_month(acting_user=None, month="2999-01")
    assert "month" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        actions.propose_month(acting_user=None, month="2024-13")
    assert "month" in e.value.message_dict
