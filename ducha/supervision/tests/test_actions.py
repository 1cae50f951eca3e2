"""Supervision actions: what users notice — numbers, states, who may do what, notifications, overdue."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ducha.audit.models import AuditEntry
from ducha.core.workflow import ProtectedStateError
from ducha.notifications.models import Notification
from ducha.supervision import actions
from ducha.supervision.models import Escalation, Kind, State, Supervision


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_letter_is_drafted_then_issued_with_the_next_number_of_the_year(
        world, letter, django_capture_on_commit_callbacks):
    first = letter("ld")
    assert (first.state, first.number) == (State.DRAFT, "")
    year = timezone.localdate().year
    with django_capture_on_commit_callbacks(execute=True):
        first = actions.issue(acting_user=world.users["coord"], record=first)
    second = actions.issue(acting_user=world.users["coord"], record=letter("qt"))
    assert first.state == State.ISSUED and first.number == f"丽督改函〔{year}〕1号"
    assert second.number == f"丽督改函〔{year}〕2号"
    assert first.issued_by == world.users["coord"] and first.issued_on == timezone.localdate()
    # The addressee's officers are told, after commit.
    note = Notification.objects.get(recipient=world.users["ld_officer"], kind="supervision.issue")
    assert first.number in note.title and note.url == f"/supervision/{first.pk}/"
    assert not Notification.objects.filter(recipient=world.users["qt_officer"],
                                           subject=f"supervision.supervision:{first.pk}")
    assert list(AuditEntry.objects.filter(object_type="supervision.supervision", object_id=str(first.pk))
                .values_list("action", flat=True)) == ["supervision.create", "supervision.issue"]


def test_number_prefix_and_format_are_configurable(world, letter, settings):
    settings.DUCHA_SUPERVISION_ABBREVIATIONS = {"331100": "丽水"}
    settings.DUCHA_SUPERVISION_NUMBER_FORMATS = {"order": "{abbr}督办〔{year}〕第{seq}号"}
    record = actions.issue(acting_user=world.users["coord"], record=letter("ld", kind="order"))
    assert record.number == f"丽水督办〔{timezone.localdate().year}〕第1号"
    # Orders and letters count apart.
    assert actions.issue(acting_user=world.users["coord"], record=letter("ld")).number.endswith("〕1号")


def test_the_state_changes_only_through_the_workflow(world, letter):
    record = letter("ld")
    with pytest.raises(ProtectedStateError):
        record.state = State.CLOSED
    with pytest.raises(ValidationError) as error:
        actions.close(acting_user=world.users["coord"], record=record)
    assert "state" in error.value.message_dict


def test_only_the_addressee_units_officers_reply_with_attachments(
        world, letter, png, django_capture_on_commit_callbacks):
    record = letter("ld", state="issued")
    for user in ("qt_officer", "eco_officer", "coord", "supervisor", "admin"):
        with pytest.raises(PermissionDenied):
            actions.reply(acting_user=world.users[user], record=record, text="已完成")
    with pytest.raises(ValidationError) as error:
        actions.reply(acting_user=world.users["ld_officer"], record=record, text="  ")
    assert "text" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        answer = actions.reply(acting_user=world.users["ld_officer"], record=record, text="已完成整改。",
                               files=[png()])
    record.refresh_from_db()
    assert record.state == State.REPLIED and answer.unit == world.units["ld_gov"]
    assert [a.file.original_name for a in answer.attachments.all()] == ["现场照片.png"]
    assert Notification.objects.filter(recipient=world.users["coord"], kind="supervision.reply").exists()


def test_a_bad_attachment_writes_nothing(world, letter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = letter("ld", state="issued")
    with pytest.raises(ValidationError) as error:
        actions.reply(acting_user=world.users["ld_officer"], record=record, text="见附件",
                      files=[SimpleUploadedFile("a.exe", b"MZ\x90\x00" * 50)])
    assert "files" in error.value.message_dict
    record.refresh_from_db()
    assert record.state == State.ISSUED and not record.replies.exists()


def test_the_office_closes_a_letter(world, letter):
    record = letter("ld", state="replied")
    with pytest.raises(PermissionDenied):
        actions.close(acting_user=world.users["supervisor"], record=record)
    record = actions.close(acting_user=world.users["coord"], record=record, note="整改到位")
    assert (record.state, record.close_note, record.closed_on) == (State.CLOSED, "整改到位", timezone.localdate())


def test_a_flag_is_a_thread_the_unit_answers_and_the_supervisor_closes(world, tasks, flag):
    record = flag("ld")
    assert (record.kind, record.state, record.unit, record.issued_by) == (
        Kind.FLAG, State.OPEN, world.units["ld_gov"], world.users["supervisor"])
    assert list(record.tasks.all()) == [tasks["ld"]]
    actions.reply(acting_user=world.users["ld_officer"], record=record, text="已重新核实，进度为 40%。")
    record.refresh_from_db()
    assert record.state == State.REPLIED
    with pytest.raises(PermissionDenied):
        actions.close(acting_user=world.users["ld_officer"], record=record)
    assert actions.close(acting_user=world.users["supervisor"], record=record).state == State.CLOSED


def test_the_office_may_close_a_flag_too(world, flag):
    assert actions.close(acting_user=world.users["coord"], record=flag("qt")).state == State.CLOSED


def test_flagging_needs_the_flag_permission_and_a_note(world, tasks):
    with pytest.raises(PermissionDenied):
        actions.flag_task(acting_user=world.users["ld_officer"], task=tasks["ld"], note="x")
    with pytest.raises(ValidationError) as error:
        actions.flag_task(acting_user=world.users["supervisor"], task=tasks["ld"], note=" ")
    assert error.value.message_dict == {"note": ["请填写督导意见。"]}
    with pytest.raises(ValidationError):
        actions.flag_task(acting_user=world.users["supervisor"], task=tasks["ld"], note="x" * 2001)


def test_listing_and_lifting_needs_a_reason(world, letter):
    record = letter("ld", kind="listed", state="listed")
    assert record.state == State.LISTED and record.listed_on == timezone.localdate() and record.number == ""
    actions.reply(acting_user=world.users["ld_officer"], record=record, text="正在整改")
    record.refresh_from_db()
    assert record.state == State.LISTED  # a listed record stays listed until lifted
    with pytest.raises(ValidationError) as error:
        actions.lift(acting_user=world.users["coord"], record=record, reason="")
    assert "reason" in error.value.message_dict
    record = actions.lift(acting_user=world.users["coord"], record=record, reason="整改到位，验收通过")
    assert (record.state, record.lift_reason) == (State.LIFTED, "整改到位，验收通过")


def test_kind_details_are_kept_and_foreign_ones_refused(world, tasks):
    record = actions.create_supervision(
        acting_user=world.users["coord"], kind=Kind.INTERVIEW, unit=world.units["ld_gov"], tasks=[tasks["ld"]],
        required="约谈莲都区政府主要负责人", meeting_on=dt.date(2026, 3, 5), participants="市整改办、莲都区政府",
        minutes="指出问题", commitments="一个月内整改到位")
    assert (record.meeting_on, record.commitments) == (dt.date(2026, 3, 5), "一个月内整改到位")
    with pytest.raises(ValidationError) as error:
        actions.create_supervision(acting_user=world.users["coord"], kind=Kind.LETTER, unit=world.units["ld_gov"],
                                   required="x", bulletin_title="通报")
    assert "bulletin_title" in error.value.message_dict


def test_creating_checks_the_office_the_unit_and_the_tasks(world, tasks):
    with pytest.raises(PermissionDenied):
        actions.create_supervision(acting_user=world.users["wz_coord"], kind=Kind.LETTER,
                                   unit=world.units["wz_eco"], required="x", division=world.div["ls"])
    with pytest.raises(ValidationError) as error:
        actions.create_supervision(acting_user=world.users["wz_coord"], kind=Kind.LETTER,
                                   unit=world.units["wz_eco"], tasks=[tasks["ld"]], required="x")
    assert "tasks" in error.value.message_dict
    # An office addresses the units of its own division and below, never another city's.
    with pytest.raises(ValidationError) as error:
        actions.create_supervision(acting_user=world.users["wz_coord"], kind=Kind.LETTER,
                                   unit=world.units["ld_gov"], required="x")
    assert "unit" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.create_supervision(acting_user=world.users["coord"], kind=Kind.LETTER, unit=world.units["ld_gov"],
                                   division=world.div["qt"], required="x")
    assert "unit" in error.value.message_dict
    for bad, field in [({"required": ""}, "required"), ({"unit": None}, "unit"), ({"kind": "flag"}, "kind"),
                       ({"tasks": list(range(1, 300))}, "tasks")]:
        fields = {"kind": Kind.LETTER, "unit": world.units["ld_gov"], "required": "x", **bad}
        with pytest.raises(ValidationError) as error:
            actions.create_supervision(acting_user=world.users["coord"], **fields)
        assert field in error.value.message_dict
    assert not Supervision.objects.exists()


def test_draft_letter_is_easy_to_call_for_the_warning_rules(world, tasks):
    record = actions.draft_letter(acting_user=None, unit=world.units["ld_gov"], tasks=[tasks["ld"]],
                                  required="请说明连续两次黄色预警的原因", reply_by=dt.date(2030, 1, 1),
                                  reason="连续两次黄色预警")
    assert (record.kind, record.state, record.division) == (Kind.LETTER, State.DRAFT, world.div["ld"])
    # A city department addressed about a county's task: the city's office holds the letter.
    city = actions.draft_letter(acting_user=None, unit=world.units["eco"], tasks=[tasks["ld"]], required="请说明原因")
    assert city.division == world.div["ls"]
    by_office = actions.draft_letter(acting_user=world.users["coord"], unit=world.units["ld_gov"],
                                     tasks=[tasks["ld"]], required="请说明原因")
    assert by_office.division == world.div["ls"]


def test_overdue_replies_are_listed_and_escalated_once(world, letter, django_capture_on_commit_callbacks):
    late = letter("ld", state="issued", reply_by=dt.date(2026, 1, 10))
    answered = letter("qt", state="replied", reply_by=dt.date(2026, 1, 10))
    letter("qt", state="draft", reply_by=dt.date(2026, 1, 10))  # not issued: owes nothing yet
    assert list(actions.overdue_supervisions(dt.date(2026, 1, 10))) == []
    assert list(actions.overdue_supervisions(dt.date(2026, 1, 11))) == [late]
    assert late.is_overdue(dt.date(2026, 1, 11)) and not answered.is_overdue(dt.date(2026, 1, 11))
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.escalate_overdue(dt.date(2026, 1, 11)) == 1
    assert actions.escalate_overdue(dt.date(2026, 1, 12)) == 0
    assert Escalation.objects.get().supervision == late
    assert AuditEntry.objects.filter(action="supervision.escalate", object_id=str(late.pk)).count() == 1
    assert Notification.objects.filter(recipient=world.users["coord"], kind="supervision.overdue").count() == 1


def test_a_wenzhou_coordinator_sees_nothing_of_lishui(world, letter, flag):
    letter("ld", state="issued")
    flag("qt")
    assert not Supervision.objects.restrict(world.users["wz_coord"]).exists()
    assert Supervision.objects.restrict(world.users["coord"]).count() == 2
    assert Supervision.objects.restrict(world.users["ld_officer"]).count() == 1
    assert Supervision.objects.restrict(world.users["ld_leader"]).count() == 1


def test_todo_sections(world, letter, flag):
    from ducha.notifications import todo

    owed = letter("ld", state="issued")
    letter("ld")  # a draft owes nothing
    raised = flag("qt")
    items = todo.items_for(world.users["ld_officer"], timezone.localdate())
    assert [(i.section, i.key, i.due) for i in items if i.section == "replies_owed"] == [
        ("replies_owed", f"supervision:{owed.pk}", owed.reply_by)]
    mine = [i for i in todo.items_for(world.users["supervisor"], timezone.localdate()) if i.section == "flags_raised"]
    assert [i.key for i in mine] == [f"supervision:{raised.pk}"]
    sections = {s.code: s for s in todo.sections()}
    assert sections["replies_owed"].in_digest and not sections["flags_raised"].in_digest
    actions.close(acting_user=world.users["supervisor"], record=raised)
    later = todo.items_for(world.users["supervisor"], timezone.localdate())
    assert not [i for i in later if i.section == "flags_raised"]


def test_old_task_flags_are_copied_into_supervision_records(world, tasks):
    """Migration 0002 copied the ledger's old TaskFlag rows (the table is gone since ledger 0007): its
    function runs here on stand-in rows shaped like them."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps as live_apps

    now = timezone.now()
    old = [SimpleNamespace(task=tasks["ld"], raised_by_id=world.users["supervisor"].pk, note="旧标记",
                           resolved=False, created_at=now),
           SimpleNamespace(task=tasks["qt"], raised_by_id=world.users["supervisor"].pk, note="已处理的旧标记",
                           resolved=True, created_at=now)]

    class Rows:
        def select_related(self, *names):
            return self

        def order_by(self, *names):
            return self

        def iterator(self):
            return iter(old)

    class Apps:
        def get_model(self, app_label, name):
            if (app_label, name) == ("ledger", "TaskFlag"):
                return SimpleNamespace(objects=Rows())
            return live_apps.get_model(app_label, name)

    migration = importlib.import_module("ducha.supervision.migrations.0002_copy_task_flags")
    migration.copy_flags(Apps(), None)
    copied = {r.required: r for r in Supervision.objects.filter(kind=Kind.FLAG)}
    assert copied["旧标记"].state == State.OPEN and list(copied["旧标记"].tasks.all()) == [tasks["ld"]]
    assert copied["已处理的旧标记"].state == State.CLOSED
    assert copied["旧标记"].unit == world.units["ld_gov"] and copied["旧标记"].issued_by == world.users["supervisor"]


