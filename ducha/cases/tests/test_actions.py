import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ducha.audit.models import AuditEntry
from ducha.cases import actions
from ducha.cases.models import Case, CaseState, Review, Routing
from ducha.ledger.models import TaskState
from ducha.notifications.todo import items_for

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 6, 12)


def test_routing_is_audited_and_lands_on_the_lead_units_my_work(world, routed):
    assert routed.routing == Routing.CONFIRMED and routed.lead_unit == world.units["ld_gov"]
    assert AuditEntry.objects.filter(action="cases.route", object_id=str(routed.pk)).exists()
    mine = [i for i in items_for(world.users["ld_officer"], TODAY) if i.section == "cases_handle"]
    assert [i.url for i in mine] == [routed.get_absolute_url()]
    assert not [i for i in items_for(world.users["qt_officer"], TODAY) if i.section == "cases_handle"]


def test_unmatched_case_routed_by_hand_and_office_sees_it_waiting(world, imported, inspection):
    from .tables import STANDARD, xlsx

    imported(xlsx({**STANDARD, "rows": [[*STANDARD["rows"][0][:3], "某某镇", *STANDARD["rows"][0][4:]]]}))
    case = Case.objects.get()
    waiting = [i for i in items_for(world.users["coord"], TODAY) if i.section == "cases_route"]
    assert len(waiting) == 1
    with pytest.raises(ValidationError):  # a division outside the inspection's
        actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["qt_gov"],
                           division="999999")
    done = actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["qt_gov"])
    assert done.division == world.div["qt"] and done.routing == Routing.CONFIRMED
    with pytest.raises(PermissionDenied):
        actions.route_case(acting_user=world.users["ld_officer"], case=done, lead_unit=world.units["ld_gov"])


def test_handling_figures_are_exact_and_bad_numbers_refused(world, routed):
    officer = world.users["ld_officer"]
    case = actions.record_handling(acting_user=officer, case=routed, investigation="现场核查属实。", verdict="true",
                                   handling="责令整改。", fine_yuan="12345.67", ordered_to_rectify=2)
    case.refresh_from_db()
    assert case.fine_yuan == Decimal("12345.67") and case.ordered_to_rectify == 2
    with pytest.raises(ValidationError) as error:
        actions.record_handling(acting_user=officer, case=case, fine_yuan="1.234")
    assert "fine_yuan" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.record_handling(acting_user=officer, case=case, interviews=-1)
    assert "interviews" in error.value.message_dict
    with pytest.raises(ValidationError):
        actions.record_handling(acting_user=officer, case=case, verdict="maybe")


def test_report_review_and_return(world, routed):
    officer, coord = world.users["ld_officer"], world.users["coord"]
    emptied = actions.record_handling(acting_user=officer, case=routed, investigation="", handling="")
    with pytest.raises(ValidationError):  # nothing to report
        actions.report_handling(acting_user=officer, case=emptied)
    case = actions.record_handling(acting_user=officer, case=emptied, investigation="核查属实。", verdict="true",
                                   handling="已整改。")
    case = actions.report_handling(acting_user=officer, case=case)
    assert case.review == Review.PENDING and case.reported_at is not None
    with pytest.raises(PermissionDenied):
        actions.review_case(acting_user=officer, case=case, approve=True)
    with pytest.raises(ValidationError):  # returning needs a reason
        actions.review_case(acting_user=coord, case=case, approve=False)
    case = actions.review_case(acting_user=coord, case=case, approve=True)
    assert case.review == Review.APPROVED
    case = actions.record_handling(acting_user=officer, case=case, handling="已整改，补充说明。")
    assert case.review == Review.NONE  # changed after approval: reviewed again before disclosure


def test_handling_saved_again_unchanged_writes_nothing_and_keeps_the_approval(world, routed, api):
    """Saving the handling record again with nothing changed (the form re-sent after approval, a PATCH
    without If-Match from a client retrying) is not a change: no new version, no audit entry, and the
    approved review is not undone (which would take the case back out of the disclosure queue)."""
    officer, coord = world.users["ld_officer"], world.users["coord"]
    case = actions.record_handling(acting_user=officer, case=routed, investigation="核查属实。", verdict="true",
                                   handling="已整改。")
    case = actions.review_case(acting_user=coord, case=actions.report_handling(acting_user=officer, case=case),
                               approve=True)
    version, entries = case.version, AuditEntry.objects.count()
    again = actions.record_handling(acting_user=officer, case=case, investigation="核查属实。", verdict="true",
                                    handling="已整改。", version=version)
    assert again.review == Review.APPROVED
    response = api("ld_officer").patch(f"/api/cases/{case.pk}/handling/", {"handling": "已整改。"}, format="json")
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.review == Review.APPROVED and case.version == version
    assert AuditEntry.objects.count() == entries