@pytest.mark.parametrize("kind", [k for k in Kind.values if k != Kind.FLAG])
@pytest.mark.parametrize("role, allowed", [("admin", True), ("coord", True), ("supervisor", False),
                                           ("ld_officer", False), ("ld_leader", False), ("wz_coord", False)])
def test_every_kind_is_created_by_the_office_only(world, tasks, kind, role, allowed):
    fields = dict(acting_user=world.users[role], kind=kind, unit=world.units["ld_gov"], required="限期整改")
    if allowed:
        record = actions.create_supervision(**fields, tasks=[tasks["ld"]])
        assert record.state == State.DRAFT and actions.available(world.users["coord"], record)[0].name == "issue"
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            actions.create_supervision(**fields, tasks=[tasks["ld"]] if role != "wz_coord" else [])
        assert not Supervision.objects.exists()


def test_the_escalate_command(world, letter):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    letter("ld", state="issued", reply_by=dt.date(2026, 1, 10))
    out = StringIO()
    call_command("supervision", "escalate", "--date", "2026-01-11", stdout=out)
    assert out.getvalue().strip() == "已升级 1 项回复逾期的督办"
    with pytest.raises(CommandError):
        call_command("supervision", "escalate", "--date", "2026-13-40")


def test_the_office_corrects_a_draft_before_issuing_it(world, tasks, letter):
    record = actions.draft_letter(acting_user=None, unit=world.units["ld_gov"], tasks=[tasks["ld"]],
                                  required="请说明原因", reason="连续两次黄色预警")
    with pytest.raises(PermissionDenied):
        actions.update_draft(acting_user=world.users["ld_officer"], record=record, required="x")
    with pytest.raises(PermissionDenied):
        actions.update_draft(acting_user=world.users["wz_coord"], record=record, required="x")
    with pytest.raises(ValidationError) as error:
        actions.update_draft(acting_user=world.users["coord"], record=record, minutes="x")
    assert "minutes" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.update_draft(acting_user=world.users["coord"], record=record, unit=world.units["wz_eco"])
    assert "unit" in error.value.message_dict
    record = actions.update_draft(acting_user=world.users["coord"], record=record, version=record.version,
                                  required="请于 7 日内书面说明原因", reply_by=dt.date(2030, 3, 1))
    assert (record.required, record.reply_by, record.version) == ("请于 7 日内书面说明原因", dt.date(2030, 3, 1), 2)
    assert AuditEntry.objects.filter(action="supervision.update", object_id=str(record.pk)).count() == 1
    actions.update_draft(acting_user=world.users["coord"], record=record, required="请于 7 日内书面说明原因")
    assert AuditEntry.objects.filter(action="supervision.update", object_id=str(record.pk)).count() == 1
    issued = actions.issue(acting_user=world.users["coord"], record=record)
    with pytest.raises(ValidationError) as error:
        actions.update_draft(acting_user=world.users["coord"], record=issued, required="x")
    assert "state" in error.value.message_dict


def test_a_draft_is_the_offices_own_until_it_is_issued(world, letter, client):
    """The addressee's officers, and the county's own coordinator and leader (who read along the addressee's
    line), do not see a letter the city office is still drafting; they do once it is issued."""
    draft = letter("ld")
    addressee_line = ("ld_officer", "ld_leader")
    for name in addressee_line:
        assert not Supervision.objects.restrict(world.users[name]).exists(), name
    assert Supervision.objects.restrict(world.users["coord"]).get() == draft
    client.force_login(world.users["ld_officer"])
    task_page = reverse("ledger:task_detail", args=[draft.tasks.get().pk])
    page = client.get(task_page)
    marker = f'data-supervision-id="{draft.pk}"'  # the record's line in the task page's supervision panel
    assert page.status_code == 200 and 'id="flags"' in page.content.decode() and marker not in page.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    actions.issue(acting_user=world.users["coord"], record=draft)
    for name in addressee_line:
        assert Supervision.objects.restrict(world.users[name]).get() == draft, name
    assert marker in client.get(task_page).content.decode()