def test_routing_again_to_the_same_unit_writes_nothing_and_tells_nobody_twice(world, routed,
                                                                            django_capture_on_commit_callbacks):
    from ducha.notifications.models import Notification

    entries = AuditEntry.objects.filter(action="cases.route", object_id=str(routed.pk)).count()
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.route_case(acting_user=world.users["coord"], case=routed, lead_unit=world.units["ld_gov"],
                                   version=routed.version)
    assert again.version == routed.version
    assert AuditEntry.objects.filter(action="cases.route", object_id=str(routed.pk)).count() == entries
    assert not Notification.objects.filter(kind="cases.routed", created_at__gt=routed.routed_at).exists()
    with django_capture_on_commit_callbacks(execute=True):  # a real change is still written and told
        moved = actions.route_case(acting_user=world.users["coord"], case=routed, lead_unit=world.units["qt_gov"],
                                   division=world.div["qt"].code, version=routed.version)
    assert moved.lead_unit == world.units["qt_gov"] and moved.version == routed.version + 1
    assert Notification.objects.filter(kind="cases.routed", recipient=world.users["qt_officer"]).exists()


def test_stage_creates_a_linked_ledger_task(world, routed, case_plan):
    coord = world.users["coord"]
    with pytest.raises(PermissionDenied):  # only the office creates tasks
        actions.take(acting_user=world.users["ld_officer"], case=routed, name="stage",
                     deadline=dt.date.today() + dt.timedelta(days=90))
    case = actions.take(acting_user=coord, case=routed, name="stage", deadline=dt.date.today() + dt.timedelta(days=90),
                        measures="加装降尘设施，夜间停产。")
    assert case.state == CaseState.STAGED and case.task is not None
    task = case.task
    assert task.plan == case_plan and task.lead_unit == world.units["ld_gov"] and task.state == TaskState.NOT_STARTED
    assert task.problem.kind == "complaint" and task.problem.code == "D3ZJ202406110042"
    assert AuditEntry.objects.filter(action="cases.stage").exists()
    closed = actions.take(acting_user=world.users["ld_officer"], case=case, name="close")
    assert closed.state == CaseState.DONE


def test_callback_needs_a_contact(world, routed):
    with pytest.raises(ValidationError):
        actions.record_callback(acting_user=world.users["coord"], case=routed, result="satisfied")
    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    case = actions.record_callback(acting_user=world.users["coord"], case=routed, result="mostly", note="基本满意")
    assert case.callback == "mostly"


def test_complainant_seen_only_by_handling_unit_and_coordinator_every_view_audited(world, routed):
    actions.set_complainant(acting_user=world.users["coord"], case=routed, name="王某", contact="13900002222")
    assert actions.reveal_complainant(acting_user=world.users["ld_officer"], case=routed) == ("王某", "13900002222")
    assert actions.reveal_complainant(acting_user=world.users["coord"], case=routed)[0] == "王某"
    for name in ("qt_officer", "supervisor", "ld_leader", "eco_officer", "wz_coord"):
        with pytest.raises(PermissionDenied):
            actions.reveal_complainant(acting_user=world.users[name], case=routed)
    assert AuditEntry.objects.filter(action="cases.complainant_view", object_id=str(routed.pk)).count() == 2


def test_a_unit_only_proposed_by_the_rules_does_not_see_the_complainant(world, imported):
    """Imported with a routing rule, the case is proposed to 莲都区人民政府 and waits for the office: the
    rule may have guessed wrong, so the proposed unit's officers see no identity until it is confirmed."""
    from ducha.cases.models import RoutingRule

    from .tables import STANDARD, xlsx

    RoutingRule.objects.create(division=world.div["ld"], lead_unit=world.units["ld_gov"])
    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    assert case.routing == Routing.PROPOSED and case.lead_unit == world.units["ld_gov"]
    actions.set_complainant(acting_user=world.users["coord"], case=case, name="王某", contact="13900002222")
    with pytest.raises(PermissionDenied):
        actions.reveal_complainant(acting_user=world.users["ld_officer"], case=case)
    confirmed = actions.confirm_routes(acting_user=world.users["coord"], cases=[case])[0]
    assert actions.reveal_complainant(acting_user=world.users["ld_officer"], case=confirmed)[0] == "王某"


def test_overdue_reminder_once(world, routed, django_capture_on_commit_callbacks):
    from ducha.cases.actions.reminders import remind_overdue
    from ducha.notifications.models import Notification

    late = routed.due_on + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_overdue(late) == 1 and remind_overdue(late) == 0
    assert Notification.objects.filter(kind="cases.overdue", recipient=world.users["ld_officer"]).count() == 1
